import { Migration } from '@mikro-orm/migrations';

/**
 * Escrowed usernames are sealed like the secrets (security review #6): a username in plain text
 * showed up in SQL debug logs and is half of a log-in. The new column holds the username sealed
 * with the credential's data key; existing rows are sealed at start-up by
 * `CredentialsService.sealPlaintextUsernames` (a migration has no access to the master key),
 * which then clears the old column.
 */
export class Migration20261125020000_sealed_usernames extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "account_credential" add column "username_ciphertext" bytea null;`);
    this.addSql(`alter table "account_credential" alter column "username" drop not null;`);
  }
}
