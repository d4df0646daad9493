import { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded.js';
import { ormOptions } from './orm.js';

export interface Database {
  url: string;
  embedded: EmbeddedDatabase | null;
}

/** DATABASE_URL when set; otherwise the embedded PostgreSQL in DATA_DIR. */
export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: null };
  const embedded = await startEmbeddedPostgres(config.dataDir, logger);
  await embedded.createDatabase('steward');
  logger.info({ port: embedded.port, dataDir: config.dataDir }, 'embedded PostgreSQL started');
  return { url: embedded.url('steward'), embedded };
}

export async function initOrm(url: string, logger: Logger): Promise<MikroORM> {
  const orm = await MikroORM.init({
    ...ormOptions(url, logger.isLevelEnabled('debug')),
    logger: (message: string) => logger.debug({ orm: withheldParameters(message) }, 'orm'),
  });
  // A restarting database must not crash the process (SECURITY.md): knex's pg client listens
  // for 'error' on every pooled connection and discards broken ones; queries then fail cleanly.
  // A failing statement's error message carries its SQL; by default knex fills the parameters in
  // (a removed comment, an escrowed username...), and error messages are logged. Placeholders only.
  (orm.em.getConnection().getKnex().client.config as { compileSqlOnError?: boolean }).compileSqlOnError = false;
  return orm;
}

/**
 * Statements that touch escrowed credentials, or the content and people of moderation cases
 * (third-party posts that may name students, askers' contact details), are logged without their
 * parameters, at every level: MikroORM inlines values into the logged SQL, and a username, a
 * ciphertext or a removed comment has no business in a log file (III, XI, XXX; SECURITY.md).
 */
const WITHHELD_TABLES = /\b(account_credential|moderation_case_note|moderation_snapshot|moderation_case|removal_question)\b/i;

export function withheldParameters(message: string): string {
  const table = WITHHELD_TABLES.exec(message)?.[1]?.toLowerCase();
  if (!table) return message;
  const verb = /\b(select|insert|update|delete)\b/i.exec(message)?.[1]?.toLowerCase() ?? 'statement';
  return `[query] ${verb} on ${table} (parameters withheld)`;
}

/** Applies pending migrations; returns their names. */
export async function migrate(orm: MikroORM, logger: Logger): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  if (applied.length > 0) {
    logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  }
  return applied.map((m) => m.name);
}
