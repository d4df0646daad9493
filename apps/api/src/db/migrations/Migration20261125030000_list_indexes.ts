import { Migration } from '@mikro-orm/migrations';

/**
 * An index for every sort and filter the dashboard's lists offer (README "Performance"), so a
 * page is read by walking an index instead of sorting the whole table. Sorts are `(column, id)`
 * because every list breaks ties by id in the same direction, so one index serves both
 * directions. Text search (`ILIKE '%q%'`) uses trigram indexes (pg_trgm, a trusted extension
 * that ships with PostgreSQL's contrib modules).
 */
export class Migration20261125030000_list_indexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create extension if not exists pg_trgm;`);

    // Social accounts: sorts (updated, created, handle, state), filters, search.
    this.addSql(`create index "social_account_updated_at_id_index" on "social_account" ("updated_at", "id");`);
    this.addSql(`create index "social_account_created_at_id_index" on "social_account" ("created_at", "id");`);
    this.addSql(`create index "social_account_handle_id_index" on "social_account" ("handle", "id");`);
    this.addSql(`drop index "social_account_state_index";`);
    this.addSql(`create index "social_account_state_id_index" on "social_account" ("state", "id");`);
    this.addSql(`create index "social_account_classification_index" on "social_account" ("classification");`);
    this.addSql(`create index "social_account_platform_index" on "social_account" ("platform");`);
    this.addSql(`create index "social_account_reclassified_at_index" on "social_account" ("reclassified_at");`);
    this.addSql(`create index "social_account_handle_trgm" on "social_account" using gin ("handle" gin_trgm_ops);`);
    this.addSql(`create index "social_account_display_name_trgm" on "social_account" using gin ("display_name" gin_trgm_ops);`);

    // Approval requests: newest first overall, and an approver's inbox of pending requests.
    this.addSql(`create index "approval_request_created_at_id_index" on "approval_request" ("created_at", "id");`);
    this.addSql(`create index "approval_request_inbox_index" on "approval_request" ("approver_id", "state", "created_at", "id");`);
    this.addSql(`create index "approval_request_requester_created_index" on "approval_request" ("requester_id", "created_at", "id");`);

    // Staff: the list's sorts, the role filter, search.
    this.addSql(`create index "staff_family_name_id_index" on "staff" ("family_name", "id");`);
    this.addSql(`create index "staff_given_name_id_index" on "staff" ("given_name", "id");`);
    this.addSql(`create index "staff_position_id_index" on "staff" ("position", "id");`);
    this.addSql(`create index "staff_created_at_id_index" on "staff" ("created_at", "id");`);
    this.addSql(`create index "staff_roles_index" on "staff" using gin ("roles");`);
    this.addSql(`create index "staff_name_trgm" on "staff" using gin ((given_name || ' ' || family_name || ' ' || email || ' ' || position) gin_trgm_ops);`);

    // Audit trail: newest first is the primary key; filters by kind of record.
    this.addSql(`create index "audit_event_target_type_index" on "audit_event" ("target_type");`);
  }
}
