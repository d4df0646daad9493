import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startSmtpCatcher, type SmtpCatcher } from '../../test/smtp.js';
import { freePort } from '../db/embedded.js';

const API = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(API, 'dist/main.js');
const CHILD = path.join(API, 'test/outbox-crash-child.mjs');

/**
 * The crash case, with real processes (like test/process.test.ts, on the built API): a process
 * commits three notices and is SIGKILLed before it delivered any (two were mid-send, one not yet
 * picked). After the API starts again on the same database, each notice goes out exactly once.
 */
describe('a process killed after the commit and before delivery', () => {
  let smtp: SmtpCatcher;
  let blackHole: net.Server;
  let blackHolePort = 0;
  const heldSockets: net.Socket[] = [];
  let databaseUrl = '';
  let db: pg.Client;
  let dataDir = '';
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    // Accepts SMTP connections and never says hello: a send hangs there until it times out.
    blackHole = net.createServer((socket) => heldSockets.push(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    blackHolePort = (blackHole.address() as net.AddressInfo).port;
    const base = inject('pgBaseUrl');
    const name = `t_${randomUUID().replace(/-/g, '')}`;
    const admin = new pg.Client({ connectionString: `${base}postgres` });
    await admin.connect();
    await admin.query(`create database "${name}" template "${inject('templateDb')}"`);
    await admin.end();
    databaseUrl = `${base}${name}`;
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'steward-crash-'));
    chmodSync(dataDir, 0o755);
  });
  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    for (const socket of heldSockets) socket.destroy();
    blackHole?.close();
    await db?.end();
    await smtp?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  function run(file: string, args: string[], env: NodeJS.ProcessEnv) {
    const child = spawn(process.execPath, [file, ...args], { cwd: API, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const out = { text: '' };
    child.stdout?.on('data', (d) => {
      out.text += d;
    });
    child.stderr?.on('data', (d) => {
      out.text += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, out, exited };
  }

  async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const state = async () =>
    (
      await db.query<{ subject_id: string; status: string; attempts: number; lease_owner: string | null }>(
        `select subject_id, status, attempts, lease_owner from notification where subject_type = 'crash_test' order by subject_id`,
      )
    ).rows;

  it('sends each notice once after the API starts again', async () => {
    expect(existsSync(MAIN), 'build the API first (turbo does it before tests)').toBe(true);
    const env = { ...process.env, NODE_ENV: 'test' } as NodeJS.ProcessEnv;

    // 1. Commit, start sending into the black hole, die.
    const first = run(CHILD, [databaseUrl, `smtp://127.0.0.1:${blackHolePort}`, dataDir], env);
    await until('two notices claimed and one waiting', async () => {
      const rows = await state();
      return rows.length === 3 && rows.filter((r) => r.lease_owner !== null).length === 2;
    });
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull(); // killed, no exit code
    expect(first.out.text).toContain('"committed"');
    const afterCrash = await state();
    expect(afterCrash.map((r) => r.status)).toEqual(['QUEUED', 'QUEUED', 'QUEUED']);
    expect(afterCrash.map((r) => r.attempts).sort()).toEqual([0, 1, 1]);
    expect(smtp.messages).toHaveLength(0);

    // 2. The API starts again on the same database, with a working mail server.
    const port = await freePort();
    const restarted = run(MAIN, [], {
      ...env,
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      PORT: String(port),
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: '200',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'info',
    });
    await until('three notices delivered', async () => (await state()).every((r) => r.status === 'DELIVERED'));
    await new Promise((r) => setTimeout(r, 1_000)); // room for a duplicate, if there were one
    const subjects = smtp.messages.map((m) => m.subject).sort();
    expect(subjects).toEqual(['Crash test notice 1', 'Crash test notice 2', 'Crash test notice 3']);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(3);
    const tries = await db.query<{ outcome: string; n: number }>(
      `select a.outcome, count(*)::int as n from notification_attempt a join notification n on n.id = a.notification_id
        where n.subject_type = 'crash_test' group by a.outcome order by a.outcome`,
    );
    // The two tries the dead process started are recorded as such; three deliveries, no more.
    expect(tries.rows).toEqual([
      { outcome: 'DELIVERED', n: 3 },
      { outcome: 'LEASE_EXPIRED', n: 2 },
    ]);

    // 3. A clean stop: the dispatcher stops with the rest, exit code 0.
    restarted.child.kill('SIGTERM');
    expect(await restarted.exited, restarted.out.text).toBe(0);
    expect(restarted.out.text).toContain('"msg":"stopped"');
    expect(restarted.out.text).not.toContain('Body 1'); // no mail body in the logs
  }, 90_000);
});
