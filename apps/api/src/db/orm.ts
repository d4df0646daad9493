import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import { SocialAccount } from '../accounts/social-account.entity.js';
import { ApprovalHistoryEntry, ApprovalRequest } from '../approvals/approval-request.entity.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { AccountCredential } from '../credentials/account-credential.entity.js';
import { SisApiKey } from '../auth/sis-api-key.entity.js';
import {
  ModerationCase,
  ModerationCaseNote,
  ModerationSnapshot,
  RemovalQuestion,
} from '../moderation/moderation.entities.js';
import { Notification, NotificationAttempt } from '../notifications/notification.entity.js';
import {
  ContentQuestion,
  ContentQuestionMessage,
  InteractionConfirmation,
  RequiredInteraction,
} from '../obligations/obligations.entities.js';
import { Organization } from '../organization/organization.entity.js';
import { Guardian, MediaRelease, Student, SyncRun } from '../sis/sis.entities.js';
import { Staff } from '../staff/staff.entity.js';
import { MIGRATIONS } from './migrations/index.js';

export const ENTITIES = [
  Organization,
  Staff,
  SisApiKey,
  AuditEvent,
  SocialAccount,
  ApprovalRequest,
  ApprovalHistoryEntry,
  AccountCredential,
  Student,
  Guardian,
  MediaRelease,
  SyncRun,
  Notification,
  NotificationAttempt,
  ModerationCase,
  ModerationSnapshot,
  ModerationCaseNote,
  RemovalQuestion,
  RequiredInteraction,
  InteractionConfirmation,
  ContentQuestion,
  ContentQuestionMessage,
];

/**
 * The ORM configuration. Entities and migrations are listed explicitly (no folder scanning), so
 * the same list works from TypeScript sources under test and from the compiled build.
 */
export function ormOptions(clientUrl: string, debug = false): Options {
  return defineConfig({
    clientUrl,
    entities: ENTITIES,
    extensions: [Migrator],
    debug,
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: {
      min: 0,
      max: 10,
      // A runaway query must not hold a connection forever (SECURITY.md).
      afterCreate: (conn: { query: (sql: string, cb: (err: Error | null) => void) => void }, done: (err: Error | null, conn: unknown) => void) => {
        conn.query("set statement_timeout = '10s'", (err) => done(err, conn));
      },
    },
    migrations: {
      migrationsList: MIGRATIONS,
      transactional: true,
      allOrNothing: true,
      tableName: 'mikro_orm_migrations',
    },
    discovery: { warnWhenNoEntities: true },
  });
}
