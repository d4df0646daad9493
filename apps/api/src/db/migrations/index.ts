import { Migration20261125000000_foundation } from './Migration20261125000000_foundation.js';
import { Migration20261125010000_accounts } from './Migration20261125010000_accounts.js';
import { Migration20261125020000_sealed_usernames } from './Migration20261125020000_sealed_usernames.js';
import { Migration20261125030000_list_indexes } from './Migration20261125030000_list_indexes.js';
import { Migration20261125040000_sis } from './Migration20261125040000_sis.js';
import { Migration20261125050000_affiliation_review } from './Migration20261125050000_affiliation_review.js';
import { Migration20261125060000_notifications } from './Migration20261125060000_notifications.js';
import { Migration20261125070000_moderation } from './Migration20261125070000_moderation.js';
import { Migration20261125080000_acknowledgements } from './Migration20261125080000_acknowledgements.js';
import { Migration20261125090000_connections } from './Migration20261125090000_connections.js';
import { Migration20261125100000_affiliated_obligations } from './Migration20261125100000_affiliated_obligations.js';
import { Migration20261125110000_affiliated_content } from './Migration20261125110000_affiliated_content.js';
import { Migration20261125120000_approval_mail } from './Migration20261125120000_approval_mail.js';

/** Every migration, in order. Listed explicitly so sources and the build behave the same. */
export const MIGRATIONS = [
  { name: 'Migration20261125000000_foundation', class: Migration20261125000000_foundation },
  { name: 'Migration20261125010000_accounts', class: Migration20261125010000_accounts },
  {
    name: 'Migration20261125020000_sealed_usernames',
    class: Migration20261125020000_sealed_usernames,
  },
  { name: 'Migration20261125030000_list_indexes', class: Migration20261125030000_list_indexes },
  { name: 'Migration20261125040000_sis', class: Migration20261125040000_sis },
  {
    name: 'Migration20261125050000_affiliation_review',
    class: Migration20261125050000_affiliation_review,
  },
  { name: 'Migration20261125060000_notifications', class: Migration20261125060000_notifications },
  { name: 'Migration20261125070000_moderation', class: Migration20261125070000_moderation },
  { name: 'Migration20261125080000_acknowledgements', class: Migration20261125080000_acknowledgements },
  { name: 'Migration20261125090000_connections', class: Migration20261125090000_connections },
  { name: 'Migration20261125100000_affiliated_obligations', class: Migration20261125100000_affiliated_obligations },
  { name: 'Migration20261125110000_affiliated_content', class: Migration20261125110000_affiliated_content },
  { name: 'Migration20261125120000_approval_mail', class: Migration20261125120000_approval_mail },
];
