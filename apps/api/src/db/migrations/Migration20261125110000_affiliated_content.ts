import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 13, XXIX: the register holds every kind of school-affiliated content (web pages,
 * microblogs, pages, handles), not only accounts; existing rows are accounts. Account
 * administrators are removed by staff member when one leaves the district, so the pivot gets an
 * index on `staff_id` (its primary key starts with the account).
 */
export class Migration20261125110000_affiliated_content extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "social_account"
      add column "content_kind" text not null default 'SOCIAL_ACCOUNT',
      add constraint "social_account_content_kind_check" check ("content_kind" in
        ('SOCIAL_ACCOUNT', 'SOCIAL_MEDIA_PAGE', 'MICROBLOG', 'HANDLE', 'WEB_PAGE', 'OTHER_CONTENT'));`);
    this.addSql(`create index "social_account_content_kind_index" on "social_account" ("content_kind");`);
    this.addSql(
      `create index "social_account_administrator_staff_id_index" on "social_account_administrator" ("staff_id");`,
    );
    // Only active staff administer an account (XXIX); rows written before that was enforced go.
    this.addSql(
      `delete from "social_account_administrator" x using "staff" s where s.id = x.staff_id and not s.active;`,
    );
  }
}
