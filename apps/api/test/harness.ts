import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../src/config.js';
import { initOrm } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { demoEmail } from '../src/seed/demo.js';
import { startApp, type RunningApp } from '../src/server/app.js';

export const ADMIN_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../admin/dist');

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface TestApp {
  url: string;
  orm: MikroORM;
  app: RunningApp;
  config: Config;
  databaseUrl: string;
  /** Sends a GraphQL request over real HTTP. */
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<GqlResult<T>>;
  /** Signs in a demo person by the local part of their email (e.g. 'teacher.north'). */
  login(key: string): Promise<string>;
  /**
   * The SQL statements the API sends while `run` runs (every statement through the ORM's
   * connection, as the driver sees it), for statement-count and EXPLAIN checks.
   */
  statements(run: () => Promise<unknown>): Promise<{ sql: string; bindings: unknown[] }[]>;
  /** Runs SQL as the database owner (for checks and for tampering on purpose). */
  sql<T extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/**
 * A fresh database cloned from the seeded template, an ORM and the real HTTP app on a free port.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  logDestination?: Writable,
): Promise<TestApp> {
  const base = inject('pgBaseUrl');
  const name = `t_${randomUUID().replace(/-/g, '')}`;
  const admin = new pg.Client({ connectionString: `${base}postgres` });
  await admin.connect();
  await admin.query(`create database "${name}" template "${inject('templateDb')}"`);
  await admin.end();
  const databaseUrl = `${base}${name}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: inject('pgDataDir'),
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    TOKEN_SECRET: 'test-secret-test-secret-test-secret-0123',
    CREDENTIAL_MASTER_KEY: `test1:${Buffer.alloc(32, 7).toString('base64')}`,
    ...env,
  });
  const logger = logDestination
    ? createLogger(config.logLevel, logDestination)
    : createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const orm = await initOrm(databaseUrl, logger);
  const app = await startApp({ config, orm, logger, adminDist: ADMIN_DIST }, 0, '127.0.0.1');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });

  const gql: TestApp['gql'] = async (query, variables, token) => {
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GqlResult, 'status'>;
    return { status: response.status, ...body } as GqlResult<never>;
  };

  return {
    url: app.url,
    orm,
    app,
    config,
    databaseUrl,
    gql,
    async login(key) {
      const result = await gql<{ devLogin: { token: string } }>(
        'mutation($email: String!) { devLogin(email: $email) { token } }',
        { email: demoEmail(key) },
      );
      if (!result.data?.devLogin) throw new Error(`login ${key} failed: ${JSON.stringify(result)}`);
      return result.data.devLogin.token;
    },
    async statements(run) {
      const seen: { sql: string; bindings: unknown[] }[] = [];
      const knex = orm.em.getConnection().getKnex();
      const listener = (q: { sql: string; bindings?: unknown[] }) => {
        seen.push({ sql: q.sql, bindings: q.bindings ?? [] });
      };
      knex.on('query', listener);
      try {
        await run();
      } finally {
        knex.off('query', listener);
      }
      return seen;
    },
    async sql(text, values) {
      return (await pool.query(text, values as unknown[])).rows;
    },
    async close() {
      await app.stop();
      await orm.close();
      await pool.end();
    },
  };
}

/** The `extensions.code` of the first error, for terse assertions. */
export function errorCode(result: GqlResult): unknown {
  return result.errors?.[0]?.extensions?.code;
}
