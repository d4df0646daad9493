import { Migration } from '@mikro-orm/migrations';

/**
 * Moderation cases (XXX-XXXV; README "Moderation"): a case per piece of third-party content on a
 * school-affiliated account, its immutable snapshot (the evidence), internal and record notes,
 * and the questions about a removal that the Director of External Relations answers.
 *
 * The database itself keeps the evidence honest, not only the code:
 * - a snapshot is never updated; it is deleted only by the retention purge, once the case's
 *   retention date has passed and no legal hold stands, and the delete leaves a tombstone on the
 *   case (`purged_at`; the digest stays);
 * - a case is never deleted, and its digest and account never change;
 * - a case is opened only on a school-affiliated account (VIII, IX, XXX).
 * The tables' owner (the role that runs these migrations, i.e. the API's own role) or a superuser
 * can still disable triggers: `verifyEvidence` recomputing the digest reveals an edited snapshot,
 * and the digest is also in the case's `moderation.open` audit event, whose hash chain
 * (`verifyAuditChain`) reveals an edited audit row. Running the API as a role that does not own
 * the tables closes the first gap (README "Moderation cases").
 */
export class Migration20261125070000_moderation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "moderation_case" (
      "id" uuid not null,
      "account_id" uuid not null,
      "state" text not null default 'OPEN',
      "evidence_digest" text not null,
      "reasons" text[] not null default '{}',
      "explanation" text null,
      "decision_note" text null,
      "assignee_id" uuid null,
      "opened_by_id" uuid null,
      "opened_at" timestamptz not null,
      "due_at" timestamptz not null,
      "removed_by_id" uuid null,
      "removed_at" timestamptz null,
      "reported_at" timestamptz null,
      "closed_at" timestamptz null,
      "triage" jsonb not null default '[]',
      "retention_until" timestamptz null,
      "legal_hold_reason" text null,
      "legal_hold_by_id" uuid null,
      "legal_hold_at" timestamptz null,
      "purged_at" timestamptz null,
      "version" integer not null default 1,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "moderation_case_pkey" primary key ("id"),
      constraint "moderation_case_state_check" check ("state" in ('OPEN', 'REMOVED', 'REPORTED', 'CLOSED', 'DISMISSED', 'RESTORED')),
      constraint "moderation_case_reasons_check" check ("reasons" <@ array['OBSCENE', 'PROTECTED_STUDENT_OR_PERSONNEL_INFORMATION', 'THREATENING_HARASSING_DISCRIMINATORY', 'INCITES_VIOLENCE_OR_DISRUPTION', 'OTHER_SAFETY_THREAT']::text[]),
      constraint "moderation_case_removal_has_reason" check ("state" in ('OPEN', 'DISMISSED') or cardinality("reasons") > 0),
      constraint "moderation_case_digest_check" check ("evidence_digest" ~ '^[0-9a-f]{64}$'),
      constraint "moderation_case_hold_check" check (("legal_hold_at" is null) = ("legal_hold_reason" is null)),
      constraint "moderation_case_account_id_foreign" foreign key ("account_id") references "social_account" ("id") on update cascade on delete restrict,
      constraint "moderation_case_assignee_id_foreign" foreign key ("assignee_id") references "staff" ("id") on update cascade on delete set null,
      constraint "moderation_case_opened_by_id_foreign" foreign key ("opened_by_id") references "staff" ("id") on update cascade on delete set null,
      constraint "moderation_case_removed_by_id_foreign" foreign key ("removed_by_id") references "staff" ("id") on update cascade on delete set null,
      constraint "moderation_case_legal_hold_by_id_foreign" foreign key ("legal_hold_by_id") references "staff" ("id") on update cascade on delete set null);`);
    // The queue's default order walks this index twice (cases needing attention, then the rest).
    this.addSql(`create index "moderation_case_queue_index" on "moderation_case" ("opened_at" desc, "id" desc);`);
    this.addSql(`create index "moderation_case_account_id_index" on "moderation_case" ("account_id");`);
    this.addSql(`create index "moderation_case_assignee_id_index" on "moderation_case" ("assignee_id");`);
    this.addSql(`create index "moderation_case_state_index" on "moderation_case" ("state");`);
    // The purge looks for expired, unheld, unpurged cases only.
    this.addSql(`create index "moderation_case_purge_index" on "moderation_case" ("retention_until") where "purged_at" is null and "legal_hold_at" is null;`);

    this.addSql(`create table "moderation_snapshot" (
      "case_id" uuid not null,
      "kind" text not null,
      "platform_content_id" text not null,
      "author_name" text null,
      "author_handle" text null,
      "text" text not null,
      "media_urls" text[] not null default '{}',
      "permalink" text null,
      "posted_at" timestamptz null,
      "captured_at" timestamptz not null,
      "captured_by_id" uuid null,
      "canonical" text not null,
      "digest" text not null,
      constraint "moderation_snapshot_pkey" primary key ("case_id"),
      constraint "moderation_snapshot_kind_check" check ("kind" in ('POST', 'COMMENT', 'REPLY', 'MESSAGE')),
      constraint "moderation_snapshot_case_id_foreign" foreign key ("case_id") references "moderation_case" ("id") on update restrict on delete restrict,
      constraint "moderation_snapshot_captured_by_id_foreign" foreign key ("captured_by_id") references "staff" ("id") on update restrict on delete restrict);`);

    this.addSql(`create table "moderation_case_note" (
      "id" uuid not null,
      "case_id" uuid not null,
      "author_id" uuid null,
      "body" text not null,
      "visibility" text not null,
      "created_at" timestamptz not null default now(),
      constraint "moderation_case_note_pkey" primary key ("id"),
      constraint "moderation_case_note_visibility_check" check ("visibility" in ('INTERNAL', 'RECORD')),
      constraint "moderation_case_note_case_id_foreign" foreign key ("case_id") references "moderation_case" ("id") on update cascade on delete restrict,
      constraint "moderation_case_note_author_id_foreign" foreign key ("author_id") references "staff" ("id") on update cascade on delete set null);`);
    this.addSql(`create index "moderation_case_note_case_id_index" on "moderation_case_note" ("case_id", "created_at");`);

    this.addSql(`create table "removal_question" (
      "id" uuid not null,
      "case_id" uuid not null,
      "asker_name" text not null,
      "asker_contact" text null,
      "question" text not null,
      "asked_at" timestamptz not null default now(),
      "recorded_by_id" uuid null,
      "answer" text null,
      "answered_by_id" uuid null,
      "answered_at" timestamptz null,
      constraint "removal_question_pkey" primary key ("id"),
      constraint "removal_question_case_id_foreign" foreign key ("case_id") references "moderation_case" ("id") on update cascade on delete restrict,
      constraint "removal_question_recorded_by_id_foreign" foreign key ("recorded_by_id") references "staff" ("id") on update cascade on delete set null,
      constraint "removal_question_answered_by_id_foreign" foreign key ("answered_by_id") references "staff" ("id") on update cascade on delete set null);`);
    this.addSql(`create index "removal_question_case_id_index" on "removal_question" ("case_id", "asked_at");`);

    // Cases only on the district's pages (VIII, IX, XXX), checked when the case is created. A
    // later reclassification of the account keeps its cases: they are records.
    this.addSql(`create function moderation_case_affiliated_only() returns trigger language plpgsql as $$
      begin
        if not exists (select 1 from social_account a where a.id = new.account_id and a.classification = 'SCHOOL_AFFILIATED') then
          raise exception 'moderation cases are for school-affiliated accounts only (VIII, IX, XXX)' using errcode = 'check_violation';
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger moderation_case_affiliated_only before insert on "moderation_case"
      for each row execute function moderation_case_affiliated_only();`);

    // A case is a record: never deleted; what it is about and its digest never change.
    this.addSql(`create function moderation_case_guard() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' then
          raise exception 'moderation_case rows are records and are never deleted' using errcode = 'insufficient_privilege';
        end if;
        if new.evidence_digest is distinct from old.evidence_digest or new.account_id is distinct from old.account_id
           or new.opened_at is distinct from old.opened_at then
          raise exception 'a moderation case''s evidence digest, account and opening time never change' using errcode = 'insufficient_privilege';
        end if;
        return new;
      end $$;`);
    this.addSql(`create trigger moderation_case_guard before update or delete on "moderation_case"
      for each row execute function moderation_case_guard();`);

    // The evidence: never updated; deleted only past retention and without a legal hold, which
    // leaves the tombstone on the case.
    this.addSql(`create function moderation_snapshot_guard() returns trigger language plpgsql as $$
      declare
        c record;
      begin
        if tg_op = 'UPDATE' then
          raise exception 'moderation_snapshot is immutable: evidence is never edited (XXX)' using errcode = 'insufficient_privilege';
        end if;
        select retention_until, legal_hold_at into c from moderation_case where id = old.case_id for update;
        if c.legal_hold_at is not null then
          raise exception 'moderation_snapshot of case % is under a legal hold and cannot be purged', old.case_id using errcode = 'insufficient_privilege';
        end if;
        if c.retention_until is null or c.retention_until > now() then
          raise exception 'moderation_snapshot of case % is inside its retention period and cannot be purged (XIV)', old.case_id using errcode = 'insufficient_privilege';
        end if;
        update moderation_case set purged_at = now(), version = version + 1, updated_at = now() where id = old.case_id;
        return old;
      end $$;`);
    this.addSql(`create trigger moderation_snapshot_guard before update or delete on "moderation_snapshot"
      for each row execute function moderation_snapshot_guard();`);
    this.addSql(`create function moderation_no_truncate() returns trigger language plpgsql as $$
      begin
        raise exception '% holds records and cannot be truncated', tg_table_name using errcode = 'insufficient_privilege';
      end $$;`);
    for (const table of ['moderation_case', 'moderation_snapshot', 'moderation_case_note', 'removal_question']) {
      this.addSql(`create trigger ${table}_no_truncate before truncate on "${table}"
        for each statement execute function moderation_no_truncate();`);
    }
  }
}
