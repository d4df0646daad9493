import { Migration } from '@mikro-orm/migrations';

/**
 * The mail outbox (issue 12; README "Mail"). A notice is a row written in the same transaction as
 * the change that calls for it, so it exists exactly when that change committed; the dispatcher
 * delivers it later over SMTP and records one `notification_attempt` per try.
 *
 * While a dispatcher sends, the row is leased: `lease_owner` names the process and
 * `next_attempt_at` is pushed to the lease's end, so the single "due" index serves both the
 * first pick and the pick-up of a lease a crashed process left behind.
 */
export class Migration20261125060000_notifications extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "notification" (
      "id" uuid not null default gen_random_uuid(),
      "purpose" text not null,
      "subject_type" text not null,
      "subject_id" text not null,
      "recipient_email" text not null,
      "recipient_staff_id" uuid null,
      "subject" text not null,
      "body_text" text not null,
      "body_html" text null,
      "attachments" jsonb not null default '[]',
      "status" text not null default 'QUEUED',
      "attempts" integer not null default 0,
      "next_attempt_at" timestamptz null default now(),
      "lease_owner" text null,
      "last_error" text null,
      "delivered_at" timestamptz null,
      "message_id" text null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "notification_pkey" primary key ("id"),
      constraint "notification_status_check" check ("status" in ('QUEUED', 'RETRYING', 'DELIVERED', 'FAILED')),
      constraint "notification_attempts_check" check ("attempts" >= 0),
      constraint "notification_recipient_staff_id_foreign" foreign key ("recipient_staff_id") references "staff" ("id") on update cascade on delete set null);`);
    // The dispatcher's pick: due rows that are still to be delivered, oldest due first.
    this.addSql(`create index "notification_due_index" on "notification" ("next_attempt_at", "id") where "status" in ('QUEUED', 'RETRYING');`);
    // The Outbox list (newest first) and a subject's notices (a case's two notices). The subject
    // index leads with the id, so it serves both (subject_type, subject_id) lookups and the
    // Outbox's filter by subject id alone.
    this.addSql(`create index "notification_created_at_index" on "notification" ("created_at" desc, "id" desc);`);
    this.addSql(`create index "notification_subject_index" on "notification" ("subject_id", "subject_type");`);
    this.addSql(`create index "notification_status_created_index" on "notification" ("status", "created_at" desc, "id" desc);`);
    this.addSql(`create index "notification_recipient_staff_id_index" on "notification" ("recipient_staff_id");`);

    this.addSql(`create table "notification_attempt" (
      "id" uuid not null default gen_random_uuid(),
      "notification_id" uuid not null,
      "attempt" integer not null,
      "dispatcher" text not null,
      "attempted_at" timestamptz not null default now(),
      "outcome" text not null default 'SENDING',
      "error" text null,
      "smtp_response" text null,
      "duration_ms" integer null,
      constraint "notification_attempt_pkey" primary key ("id"),
      constraint "notification_attempt_outcome_check" check ("outcome" in ('SENDING', 'DELIVERED', 'RETRY', 'FAILED', 'LEASE_EXPIRED')),
      constraint "notification_attempt_notification_id_foreign" foreign key ("notification_id") references "notification" ("id") on delete cascade);`);
    this.addSql(`create index "notification_attempt_notification_index" on "notification_attempt" ("notification_id", "attempted_at");`);
  }
}
