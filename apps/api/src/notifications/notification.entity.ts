import { randomUUID } from 'node:crypto';
import { Entity, ManyToOne, PrimaryKey, Property, type Opt } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Staff } from '../staff/staff.entity.js';

export enum NotificationStatus {
  QUEUED = 'QUEUED',
  RETRYING = 'RETRYING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(NotificationStatus, {
  name: 'NotificationStatus',
  description: 'Where a notice stands in the outbox.',
  valuesConfig: {
    QUEUED: { description: 'Written, not tried yet (or being sent right now).' },
    RETRYING: { description: 'A try failed for a reason that may pass; it will be tried again.' },
    DELIVERED: { description: "The district's mail server accepted it." },
    FAILED: { description: 'Refused for good, or every try failed; someone has to look at it.' },
  },
});

/** A stored attachment: the content is kept as UTF-8 text (copies of removed content, JSON). */
export interface StoredAttachment {
  filename: string;
  contentType: string;
  content: string;
}

@ObjectType({ simpleResolvers: true, description: 'An attachment of a notice (its content is not exposed here).' })
export class NotificationAttachment {
  @Field(() => String, { description: 'File name.' })
  filename!: string;

  @Field(() => String, { description: 'MIME type.' })
  contentType!: string;

  @Field(() => Int, { description: 'Size in bytes.' })
  size!: number;
}

/**
 * One mail of the transactional outbox. Written in the caller's transaction
 * (`enqueueNotifications`), delivered by the dispatcher, never edited by people.
 */
@ObjectType({ simpleResolvers: true, description: 'One mail of the outbox and its delivery state.' })
@Entity({ tableName: 'notification' })
export class Notification {
  @Field(() => ID, { description: 'Identifier (also in the Message-ID).' })
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @Field(() => String, { description: "Why it is sent, e.g. 'COPY_TO_SUPERINTENDENT'." })
  @Property({ type: 'text' })
  purpose!: string;

  @Field(() => String, { description: "Kind of record it is about, e.g. 'moderation_case'." })
  @Property({ type: 'text' })
  subjectType!: string;

  @Field(() => ID, { description: 'Id of the record it is about.' })
  @Property({ type: 'text' })
  subjectId!: string;

  @Field(() => String, { description: 'Recipient address.' })
  @Property({ type: 'text' })
  recipientEmail!: string;

  @ManyToOne(() => Staff, { nullable: true, deleteRule: 'set null' })
  recipientStaff: Staff | null = null;

  @Field(() => String, { description: 'Subject line.' })
  @Property({ type: 'text' })
  subject!: string;

  /** Exposed as `text` (notifications.resolver.ts). */
  @Property({ type: 'text' })
  bodyText!: string;

  @Property({ type: 'text', nullable: true })
  bodyHtml: string | null = null;

  @Property({ type: 'json' })
  attachments: Opt<StoredAttachment[]> = [];

  @Field(() => NotificationStatus, { description: 'Delivery state.' })
  @Property({ type: 'text' })
  status: Opt<NotificationStatus> = NotificationStatus.QUEUED;

  @Field(() => Int, { description: 'How many tries so far.' })
  @Property({ type: 'integer' })
  attempts: Opt<number> = 0;

  @Field(() => Date, { nullable: true, description: 'When the next try is due (null once delivered or failed).' })
  @Property({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null = new Date();

  /** The dispatcher holding the lease while it sends (null otherwise). */
  @Property({ type: 'text', nullable: true })
  leaseOwner: string | null = null;

  @Field(() => String, { nullable: true, description: "The last try's error or the server's answer." })
  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When the mail server accepted it.' })
  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null = null;

  /**
   * The Message-ID, derived from the id when first tried and kept, so a re-send after a crash
   * carries the same one and receivers can de-duplicate it.
   */
  @Property({ type: 'text', nullable: true })
  messageId: string | null = null;

  @Field(() => Date, { description: 'When it was written.' })
  @Property({ type: 'timestamptz' })
  createdAt: Opt<Date> = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Opt<Date> = new Date();

  /** Filled by the list read (no attachment content leaves the database for a list). */
  attachmentInfo?: NotificationAttachment[];
}

/** One try to deliver a notice: who tried, when, what the server said. */
@ObjectType({ simpleResolvers: true, description: 'One try to deliver a notice (the delivery log).' })
@Entity({ tableName: 'notification_attempt' })
export class NotificationAttempt {
  @PrimaryKey({ type: 'uuid' })
  id: Opt<string> = randomUUID();

  @ManyToOne(() => Notification, { deleteRule: 'cascade' })
  notification!: Notification;

  @Field(() => Int, { description: 'Which try (1 for the first).' })
  @Property({ type: 'integer' })
  attempt!: number;

  /** host:pid of the API process that tried (for operators; not exposed). */
  @Property({ type: 'text' })
  dispatcher!: string;

  @Field(() => Date, { description: 'When the try started.' })
  @Property({ type: 'timestamptz' })
  attemptedAt: Opt<Date> = new Date();

  @Field(() => String, {
    description:
      'SENDING (in progress), DELIVERED, RETRY (failed, will be tried again), FAILED (final), or LEASE_EXPIRED (the process stopped mid-try; it may have been delivered).',
  })
  @Property({ type: 'text' })
  outcome: Opt<string> = 'SENDING';

  @Field(() => String, { nullable: true, description: 'What went wrong, if anything.' })
  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Field(() => String, { nullable: true, description: "The mail server's answer, e.g. \"250 OK\" or \"550 No such user\"." })
  @Property({ type: 'text', nullable: true })
  smtpResponse: string | null = null;

  @Field(() => Int, { nullable: true, description: 'How long the try took, in milliseconds.' })
  @Property({ type: 'integer', nullable: true })
  durationMs: number | null = null;
}
