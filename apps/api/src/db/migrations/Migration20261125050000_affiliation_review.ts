import { Migration } from '@mikro-orm/migrations';

/**
 * The affiliation review (IX, XIX, XXIX; README "Accounts: suggestions and review"): the signals
 * the profile text suggests are stored beside each account, with the review they raise when the
 * owner declared none of the STRONG ones. Everything the "needs attention" list asks is on the
 * account row (`review_status`), so the list stays one statement.
 *
 * Accounts registered before this migration keep `suggested_at` null: `npm run
 * accounts:review-scan` (also run when the server starts) scans exactly those, once, and flags
 * them the same way in one audited event.
 */
export class Migration20261125050000_affiliation_review extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "social_account"
      add column "suggestions" jsonb not null default '[]',
      add column "suggested_at" timestamptz null,
      add column "review_status" text null,
      add column "review_signals" text[] not null default '{}',
      add column "review_flagged_at" timestamptz null,
      add column "reviewed_by_id" uuid null,
      add column "reviewed_at" timestamptz null,
      add column "review_note" text null,
      add constraint "social_account_review_status_check"
        check ("review_status" in ('PENDING', 'CONFIRMED_PERSONAL', 'APPLIED'));`);
    this.addSql(`alter table "social_account" add constraint "social_account_reviewed_by_id_foreign" foreign key ("reviewed_by_id") references "staff" ("id") on update cascade on delete set null;`);
    // The "needs attention" filter and the scan read these.
    this.addSql(`create index "social_account_review_pending_index" on "social_account" ("id") where "review_status" = 'PENDING';`);
    this.addSql(`create index "social_account_unscanned_index" on "social_account" ("id") where "suggested_at" is null;`);
  }
}
