import { Arg, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../server/context.js';
import { PageInput } from '../server/pagination.js';
import { Notification, NotificationAttachment } from './notification.entity.js';
import { listNotifications } from './notifications.service.js';
import { NotificationFilter, NotificationPage } from './notifications.types.js';

@Resolver(() => Notification)
export class NotificationsResolver {
  @Authorized('notification.read')
  @Query(() => NotificationPage, {
    description: 'The mail outbox, newest first (notification.read: district admin, auditor).',
  })
  notifications(
    @Ctx() ctx: Context,
    @Arg('filter', () => NotificationFilter, { nullable: true }) filter?: NotificationFilter,
    @Arg('page', () => PageInput, { nullable: true }) page?: PageInput,
  ) {
    return listNotifications(ctx.em, filter, page);
  }

  @FieldResolver(() => String, { description: 'Plain-text body.' })
  text(@Root() n: Notification): string {
    return n.bodyText;
  }

  @FieldResolver(() => [NotificationAttachment], { description: 'Attachments: name, type and size.' })
  attachments(@Root() n: Notification): NotificationAttachment[] {
    if (n.attachmentInfo) return n.attachmentInfo;
    // Loaded as an entity (not through the list): measure the stored content.
    return (n.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      size: Buffer.byteLength(a.content, 'utf8'),
    }));
  }
}
