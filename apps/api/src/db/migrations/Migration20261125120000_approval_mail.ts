import { Migration } from '@mikro-orm/migrations';

/**
 * Approval mail (issue 13; apps/api/src/approvals/approval-mail.ts). The approver's digest needs
 * two facts the outbox does not keep in a usable form:
 *
 * - `approval_request.approver_mailed_at`: when a digest listed the request to its approver (null:
 *   not yet). A request is born null, i.e. "waiting to be mailed"; requests pending before this
 *   migration are null too, so the first sweep tells their approvers about them.
 * - `approval_digest`: one row per approver with the time of their last digest. The sweep locks
 *   the row (FOR UPDATE SKIP LOCKED) before it reads the time, so two API processes never both
 *   decide that a digest is due: the one that waits would read the other's stamp, the one that
 *   skips leaves the approver to the holder.
 */
export class Migration20261125120000_approval_mail extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "approval_request" add column "approver_mailed_at" timestamptz null;`);
    // The sweep's question: which approvers have a pending request no digest listed yet.
    this.addSql(
      `create index "approval_request_unmailed_index" on "approval_request" ("approver_id", "created_at") where "state" = 'PENDING' and "approver_mailed_at" is null;`,
    );
    this.addSql(`create table "approval_digest" (
      "approver_id" uuid not null,
      "last_sent_at" timestamptz null,
      "last_notification_id" uuid null,
      constraint "approval_digest_pkey" primary key ("approver_id"),
      constraint "approval_digest_approver_id_foreign" foreign key ("approver_id") references "staff" ("id") on update cascade on delete cascade);`);
  }
}
