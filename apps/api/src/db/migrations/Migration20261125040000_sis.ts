import { Migration } from '@mikro-orm/migrations';

/**
 * The SIS slice (IV, VI, XIV): students, guardians and their links, media releases, the log of
 * sync runs and of publication checks. Every SIS-fed table carries `sourced_id` (the upsert key)
 * and `date_last_modified` (an older record never overwrites a newer one); `active` is how
 * `tobedeleted` arrives: rows are deactivated, never deleted, since audit events, approvals and
 * checks point at them.
 */
export class Migration20261125040000_sis extends Migration {
  override async up(): Promise<void> {
    for (const table of ['organization', 'staff']) {
      this.addSql(`alter table "${table}" add column "date_last_modified" timestamptz null;`);
    }
    this.addSql(`alter table "organization" add column "active" boolean not null default true;`);

    this.addSql(`create table "student" (
      "id" uuid not null default gen_random_uuid(),
      "sourced_id" text not null,
      "given_name" text not null,
      "family_name" text not null,
      "preferred_name" text null,
      "school_id" uuid null,
      "grade" text null,
      "enrollment_status" text not null default 'ENROLLED',
      "birth_date" date null,
      "expected_graduation" date null,
      "graduated" boolean not null default false,
      "active" boolean not null default true,
      "date_last_modified" timestamptz null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "student_pkey" primary key ("id"),
      constraint "student_sourced_id_unique" unique ("sourced_id"),
      constraint "student_enrollment_status_check" check ("enrollment_status" in ('ENROLLED', 'WITHDRAWN', 'GRADUATED')),
      constraint "student_school_id_foreign" foreign key ("school_id") references "organization" ("id") on update cascade on delete restrict);`);
    this.addSql(`create index "student_school_family_index" on "student" ("school_id", "family_name", "given_name", "id");`);
    this.addSql(`create index "student_family_name_index" on "student" ("family_name", "given_name", "id");`);
    this.addSql(`create index "student_name_trgm" on "student" using gin ((given_name || ' ' || family_name || ' ' || coalesce(preferred_name, '')) gin_trgm_ops);`);

    this.addSql(`create table "guardian" (
      "id" uuid not null default gen_random_uuid(),
      "sourced_id" text not null,
      "given_name" text not null,
      "family_name" text not null,
      "email" text null,
      "phone" text null,
      "active" boolean not null default true,
      "date_last_modified" timestamptz null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "guardian_pkey" primary key ("id"),
      constraint "guardian_sourced_id_unique" unique ("sourced_id"));`);

    this.addSql(`create table "student_guardian" (
      "student_id" uuid not null,
      "guardian_id" uuid not null,
      "relationship" text not null default 'guardian',
      constraint "student_guardian_pkey" primary key ("student_id", "guardian_id"),
      constraint "student_guardian_student_id_foreign" foreign key ("student_id") references "student" ("id") on delete cascade,
      constraint "student_guardian_guardian_id_foreign" foreign key ("guardian_id") references "guardian" ("id") on delete cascade);`);
    this.addSql(`create index "student_guardian_guardian_id_index" on "student_guardian" ("guardian_id");`);

    this.addSql(`create table "media_release" (
      "id" uuid not null default gen_random_uuid(),
      "sourced_id" text not null,
      "student_id" uuid not null,
      "status" text not null,
      "scopes" text[] not null,
      "valid_from" date null,
      "valid_until" date null,
      "school_year" text null,
      "signed_by_kind" text null,
      "signed_by_guardian_id" uuid null,
      "signed_on" date null,
      "received_on" date null,
      "document_ref" text null,
      "active" boolean not null default true,
      "date_last_modified" timestamptz null,
      "created_at" timestamptz not null default now(),
      "updated_at" timestamptz not null default now(),
      constraint "media_release_pkey" primary key ("id"),
      constraint "media_release_sourced_id_unique" unique ("sourced_id"),
      constraint "media_release_status_check" check ("status" in ('GRANTED', 'DENIED', 'REVOKED')),
      constraint "media_release_signed_by_kind_check" check ("signed_by_kind" is null or "signed_by_kind" in ('GUARDIAN', 'STUDENT')),
      constraint "media_release_student_id_foreign" foreign key ("student_id") references "student" ("id") on delete restrict,
      constraint "media_release_signed_by_guardian_id_foreign" foreign key ("signed_by_guardian_id") references "guardian" ("id") on delete set null);`);
    this.addSql(`create index "media_release_student_id_index" on "media_release" ("student_id", "signed_on");`);

    this.addSql(`create table "sync_run" (
      "id" uuid not null default gen_random_uuid(),
      "kind" text not null,
      "source" text not null,
      "actor_label" text not null,
      "sis_key_id" uuid null,
      "started_at" timestamptz not null,
      "finished_at" timestamptz not null,
      "duration_ms" int not null,
      "received" int not null,
      "created" int not null,
      "updated" int not null,
      "unchanged" int not null,
      "deactivated" int not null,
      "failed" int not null,
      "errors" jsonb not null default '[]',
      constraint "sync_run_pkey" primary key ("id"));`);
    this.addSql(`create index "sync_run_started_at_id_index" on "sync_run" ("started_at", "id");`);

    this.addSql(`create table "publication_check" (
      "id" uuid not null default gen_random_uuid(),
      "account_id" uuid not null,
      "checked_by_id" uuid null,
      "media_kind" text not null,
      "planned_on" date not null,
      "result" text not null,
      "verdicts" jsonb not null,
      "student_ids" uuid[] not null,
      "created_at" timestamptz not null default now(),
      constraint "publication_check_pkey" primary key ("id"),
      constraint "publication_check_result_check" check ("result" in ('ALLOWED', 'BLOCKED')),
      constraint "publication_check_account_id_foreign" foreign key ("account_id") references "social_account" ("id") on delete restrict,
      constraint "publication_check_checked_by_id_foreign" foreign key ("checked_by_id") references "staff" ("id") on delete set null);`);
    this.addSql(`create index "publication_check_account_created_index" on "publication_check" ("account_id", "created_at", "id");`);
    this.addSql(`create index "publication_check_created_index" on "publication_check" ("created_at", "id");`);
    this.addSql(`create index "publication_check_checked_by_index" on "publication_check" ("checked_by_id", "created_at", "id");`);
  }
}
