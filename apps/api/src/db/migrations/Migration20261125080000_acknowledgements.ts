import { Migration } from '@mikro-orm/migrations';

/**
 * Acknowledgement rounds of policy revisions (XIII, XVII, XVIII, XX, XXIV, XXVI, XXVII; README
 * "Acknowledgements").
 *
 * - `acknowledgement_round`: one per revision of the policy, with its due date and, for a
 *   one-school round, the school. Who must acknowledge is not stored: it is computed when read
 *   (active staff, of the school), so joiners are included and leavers drop out. At most one
 *   round is current (not superseded); opening one for a newer revision supersedes it.
 * - `acknowledgement`: who acknowledged which round (and revision), when; once per person and
 *   round, and never changed or deleted afterwards (it is the record the district relies on).
 * - `acknowledgement_reminder`: the reminders mailed, one per person and week at most (the
 *   primary key), so two API processes sweeping at the same moment cannot both mail someone.
 */
export class Migration20261125080000_acknowledgements extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "acknowledgement_round" (
      "id" uuid not null,
      "revision_date" date not null,
      "due_date" date not null,
      "school_id" uuid null,
      "sections" text[] not null,
      "opened_by_id" uuid null,
      "opened_at" timestamptz not null default now(),
      "superseded_at" timestamptz null,
      "superseded_by_id" uuid null,
      constraint "acknowledgement_round_pkey" primary key ("id"),
      constraint "acknowledgement_round_revision_date_unique" unique ("revision_date"),
      constraint "acknowledgement_round_due_check" check ("due_date" >= "revision_date"),
      constraint "acknowledgement_round_sections_check" check (cardinality("sections") > 0),
      constraint "acknowledgement_round_school_id_foreign" foreign key ("school_id") references "organization" ("id") on update cascade on delete restrict,
      constraint "acknowledgement_round_opened_by_id_foreign" foreign key ("opened_by_id") references "staff" ("id") on update cascade on delete set null,
      constraint "acknowledgement_round_superseded_by_id_foreign" foreign key ("superseded_by_id") references "acknowledgement_round" ("id") on update cascade on delete restrict);`);
    // At most one current round: a second admin opening a round at the same moment fails here
    // rather than leaving two rounds both asking to be acknowledged.
    this.addSql(`create unique index "acknowledgement_round_current" on "acknowledgement_round" ((true)) where "superseded_at" is null;`);

    this.addSql(`create table "acknowledgement" (
      "id" uuid not null,
      "round_id" uuid not null,
      "staff_id" uuid not null,
      "revision_date" date not null,
      "acknowledged_at" timestamptz not null default now(),
      constraint "acknowledgement_pkey" primary key ("id"),
      constraint "acknowledgement_once" unique ("round_id", "staff_id"),
      constraint "acknowledgement_round_id_foreign" foreign key ("round_id") references "acknowledgement_round" ("id") on update cascade on delete restrict,
      constraint "acknowledgement_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade on delete restrict);`);
    this.addSql(`create index "acknowledgement_staff_id_index" on "acknowledgement" ("staff_id");`);
    this.addSql(`create function acknowledgement_guard() returns trigger language plpgsql as $$
      begin
        raise exception 'an acknowledgement is a record: it is never changed or deleted' using errcode = 'check_violation';
      end $$;`);
    this.addSql(`create trigger acknowledgement_guard before update or delete on "acknowledgement"
      for each row execute function acknowledgement_guard();`);

    this.addSql(`create table "acknowledgement_reminder" (
      "staff_id" uuid not null,
      "week" date not null,
      "round_id" uuid not null,
      "sent_at" timestamptz not null,
      "notification_id" uuid null,
      constraint "acknowledgement_reminder_pkey" primary key ("staff_id", "week"),
      constraint "acknowledgement_reminder_week_check" check (extract(isodow from "week") = 1),
      constraint "acknowledgement_reminder_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade on delete cascade,
      constraint "acknowledgement_reminder_round_id_foreign" foreign key ("round_id") references "acknowledgement_round" ("id") on update cascade on delete restrict);`);
    this.addSql(`create index "acknowledgement_reminder_round_id_index" on "acknowledgement_reminder" ("round_id", "staff_id");`);
  }
}
