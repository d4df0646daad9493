import { Migration } from '@mikro-orm/migrations';

/** Issue 13 (policy coverage). Filled in by the feature that owns it. */
export class Migration20261125110000_affiliated_content extends Migration {
  override async up(): Promise<void> {}
}
