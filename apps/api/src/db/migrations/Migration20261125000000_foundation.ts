import { Migration } from '@mikro-orm/migrations';

/**
 * The foundation: organizations, staff, SIS API keys and the append-only audit trail.
 * A test checks that the entities and the migrated schema agree (no drift).
 */
export class Migration20261125000000_foundation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create type "organization_kind" as enum ('DISTRICT', 'SCHOOL');`);
    this.addSql(`create table "organization" (
      "id" uuid not null,
      "sourced_id" text not null,
      "kind" "organization_kind" not null,
      "name" text not null,
      "short_name" text null,
      "parent_id" uuid null,
      "profile" jsonb null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "organization_pkey" primary key ("id"));`);
    this.addSql(`alter table "organization" add constraint "organization_sourced_id_unique" unique ("sourced_id");`);
    this.addSql(`alter table "organization" add constraint "organization_parent_id_foreign" foreign key ("parent_id") references "organization" ("id") on update cascade on delete restrict;`);

    this.addSql(`create table "staff" (
      "id" uuid not null,
      "sourced_id" text not null,
      "email" text not null,
      "given_name" text not null,
      "family_name" text not null,
      "position" text not null,
      "school_id" uuid null,
      "supervisor_id" uuid null,
      "roles" text[] not null,
      "active" boolean not null,
      "oidc_subject" text null,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "staff_pkey" primary key ("id"));`);
    this.addSql(`alter table "staff" add constraint "staff_sourced_id_unique" unique ("sourced_id");`);
    this.addSql(`alter table "staff" add constraint "staff_email_unique" unique ("email");`);
    this.addSql(`alter table "staff" add constraint "staff_oidc_subject_unique" unique ("oidc_subject");`);
    this.addSql(`create index "staff_school_id_index" on "staff" ("school_id");`);
    this.addSql(`create index "staff_supervisor_id_index" on "staff" ("supervisor_id");`);
    this.addSql(`alter table "staff" add constraint "staff_school_id_foreign" foreign key ("school_id") references "organization" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "staff" add constraint "staff_supervisor_id_foreign" foreign key ("supervisor_id") references "staff" ("id") on update cascade on delete set null;`);

    this.addSql(`create table "sis_api_key" (
      "id" uuid not null,
      "name" text not null,
      "prefix" text not null,
      "key_hash" text not null,
      "scopes" text[] not null,
      "created_by_id" uuid null,
      "created_at" timestamptz not null,
      "last_used_at" timestamptz null,
      "revoked_at" timestamptz null,
      constraint "sis_api_key_pkey" primary key ("id"));`);
    this.addSql(`alter table "sis_api_key" add constraint "sis_api_key_key_hash_unique" unique ("key_hash");`);
    this.addSql(`alter table "sis_api_key" add constraint "sis_api_key_created_by_id_foreign" foreign key ("created_by_id") references "staff" ("id") on update cascade on delete set null;`);

    this.addSql(`create table "audit_event" (
      "id" bigserial,
      "occurred_at" timestamptz not null,
      "actor_type" text not null,
      "actor_id" uuid null,
      "actor_label" text not null,
      "actor_roles" text[] not null,
      "action" text not null,
      "target_type" text not null,
      "target_id" text null,
      "request_id" text null,
      "change" jsonb null,
      "prev_hash" text not null,
      "hash" text not null,
      constraint "audit_event_pkey" primary key ("id"));`);
    this.addSql(`create index "audit_event_occurred_at_index" on "audit_event" ("occurred_at");`);
    this.addSql(`create index "audit_event_actor_id_index" on "audit_event" ("actor_id");`);
    this.addSql(`create index "audit_event_action_index" on "audit_event" ("action");`);
    this.addSql(`create index "audit_event_target_id_index" on "audit_event" ("target_id");`);

    // Append-only in the database itself, not only in code: UPDATE, DELETE and TRUNCATE fail.
    // (A superuser can still bypass triggers; the hash chain is what reveals that.)
    this.addSql(`create function audit_event_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit_event is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
      end $$;`);
    this.addSql(`create trigger audit_event_no_update before update or delete on "audit_event"
      for each row execute function audit_event_append_only();`);
    this.addSql(`create trigger audit_event_no_truncate before truncate on "audit_event"
      for each statement execute function audit_event_append_only();`);
  }
}
