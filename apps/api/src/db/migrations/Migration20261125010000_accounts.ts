import { Migration } from '@mikro-orm/migrations';

/**
 * Social accounts, approval requests with their history, and escrowed credentials.
 * The rule "no personal account's password" (III) holds in the database too: a credential row
 * references (account id, classification) and must say SCHOOL_AFFILIATED, so it cannot point at
 * a personal account, and an account with credentials cannot be re-classified as personal
 * until they are destroyed.
 */
export class Migration20261125010000_accounts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "social_account" (
      "id" uuid not null,
      "platform" text not null,
      "handle" text not null,
      "url" text null,
      "display_name" text null,
      "bio" text null,
      "owner_id" uuid not null,
      "school_id" uuid null,
      "signals" text[] not null,
      "classification" text not null,
      "classification_sections" text[] not null,
      "classification_explanation" text not null,
      "state" text not null,
      "reclassified_at" timestamptz null,
      "version" int not null default 1,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "social_account_pkey" primary key ("id"),
      constraint "social_account_classification_check" check ("classification" in ('PERSONAL', 'SCHOOL_AFFILIATED')),
      constraint "social_account_state_check" check ("state" in ('PENDING_APPROVAL', 'ACTIVE', 'SUSPENDED', 'RETIRED')),
      constraint "social_account_id_classification_unique" unique ("id", "classification"));`);
    this.addSql(`create unique index "social_account_platform_handle_unique" on "social_account" ("platform", lower("handle"));`);
    this.addSql(`create index "social_account_owner_id_index" on "social_account" ("owner_id");`);
    this.addSql(`create index "social_account_school_id_index" on "social_account" ("school_id");`);
    this.addSql(`create index "social_account_state_index" on "social_account" ("state");`);
    this.addSql(`alter table "social_account" add constraint "social_account_owner_id_foreign" foreign key ("owner_id") references "staff" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "social_account" add constraint "social_account_school_id_foreign" foreign key ("school_id") references "organization" ("id") on update cascade on delete restrict;`);

    this.addSql(`create table "social_account_administrator" (
      "social_account_id" uuid not null,
      "staff_id" uuid not null,
      constraint "social_account_administrator_pkey" primary key ("social_account_id", "staff_id"));`);
    this.addSql(`alter table "social_account_administrator" add constraint "social_account_administrator_social_account_id_foreign" foreign key ("social_account_id") references "social_account" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "social_account_administrator" add constraint "social_account_administrator_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade on delete cascade;`);

    this.addSql(`create table "approval_request" (
      "id" uuid not null,
      "kind" text not null,
      "state" text not null,
      "account_id" uuid null,
      "activity" text null,
      "justification" text not null,
      "requester_id" uuid not null,
      "approver_id" uuid null,
      "decided_by_id" uuid null,
      "decision_note" text null,
      "decided_at" timestamptz null,
      "expires_at" timestamptz null,
      "version" int not null default 1,
      "created_at" timestamptz not null,
      "updated_at" timestamptz not null,
      constraint "approval_request_pkey" primary key ("id"),
      constraint "approval_request_kind_check" check ("kind" in ('AFFILIATED_ACCOUNT', 'DISTRICT_BRANDING', 'INSTRUCTIONAL_USE')),
      constraint "approval_request_state_check" check ("state" in ('PENDING', 'APPROVED', 'DENIED', 'WITHDRAWN', 'REVOKED', 'EXPIRED')),
      constraint "approval_request_not_self_approved" check ("approver_id" is null or "approver_id" <> "requester_id"));`);
    for (const column of ['kind', 'state', 'account_id', 'requester_id', 'approver_id', 'expires_at']) {
      this.addSql(`create index "approval_request_${column}_index" on "approval_request" ("${column}");`);
    }
    this.addSql(`alter table "approval_request" add constraint "approval_request_account_id_foreign" foreign key ("account_id") references "social_account" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "approval_request" add constraint "approval_request_requester_id_foreign" foreign key ("requester_id") references "staff" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "approval_request" add constraint "approval_request_approver_id_foreign" foreign key ("approver_id") references "staff" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "approval_request" add constraint "approval_request_decided_by_id_foreign" foreign key ("decided_by_id") references "staff" ("id") on update cascade on delete set null;`);

    this.addSql(`create table "approval_history" (
      "id" uuid not null,
      "request_id" uuid not null,
      "action" text not null,
      "from_state" text null,
      "to_state" text not null,
      "actor_id" uuid null,
      "note" text null,
      "at" timestamptz not null,
      constraint "approval_history_pkey" primary key ("id"));`);
    this.addSql(`create index "approval_history_request_id_index" on "approval_history" ("request_id");`);
    this.addSql(`alter table "approval_history" add constraint "approval_history_request_id_foreign" foreign key ("request_id") references "approval_request" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "approval_history" add constraint "approval_history_actor_id_foreign" foreign key ("actor_id") references "staff" ("id") on update cascade on delete set null;`);

    this.addSql(`create table "account_credential" (
      "id" uuid not null,
      "account_id" uuid not null,
      "account_classification" text not null default 'SCHOOL_AFFILIATED',
      "username" text not null,
      "master_key_id" text not null,
      "wrapped_data_key" bytea not null,
      "secret_ciphertext" bytea not null,
      "escrowed_by_id" uuid null,
      "escrowed_at" timestamptz not null,
      "reveal_count" int not null default 0,
      "last_revealed_at" timestamptz null,
      constraint "account_credential_pkey" primary key ("id"),
      constraint "account_credential_account_id_unique" unique ("account_id"),
      constraint "account_credential_affiliated_only" check ("account_classification" = 'SCHOOL_AFFILIATED'));`);
    this.addSql(`alter table "account_credential" add constraint "account_credential_account_foreign" foreign key ("account_id", "account_classification") references "social_account" ("id", "classification") on update restrict on delete cascade;`);
    this.addSql(`alter table "account_credential" add constraint "account_credential_escrowed_by_id_foreign" foreign key ("escrowed_by_id") references "staff" ("id") on update cascade on delete set null;`);
  }
}
