import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
let logs = '';
const SECRET = 'Correct-Horse-Battery-Staple-42!';

beforeAll(async () => {
  // Capture every log line at debug level, SQL included, to prove the secret never appears.
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs += chunk.toString();
      done();
    },
  });
  t = await startTestApp({ LOG_LEVEL: 'debug' }, sink);
});
afterAll(() => t.close());

const ESCROW = `mutation($accountId: ID!, $username: String!, $secret: String!) {
  escrowCredential(accountId: $accountId, username: $username, secret: $secret) { keyId revealCount escrowedByName } }`;
const REVEAL = `mutation($accountId: ID!, $reason: String!) {
  revealCredential(accountId: $accountId, reason: $reason) { username secret revealedAt } }`;

async function account(ownerKey: string, handle: string, signals: string[]) {
  const token = await t.login(ownerKey);
  const r = await t.gql<{ registerSocialAccount: { id: string; version: number } }>(
    'mutation($input: RegisterSocialAccountInput!) { registerSocialAccount(input: $input) { id version } }',
    { input: { platform: 'FACEBOOK', handle, signals } },
    token,
  );
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return { token, id: r.data.registerSocialAccount.id, version: r.data.registerSocialAccount.version };
}

describe('credential escrow (III, XI, XXIX)', () => {
  it("refuses a personal account's password with POLICY_VIOLATION citing III, storing nothing", async () => {
    const { token, id } = await account('teacher.north', 'tom.personal', []);
    const r = await t.gql(ESCROW, { accountId: id, username: 'tom', secret: SECRET }, token);
    expect(errorCode(r)).toBe('POLICY_VIOLATION');
    expect(r.errors?.[0]?.extensions?.sections).toEqual(['III']);
    expect(await t.sql('select id from account_credential where account_id = $1', [id])).toHaveLength(0);
  });

  it('the database itself refuses a credential row for a personal account', async () => {
    const { id } = await account('teacher2.north', 'amara.personal', []);
    await expect(
      t.sql(
        `insert into account_credential (id, account_id, username, master_key_id, wrapped_data_key,
           secret_ciphertext, escrowed_at) values (gen_random_uuid(), $1, 'x', 'k', '\\x00', '\\x00', now())`,
        [id],
      ),
    ).rejects.toThrow(/foreign key/);
  });

  it('escrows an affiliated account encrypted at rest; the supervisor reveals it with a reason, audited', async () => {
    const { token, id } = await account('band.high', 'RalstonHighBand', ['PURPORTS_OFFICIAL']);
    const escrowed = await t.gql<{ escrowCredential: { keyId: string; escrowedByName: string } }>(
      ESCROW,
      { accountId: id, username: 'ralstonhighband', secret: SECRET },
      token,
    );
    expect(escrowed.data?.escrowCredential.keyId).toBe('test1');
    expect(escrowed.data?.escrowCredential).toMatchObject({ escrowedByName: 'Ellen Fischer' });

    // Not in clear text anywhere in the database.
    const dump = await t.sql<{ row: string }>(
      "select row_to_json(c)::text as row from account_credential c",
    );
    expect(dump.map((d) => d.row).join()).not.toContain(SECRET);
    expect(dump.map((d) => d.row).join()).not.toContain(Buffer.from(SECRET).toString('hex'));

    // The owner cannot reveal; the owner's supervising administrator can, with a reason.
    expect(errorCode(await t.gql(REVEAL, { accountId: id, reason: 'I forgot my password' }, token))).toBe(
      'FORBIDDEN',
    );
    const principal = await t.login('principal.high');
    expect(errorCode(await t.gql(REVEAL, { accountId: id, reason: '' }, principal))).toBe('BAD_USER_INPUT');
    const revealed = await t.gql<{ revealCredential: { username: string; secret: string } }>(
      REVEAL,
      { accountId: id, reason: 'Band director on leave; posting the concert schedule' },
      principal,
    );
    expect(revealed.data?.revealCredential).toMatchObject({ username: 'ralstonhighband', secret: SECRET });

    // Other supervisors, the auditor and the SIS are refused, and every refusal is audited.
    for (const who of ['principal.north', 'auditor', 'external.relations']) {
      const r = await t.gql(REVEAL, { accountId: id, reason: 'Just curious about it' }, await t.login(who));
      expect(errorCode(r)).toBe('FORBIDDEN');
    }
    const auditor = await t.login('auditor');
    const events = await t.gql<{ auditEvents: { items: { action: string; actorLabel: string; change: unknown }[] } }>(
      'query($id: String) { auditEvents(filter: { targetId: $id }, page: { perPage: 50 }) { items { action actorLabel change } } }',
      { id },
      auditor,
    );
    const items = events.data?.auditEvents.items ?? [];
    expect(items.filter((e) => e.action === 'credential.reveal').map((e) => e.actorLabel)).toEqual([
      'principal.high@demo.k12.example',
    ]);
    expect(items.filter((e) => e.action === 'credential.reveal.refused')).toHaveLength(5);
    expect(items.some((e) => e.action === 'credential.escrow')).toBe(true);

    // The secret appears in no audit row, no log line, and no other field.
    const audit = await t.sql<{ row: string }>('select row_to_json(a)::text as row from audit_event a');
    expect(audit.map((a) => a.row).join()).not.toContain(SECRET);
    expect(logs).toContain('credential'); // the log really was captured
    expect(logs).not.toContain(SECRET);
    const metadata = await t.gql('query($id: ID!) { socialAccount(id: $id) { credential { keyId revealCount } } }', { id }, principal);
    expect(JSON.stringify(metadata)).not.toContain(SECRET);
    expect(metadata.data).toMatchObject({ socialAccount: { credential: { revealCount: 1 } } });
  });

  it('a hand-over: when the owner leaves, the account needs a new owner and the supervisor still reveals', async () => {
    const { token, id } = await account('journalism.high', 'RHSJournalism', ['PURPORTS_OFFICIAL']);
    await t.gql(ESCROW, { accountId: id, username: 'rhsjournalism', secret: SECRET }, token);
    await t.sql("update staff set active = false where email = 'journalism.high@demo.k12.example'");
    const principal = await t.login('principal.high');
    const r = await t.gql<{ socialAccount: { attention: string[] } }>(
      'query($id: ID!) { socialAccount(id: $id) { attention } }',
      { id },
      principal,
    );
    expect(r.data?.socialAccount.attention).toContain('NEEDS_NEW_OWNER');
    const revealed = await t.gql<{ revealCredential: { secret: string } }>(
      REVEAL,
      { accountId: id, reason: 'Owner left the district; taking over the account' },
      principal,
    );
    expect(revealed.data?.revealCredential.secret).toBe(SECRET);
  });

  it('re-classifying an escrowed account as personal destroys the escrow (III)', async () => {
    const { token, id, version } = await account('teacher.high', 'ParkHistoryClass', ['SHARES_SCHOOL_UPDATES']);
    await t.gql(ESCROW, { accountId: id, username: 'parkhistory', secret: SECRET }, token);
    const r = await t.gql<{ updateSocialAccount: { classification: string; credential: unknown } }>(
      'mutation($input: UpdateSocialAccountInput!) { updateSocialAccount(input: $input) { classification credential { keyId } } }',
      { input: { id, version, signals: [] } },
      token,
    );
    expect(r.data?.updateSocialAccount).toEqual({ classification: 'PERSONAL', credential: null });
    expect(await t.sql('select id from account_credential where account_id = $1', [id])).toHaveLength(0);
  });

  it('rotation re-wraps data keys under a new master key and secrets still decrypt', async () => {
    const { token, id } = await account('coach.high', 'RamsFootballOfficial', ['PURPORTS_OFFICIAL']);
    await t.gql(ESCROW, { accountId: id, username: 'ramsfootball', secret: SECRET }, token);
    const rotated = await import('./credentials.service.js');
    const { loadConfig } = await import('../config.js');
    const config = loadConfig({
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: t.databaseUrl,
      TOKEN_SECRET: 'x'.repeat(40),
      CREDENTIAL_MASTER_KEY: `test2:${Buffer.alloc(32, 9).toString('base64')}`,
      CREDENTIAL_PREVIOUS_KEYS: `test1:${Buffer.alloc(32, 7).toString('base64')}`,
    });
    const service = new rotated.CredentialsService(config);
    const moved = await service.rotate(t.orm.em.fork());
    expect(moved).toBeGreaterThanOrEqual(1);
    const keys = await t.sql<{ master_key_id: string }>('select distinct master_key_id from account_credential');
    expect(keys.map((k) => k.master_key_id)).toEqual(['test2']);
    const revealed = await service.reveal(
      t.orm.em.fork(),
      { kind: 'STAFF', staffId: (await t.sql<{ id: string }>("select id from staff where email = 'principal.high@demo.k12.example'"))[0]?.id as string, schoolId: null, supervisorId: null, roles: ['STAFF', 'SUPERVISOR'], label: 'principal.high' },
      id,
      'Checking the rotation kept the secret',
      'test',
    );
    expect(revealed.secret).toBe(SECRET);
  });

  it('the reveal limit holds under 30 parallel reveals: exactly the limit, and every reveal counted', async () => {
    const { token, id } = await account('art.high', 'RHSArtShow', ['PURPORTS_OFFICIAL']);
    await t.gql(ESCROW, { accountId: id, username: 'rhsartshow', secret: SECRET }, token);
    const admin = await t.login('admin');
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.gql<{ revealCredential: { secret: string } }>(REVEAL, { accountId: id, reason: `Parallel reveal number ${i}` }, admin),
      ),
    );
    const revealed = results.filter((r) => r.data?.revealCredential?.secret === SECRET);
    const limited = results.filter((r) => r.errors?.[0]?.extensions?.reason === 'RATE_LIMITED');
    expect(revealed).toHaveLength(10);
    expect(limited).toHaveLength(20);
    const [row] = await t.sql<{ reveal_count: number }>('select reveal_count from account_credential where account_id = $1', [id]);
    expect(row?.reveal_count).toBe(10);
    const audited = await t.sql<{ n: number }>(
      "select count(*)::int as n from audit_event where action = 'credential.reveal' and target_id = $1",
      [id],
    );
    expect(audited[0]?.n).toBe(10);
  });

  it('seals the username like the secret: never in plain text in the database or in debug logs', async () => {
    const USERNAME = 'rhs-volleyball-login-7731';
    const { token, id } = await account('coach.south', 'RSMSVolleyball', ['PURPORTS_OFFICIAL']);
    await t.gql(ESCROW, { accountId: id, username: USERNAME, secret: SECRET }, token);
    const dump = await t.sql<{ row: string }>('select row_to_json(c)::text as row from account_credential c');
    expect(dump.map((d) => d.row).join()).not.toContain(USERNAME);
    expect(logs).toMatch(/account_credential \(parameters withheld\)/);
    expect(logs).not.toContain(USERNAME);
    const revealed = await t.gql<{ revealCredential: { username: string } }>(
      REVEAL,
      { accountId: id, reason: 'Coach is away for the tournament' },
      await t.login('principal.south'),
    );
    expect(revealed.data?.revealCredential.username).toBe(USERNAME);
  });

  it('seals a username escrowed in plain text before this change, and it still reveals', async () => {
    const { token, id } = await account('teacher2.south', 'RSMSEnglish', ['PURPORTS_OFFICIAL']);
    await t.gql(ESCROW, { accountId: id, username: 'will-be-replaced', secret: SECRET }, token);
    await t.sql("update account_credential set username = 'legacy-login', username_ciphertext = null where account_id = $1", [id]);
    const { CredentialsService } = await import('./credentials.service.js');
    const service = new CredentialsService(t.config);
    expect(await service.sealPlaintextUsernames(t.orm.em.fork())).toBe(1);
    expect(await service.sealPlaintextUsernames(t.orm.em.fork())).toBe(0);
    const [row] = await t.sql<{ username: string | null; sealed: boolean }>(
      'select username, username_ciphertext is not null as sealed from account_credential where account_id = $1',
      [id],
    );
    expect(row).toEqual({ username: null, sealed: true });
    const revealed = await t.gql<{ revealCredential: { username: string; secret: string } }>(
      REVEAL,
      { accountId: id, reason: 'Teacher on leave; posting the reading list' },
      await t.login('principal.south'),
    );
    expect(revealed.data?.revealCredential).toMatchObject({ username: 'legacy-login', secret: SECRET });
  });
});
