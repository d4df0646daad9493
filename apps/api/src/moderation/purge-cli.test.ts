import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/harness.js';

const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli/moderation.js');

/**
 * `npm run moderation:purge` as an operator runs it: the built CLI against the database, with
 * `--dry-run` first, then for real; progress and the result on stdout, one audit event.
 */
let t: TestApp;
let dataDir = '';

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: t.databaseUrl,
    DATA_DIR: dataDir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
  };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
    });
    child.stderr.on('data', (d) => {
      output += d;
    });
    child.on('exit', (code) => resolve({ code, output }));
  });
}

beforeAll(async () => {
  t = await startTestApp();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'steward-purge-'));
});
afterAll(async () => {
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm run moderation:purge', () => {
  it('lists what it would purge with --dry-run, then purges it, skipping held cases', async () => {
    expect(existsSync(CLI), 'build the API first (turbo does it before tests)').toBe(true);
    const band = await t.login('band.high');
    const open = async (text: string) => {
      const r = await t.gql<{ openModerationCase: { id: string } }>(
        `mutation($id: ID!, $text: String!) { openModerationCase(input: { accountId: $id, snapshot: { kind: COMMENT,
           platformContentId: $text, text: $text } }) { id } }`,
        { id: (await t.sql<{ id: string }>(`select id from social_account where handle = 'RPS_band'`))[0]?.id, text },
        band,
      );
      const id = r.data?.openModerationCase.id as string;
      await t.gql(`mutation($id: ID!) { dismissModerationCase(caseId: $id, note: "Nothing to remove under XXXI-XXXV.") { id } }`, { id }, band);
      return id;
    };
    const expired = await open('An old comment, long past retention.');
    const held = await open('An old comment under a legal hold.');
    await t.sql(`update moderation_case set retention_until = now() - interval '1 day' where id = any($1)`, [[expired, held]]);
    await t.gql(
      `mutation($id: ID!) { placeLegalHold(caseId: $id, reason: "Records request pending.") { id } }`,
      { id: held },
      await t.login('admin'),
    );

    const dry = await run(['purge', '--dry-run']);
    expect(dry.code, dry.output).toBe(0);
    expect(dry.output).toContain('dry run: nothing is deleted');
    expect(dry.output).toContain(`1 case(s) would be purged:\n  ${expired}`);
    expect(await t.sql('select 1 from moderation_snapshot where case_id = $1', [expired])).toHaveLength(1);

    const real = await run(['purge']);
    expect(real.code, real.output).toBe(0);
    expect(real.output).toContain('purged 1/1');
    expect(real.output).toContain('purged the snapshot of 1 case(s)');
    expect(await t.sql('select 1 from moderation_snapshot where case_id = $1', [expired])).toHaveLength(0);
    expect(await t.sql('select 1 from moderation_snapshot where case_id = $1', [held])).toHaveLength(1);
    const [tomb] = await t.sql<{ evidence_digest: string; purged_at: Date | null }>(
      'select evidence_digest, purged_at from moderation_case where id = $1',
      [expired],
    );
    expect(tomb?.evidence_digest).toMatch(/^[0-9a-f]{64}$/);
    expect(tomb?.purged_at).not.toBeNull();
    expect(await t.sql(`select 1 from audit_event where action = 'moderation.purge'`)).toHaveLength(1);

    const again = await run(['purge']);
    expect(again.output).toContain('nothing to purge');
    expect((await run(['purge', '--everything'])).code).toBe(2);
  }, 60_000);
});
