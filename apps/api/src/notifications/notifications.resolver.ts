import type DataLoader from 'dataloader';
import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireActor } from '../auth/scope.js';
import type { Context } from '../server/context.js';
import { PageInput } from '../server/pagination.js';
import { Notification, NotificationAttachment, NotificationAttempt } from './notification.entity.js';
import { attemptLoader, getNotification, listNotifications, retryNotification } from './notifications.service.js';
import { NotificationFilter, NotificationPage } from './notifications.types.js';

/** The attempt loader of each request (keyed by the request's EntityManager fork). */
const attemptLoaders = new WeakMap<object, DataLoader<string, NotificationAttempt[]>>();

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

  @Authorized('notification.read')
  @Query(() => Notification, { description: 'One notice of the outbox, with its delivery log (notification.read).' })
  notification(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return getNotification(ctx.em, id);
  }

  @Authorized('notification.retry')
  @Mutation(() => Notification, {
    description:
      'Sends a FAILED message again (district admin, audited): queued now with a fresh set of tries; ' +
      'the delivery log keeps the earlier ones. Anything not FAILED gets CONFLICT.',
  })
  retryNotification(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return retryNotification(ctx.em, requireActor(ctx.actor), id, ctx.requestId);
  }

  @FieldResolver(() => [NotificationAttempt], {
    description: 'Every try to deliver it, oldest first: when, the outcome, the server\'s answer.',
  })
  attemptLog(@Root() n: Notification, @Ctx() ctx: Context) {
    let loader = attemptLoaders.get(ctx.em);
    if (!loader) {
      loader = attemptLoader(ctx.em);
      attemptLoaders.set(ctx.em, loader);
    }
    return loader.load(n.id);
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
