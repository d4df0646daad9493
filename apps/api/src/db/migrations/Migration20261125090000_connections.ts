import { Migration } from '@mikro-orm/migrations';

/**
 * Connection guidance (VI; README "Connections"): a staff member's attestation that a personal
 * relationship with a student's parent or family member existed before, outside school, which
 * their supervising administrator can read.
 *
 * - One standing attestation per staff member and guardian (a partial unique index): recording
 *   it again is a conflict, withdrawing it ends it (`withdrawn_at`), and a new one may follow.
 * - Rows are never deleted (withdrawal is a date), so the supervisor's view and the audit
 *   trail tell the same story.
 * - A trigram index on the guardian's name, so the roster search (students and guardians,
 *   district-wide) uses an index for guardians as the student search already does.
 */
export class Migration20261125090000_connections extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "connection_attestation" (
      "id" uuid not null default gen_random_uuid(),
      "staff_id" uuid not null,
      "guardian_id" uuid not null,
      "statement" text not null,
      "attested_at" timestamptz not null default now(),
      "withdrawn_at" timestamptz null,
      constraint "connection_attestation_pkey" primary key ("id"),
      constraint "connection_attestation_statement_check" check (char_length(btrim("statement")) between 10 and 500),
      constraint "connection_attestation_staff_id_foreign" foreign key ("staff_id") references "staff" ("id") on update cascade on delete restrict,
      constraint "connection_attestation_guardian_id_foreign" foreign key ("guardian_id") references "guardian" ("id") on update cascade on delete restrict);`);
    this.addSql(`create unique index "connection_attestation_standing_unique" on "connection_attestation" ("staff_id", "guardian_id") where "withdrawn_at" is null;`);
    this.addSql(`create index "connection_attestation_staff_index" on "connection_attestation" ("staff_id", "attested_at" desc, "id" desc);`);
    this.addSql(`create index "connection_attestation_attested_index" on "connection_attestation" ("attested_at" desc, "id" desc);`);
    this.addSql(`create index "guardian_name_trgm" on "guardian" using gin ((given_name || ' ' || family_name) gin_trgm_ops);`);
  }
}
