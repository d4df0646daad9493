import { Field, ID, InputType } from 'type-graphql';
import { PageOf } from '../server/pagination.js';
import { Notification, NotificationStatus } from './notification.entity.js';

@InputType({ description: 'Narrows the outbox; fields combine with AND.' })
export class NotificationFilter {
  @Field(() => NotificationStatus, { nullable: true, description: 'Only notices in this state.' })
  status?: NotificationStatus | null;

  @Field(() => ID, { nullable: true, description: "Only notices about this record (e.g. a case's two notices)." })
  subjectId?: string | null;
}

export const NotificationPage = PageOf(Notification, 'Notification');
