import { Migration } from '@mikro-orm/migrations';

/**
 * Obligations of school-affiliated accounts (issue 13; README "Required interactions and
 * questions about content"):
 * - `required_interaction` (XII): whom an account must interact with, set by the owner's
 *   supervising administrator; `required_interaction_confirmation`: who of the account's people
 *   confirmed it, and when;
 * - `content_question` and `content_question_message` (XVIII): a staff member's question about a
 *   planned post, routed to their supervising administrator, and its thread.
 *
 * Nothing here is ever deleted: a requirement is retired, a question stays with its whole
 * thread. The database refuses deletes, and refuses edits of a confirmation or a message, so the
 * history does not depend on the code alone.
 */
export class Migration20261125100000_affiliated_obligations extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "required_interaction" (
      "id" uuid not null,
      "account_id" uuid not null,
      "description" text not null,
      "target" text null,
      "required_by_id" uuid null,
      "required_at" timestamptz not null,
      "retired_by_id" uuid null,
      "retired_at" timestamptz null,
      "retire_note" text null,
      "version" integer not null default 1,
      "updated_at" timestamptz not null default now(),
      constraint "required_interaction_pkey" primary key ("id"),
      constraint "required_interaction_description_check" check (length("description") between 1 and 1000),
      constraint "required_interaction_account_id_foreign" foreign key ("account_id") references "social_account" ("id") on update cascade on delete restrict,
      constraint "required_interaction_required_by_id_foreign" foreign key ("required_by_id") references "staff" ("id") on update cascade on delete set null,
      constraint "required_interaction_retired_by_id_foreign" foreign key ("retired_by_id") references "staff" ("id") on update cascade on delete set null);`);
    this.addSql(`create index "required_interaction_account_index" on "required_interaction" ("account_id", "required_at");`);
    // The list's order: standing ones first, newest first.
    this.addSql(`create index "required_interaction_list_index" on "required_interaction" (("retired_at" is not null), "required_at" desc, "id" desc);`);

    this.addSql(`create table "required_interaction_confirmation" (
      "interaction_id" uuid not null,
      "staff_id" uuid not null,
      "confirmed_at" timestamptz not null,
      constraint "required_interaction_confirmation_pkey" primary key ("interaction_id", "staff_id"),
      constraint "required_interaction_confirmation_interaction_id_foreign" foreign key ("interaction_id") references "required_interaction" ("id") on update cascade on delete restrict,
      constraint "required_interaction_confirmation_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade on delete restrict);`);
    // "awaiting my confirmation" looks confirmations up by person.
    this.addSql(`create index "required_interaction_confirmation_staff_index" on "required_interaction_confirmation" ("staff_id");`);

    this.addSql(`create table "content_question" (
      "id" uuid not null,
      "asker_id" uuid not null,
      "recipient_id" uuid null,
      "account_id" uuid null,
      "planned_text" text not null,
      "media_description" text null,
      "status" text not null default 'OPEN',
      "asked_at" timestamptz not null,
      "last_message_at" timestamptz not null,
      "answered_by_id" uuid null,
      "answered_at" timestamptz null,
      "version" integer not null default 1,
      "updated_at" timestamptz not null default now(),
      constraint "content_question_pkey" primary key ("id"),
      constraint "content_question_status_check" check ("status" in ('OPEN', 'ANSWERED')),
      constraint "content_question_answered_check" check ("status" = 'OPEN' or "answered_at" is not null),
      constraint "content_question_asker_id_foreign" foreign key ("asker_id") references "staff" ("id") on update cascade on delete restrict,
      constraint "content_question_recipient_id_foreign" foreign key ("recipient_id") references "staff" ("id") on update cascade on delete set null,
      constraint "content_question_account_id_foreign" foreign key ("account_id") references "social_account" ("id") on update cascade on delete restrict,
      constraint "content_question_answered_by_id_foreign" foreign key ("answered_by_id") references "staff" ("id") on update cascade on delete set null);`);
    // The lists: newest activity first, per asker ("mine") and per recipient ("waiting for me").
    this.addSql(`create index "content_question_recent_index" on "content_question" ("last_message_at" desc, "id" desc);`);
    this.addSql(`create index "content_question_asker_index" on "content_question" ("asker_id");`);
    this.addSql(`create index "content_question_recipient_index" on "content_question" ("recipient_id", "status");`);

    this.addSql(`create table "content_question_message" (
      "id" uuid not null,
      "question_id" uuid not null,
      "author_id" uuid not null,
      "kind" text not null,
      "body" text not null,
      "created_at" timestamptz not null,
      constraint "content_question_message_pkey" primary key ("id"),
      constraint "content_question_message_kind_check" check ("kind" in ('QUESTION', 'ANSWER', 'FOLLOW_UP')),
      constraint "content_question_message_body_check" check (length("body") between 1 and 5000),
      constraint "content_question_message_question_id_foreign" foreign key ("question_id") references "content_question" ("id") on update cascade on delete restrict,
      constraint "content_question_message_author_id_foreign" foreign key ("author_id") references "staff" ("id") on update cascade on delete restrict);`);
    this.addSql(`create index "content_question_message_thread_index" on "content_question_message" ("question_id", "created_at");`);

    // The history is append-only: no deletes anywhere, no edits of what was confirmed or said.
    this.addSql(`create function "obligations_keep_history"() returns trigger language plpgsql as $$
      begin
        raise exception '% on % is not allowed: the history of required interactions and content questions is kept', tg_op, tg_table_name
          using errcode = 'integrity_constraint_violation';
      end $$;`);
    this.addSql(`create trigger "required_interaction_no_delete" before delete on "required_interaction"
      for each row execute function "obligations_keep_history"();`);
    this.addSql(`create trigger "required_interaction_confirmation_kept" before update or delete on "required_interaction_confirmation"
      for each row execute function "obligations_keep_history"();`);
    this.addSql(`create trigger "content_question_no_delete" before delete on "content_question"
      for each row execute function "obligations_keep_history"();`);
    this.addSql(`create trigger "content_question_message_kept" before update or delete on "content_question_message"
      for each row execute function "obligations_keep_history"();`);
  }
}
