import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../test/harness.js';
import { issueSisKey } from '../auth/sis-keys.js';
import { demoEmail } from '../seed/demo.js';

let t: TestApp;
let sis: string;
beforeAll(async () => {
  t = await startTestApp();
  sis = (await t.orm.em.fork().transactional((tx) => issueSisKey(tx, 'test SIS'))).key;
});
afterAll(() => t.close());

const ENTRY = `id contentKind platform handle url classification state version
  administrators { id email }`;
const REGISTER = `mutation($input: RegisterSocialAccountInput!) { registerSocialAccount(input: $input) { ${ENTRY} } }`;
const UPDATE = `mutation($input: UpdateSocialAccountInput!) { updateSocialAccount(input: $input) { ${ENTRY} } }`;
const SET = `mutation($input: SetAccountAdministratorsInput!) { setAccountAdministrators(input: $input) { ${ENTRY} } }`;

interface Entry {
  id: string;
  contentKind: string;
  platform: string;
  handle: string;
  url: string | null;
  classification: string;
  state: string;
  version: number;
  administrators: { id: string; email: string }[];
}

async function register(token: string, input: Record<string, unknown>) {
  return t.gql<{ registerSocialAccount: Entry }>(REGISTER, { input }, token);
}

async function setAdministrators(token: string | null, accountId: string, administrators: unknown[]) {
  return t.gql<{ setAccountAdministrators: Entry }>(SET, { input: { accountId, administrators } }, token);
}

/** A school-affiliated account of `ownerKey`, for the administrator tests. */
async function affiliated(ownerKey: string, handle: string) {
  const token = await t.login(ownerKey);
  const r = await register(token, { platform: 'INSTAGRAM', handle, signals: ['PURPORTS_OFFICIAL'] });
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return { token, account: r.data.registerSocialAccount };
}

async function staffId(key: string): Promise<string> {
  const [row] = await t.sql<{ id: string }>('select id from staff where email = $1', [demoEmail(key)]);
  if (!row) throw new Error(`no staff ${key}`);
  return row.id;
}

async function lastAudit(action: string) {
  const [row] = await t.sql<{ change: Record<string, unknown>; actor_label: string }>(
    'select change, actor_label from audit_event where action = $1 order by id desc limit 1',
    [action],
  );
  return row;
}

describe('other school-affiliated content in the register (XXIX)', () => {
  it('a school web page goes through the same approval as an account and is in the register with its kind', async () => {
    const teacher = await t.login('music.north');
    const r = await register(teacher, {
      contentKind: 'WEB_PAGE',
      url: 'https://north.demo.k12.example/music/',
      displayName: 'North Elementary Music',
      signals: ['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME'],
    });
    expect(r.errors).toBeUndefined();
    const page = r.data?.registerSocialAccount;
    expect(page).toMatchObject({
      contentKind: 'WEB_PAGE',
      platform: 'WEB',
      handle: 'north.demo.k12.example/music',
      url: 'https://north.demo.k12.example/music/',
      classification: 'SCHOOL_AFFILIATED',
      state: 'PENDING_APPROVAL',
    });
    expect((await lastAudit('socialAccount.register'))?.change).toMatchObject({
      contentKind: 'WEB_PAGE',
      url: 'https://north.demo.k12.example/music/',
    });

    const submitted = await t.gql<{ submitApprovalRequest: { id: string; state: string; approver: { email: string }; account: { contentKind: string } } }>(
      `mutation($input: SubmitApprovalRequestInput!) { submitApprovalRequest(input: $input) {
         id state approver { email } account { contentKind } } }`,
      { input: { kind: 'AFFILIATED_ACCOUNT', accountId: page?.id, justification: 'The music program page' } },
      teacher,
    );
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data?.submitApprovalRequest).toMatchObject({
      state: 'PENDING',
      approver: { email: demoEmail('principal.north') },
      account: { contentKind: 'WEB_PAGE' },
    });

    const principal = await t.login('principal.north');
    const decided = await t.gql<{ decideApprovalRequest: { state: string; account: { state: string; contentKind: string } } }>(
      `mutation($id: ID!) { decideApprovalRequest(id: $id, decision: APPROVE) { state account { state contentKind } } }`,
      { id: submitted.data?.submitApprovalRequest.id },
      principal,
    );
    expect(decided.data?.decideApprovalRequest).toEqual({
      state: 'APPROVED',
      account: { state: 'ACTIVE', contentKind: 'WEB_PAGE' },
    });

    // The register shows it to the principal with its kind, and filters by kind.
    const list = await t.gql<{ socialAccounts: { total: number; items: { id: string; contentKind: string; state: string }[] } }>(
      `{ socialAccounts(filter: { contentKind: WEB_PAGE }) { total items { id contentKind state } } }`,
      {},
      principal,
    );
    expect(list.data?.socialAccounts.items).toEqual([{ id: page?.id, contentKind: 'WEB_PAGE', state: 'ACTIVE' }]);
    const accounts = await t.gql<{ socialAccounts: { items: { contentKind: string }[] } }>(
      `{ socialAccounts(filter: { contentKind: SOCIAL_ACCOUNT }) { items { contentKind } } }`,
      {},
      principal,
    );
    expect(accounts.data?.socialAccounts.items.every((i) => i.contentKind === 'SOCIAL_ACCOUNT')).toBe(true);
  });

  it('a microblog and a held handle are registered by platform and handle; a personal one stays personal (VIII, IX)', async () => {
    const teacher = await t.login('teacher2.north');
    const microblog = await register(teacher, {
      contentKind: 'MICROBLOG',
      platform: 'BLUESKY',
      handle: '@north_library_news',
      signals: ['SHARES_SCHOOL_UPDATES'],
    });
    expect(microblog.data?.registerSocialAccount).toMatchObject({
      contentKind: 'MICROBLOG',
      handle: 'north_library_news',
      classification: 'SCHOOL_AFFILIATED',
      state: 'PENDING_APPROVAL',
    });
    const handle = await register(teacher, { contentKind: 'HANDLE', platform: 'TIKTOK', handle: 'amara_cooks', signals: [] });
    expect(handle.data?.registerSocialAccount).toMatchObject({
      contentKind: 'HANDLE',
      classification: 'PERSONAL',
      state: 'ACTIVE',
    });
    // Existing clients that send no kind register accounts, as before.
    const plain = await register(teacher, { platform: 'X', handle: 'amara_reads', signals: [] });
    expect(plain.data?.registerSocialAccount.contentKind).toBe('SOCIAL_ACCOUNT');
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a web page without its address', { contentKind: 'WEB_PAGE', signals: [] }, 'url'],
    ['a web page over plain http', { contentKind: 'WEB_PAGE', url: 'http://north.example.org', signals: [] }, 'url'],
    ['a web page on a social platform', { contentKind: 'WEB_PAGE', platform: 'X', url: 'https://x.example', signals: [] }, 'platform'],
    ['a microblog without a handle', { contentKind: 'MICROBLOG', platform: 'X', signals: [] }, 'handle'],
    ['an account on the WEB platform', { platform: 'WEB', handle: 'site', signals: [] }, 'platform'],
    ['an account without a platform', { handle: 'nowhere', signals: [] }, 'platform'],
  ])('refuses %s, naming the field (XXIX)', async (_what, input, field) => {
    const r = await register(await t.login('teacher.south'), input);
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.extensions).toMatchObject({ field, sections: ['XXIX'] });
  });

  it('a duplicate web page address is a CONFLICT', async () => {
    const token = await t.login('teacher.south');
    const input = { contentKind: 'WEB_PAGE', url: 'https://south.demo.k12.example/science', signals: [] };
    expect((await register(token, input)).errors).toBeUndefined();
    expect(errorCode(await register(token, input))).toBe('CONFLICT');
  });

  it('an account becomes a web page only with its address; its handle follows the address', async () => {
    const token = await t.login('teacher.south');
    const r = await register(token, { platform: 'FACEBOOK', handle: 'south.science.club', signals: [] });
    const account = r.data?.registerSocialAccount as Entry;
    const refused = await t.gql(UPDATE, { input: { id: account.id, version: account.version, contentKind: 'WEB_PAGE' } }, token);
    expect(r.errors).toBeUndefined();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
    const moved = await t.gql<{ updateSocialAccount: Entry }>(
      UPDATE,
      {
        input: {
          id: account.id,
          version: account.version,
          contentKind: 'WEB_PAGE',
          url: 'https://south.demo.k12.example/science-club',
        },
      },
      token,
    );
    expect(moved.errors).toBeUndefined();
    expect(moved.data?.updateSocialAccount).toMatchObject({
      contentKind: 'WEB_PAGE',
      platform: 'WEB',
      handle: 'south.demo.k12.example/science-club',
    });
  });
});

describe('account administrators are active staff only (XXIX)', () => {
  it('the owner adds an active staff member, by email or staff id; audited with before and after', async () => {
    const { token, account } = await affiliated('band.high', 'ralston_high_band');
    const artId = await staffId('art.high');
    const r = await setAdministrators(token, account.id, [
      { email: 'Journalism.High@demo.k12.example' },
      { staffId: artId },
    ]);
    expect(r.errors).toBeUndefined();
    expect(r.data?.setAccountAdministrators.administrators.map((a) => a.email).sort()).toEqual([
      demoEmail('art.high'),
      demoEmail('journalism.high'),
    ]);
    const audit = await lastAudit('socialAccount.setAdministrators');
    expect(audit?.change).toMatchObject({ before: [], sections: ['XXIX'] });
    expect(((audit?.change.after ?? []) as { email: string }[]).map((a) => a.email).sort()).toEqual([
      demoEmail('art.high'),
      demoEmail('journalism.high'),
    ]);

    // Replacing the list removes whoever is left out; the read path shows the new list.
    const replaced = await setAdministrators(token, account.id, [{ staffId: artId }]);
    expect(replaced.data?.setAccountAdministrators.administrators).toEqual([{ id: artId, email: demoEmail('art.high') }]);
    expect((await lastAudit('socialAccount.setAdministrators'))?.change).toMatchObject({
      removed: [{ email: demoEmail('journalism.high') }],
      added: [],
    });
    const read = await t.gql<{ socialAccount: Entry }>(`query($id: ID!) { socialAccount(id: $id) { ${ENTRY} } }`, { id: account.id }, token);
    expect(read.data?.socialAccount.administrators).toEqual([{ id: artId, email: demoEmail('art.high') }]);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ["a student's address", { email: 'jordan.lee@students.demo.k12.example' }, /jordan\.lee@students.* is not an active member of the district's staff/],
    ['a volunteer or outside email', { email: 'band.parent@gmail.com' }, /students, volunteers and anyone outside the district/],
    ['a former staff member', { email: demoEmail('former.high') }, /Peter Vance .* is no longer an active member of staff/],
    ['the outside auditor (a Steward user without the STAFF role)', { email: demoEmail('auditor') }, /Helen Kowalczyk .* is not a member of the district's staff/],
  ])('refuses %s with XXIX, naming the entry, and changes nothing', async (_who, entry, message) => {
    const { token, account } = await affiliated('journalism.high', `ralston_news_${Math.random().toString(36).slice(2, 8)}`);
    const ok = { email: demoEmail('art.high') };
    const r = await setAdministrators(token, account.id, [ok, entry]);
    expect(r.errors?.[0]?.extensions).toMatchObject({
      code: 'POLICY_VIOLATION',
      sections: ['XXIX'],
      field: 'administrators',
      entry: 1,
    });
    expect(r.errors?.[0]?.message).toMatch(/^Administrator 2: /);
    expect(r.errors?.[0]?.message).toMatch(message);
    const rows = await t.sql('select * from social_account_administrator where social_account_id = $1', [account.id]);
    expect(rows).toEqual([]);
  });

  it('refuses administrators on a personal account (VIII, IX, XXIX), an unknown staff id, and the owner', async () => {
    const token = await t.login('teacher.high');
    const personal = await register(token, { platform: 'X', handle: 'olivia_history_buff', signals: [] });
    const id = personal.data?.registerSocialAccount.id as string;
    const r = await setAdministrators(token, id, [{ email: demoEmail('art.high') }]);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_VIOLATION', sections: ['VIII', 'IX', 'XXIX'] });

    const { token: owner, account } = await affiliated('teacher.high', 'ralston_history_club');
    const unknown = await setAdministrators(owner, account.id, [{ staffId: '00000000-0000-4000-8000-000000000000' }]);
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    const self = await setAdministrators(owner, account.id, [{ email: demoEmail('teacher.high') }]);
    expect(errorCode(self)).toBe('BAD_USER_INPUT');
    expect(self.errors?.[0]?.message).toMatch(/owns this account/);
    const both = await setAdministrators(owner, account.id, [{ email: demoEmail('art.high'), staffId: await staffId('art.high') }]);
    expect(errorCode(both)).toBe('BAD_USER_INPUT');
  });

  it('an account id that is not a UUID is NOT_FOUND, as for a read, not an internal error', async () => {
    const { token } = await affiliated('coach.high', 'ralston_rams_bad_id');
    const read = await t.gql('query($id: ID!) { socialAccount(id: $id) { id } }', { id: 'not-a-uuid' }, token);
    expect(errorCode(read)).toBe('NOT_FOUND');
    for (const accountId of ['not-a-uuid', "1' or '1'='1", '']) {
      const r = await setAdministrators(token, accountId, [{ email: demoEmail('art.high') }]);
      expect(errorCode(r)).toBe('NOT_FOUND');
    }
    const update = await t.gql(UPDATE, { input: { id: 'not-a-uuid', version: 1, displayName: 'x' } }, token);
    expect(errorCode(update)).toBe('NOT_FOUND');
    const review = await t.gql(
      'mutation($input: ResolveAffiliationReviewInput!) { resolveAffiliationReview(input: $input) { id } }',
      { input: { id: 'not-a-uuid', version: 1, action: 'CONFIRM_PERSONAL', note: 'x' } },
      await t.login('principal.high'),
    );
    expect(errorCode(review)).toBe('NOT_FOUND');
    // A filter or a school that is no id is bad input, naming the field.
    const filtered = await t.gql('{ socialAccounts(filter: { ownerId: "nope" }) { total } }', {}, token);
    expect(filtered.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ownerId' });
    const school = await register(token, { platform: 'X', handle: 'ralston_rams_bad_school', schoolId: 'nope', signals: [] });
    expect(school.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'schoolId' });
  });

  it('an administrator finds the account in the register and reads it, but changes it only as its owner allows', async () => {
    const { token, account } = await affiliated('coach.high', 'ralston_rams_helpers');
    const helper = await t.login('teacher.high');
    const read = `query($id: ID!) { socialAccount(id: $id) { id credential { keyId } } }`;
    const mine = `{ socialAccounts(filter: { q: "ralston_rams_helpers" }) { total items { id } } }`;
    expect(errorCode(await t.gql(read, { id: account.id }, helper))).toBe('FORBIDDEN');
    expect((await t.gql<{ socialAccounts: { total: number } }>(mine, {}, helper)).data?.socialAccounts.total).toBe(0);

    await setAdministrators(token, account.id, [{ email: demoEmail('teacher.high') }]);
    const opened = await t.gql<{ socialAccount: { id: string; credential: unknown } }>(read, { id: account.id }, helper);
    expect(opened.errors).toBeUndefined();
    // Read only, and no escrow details (XI): those stay with the owner and their supervisor.
    expect(opened.data?.socialAccount).toEqual({ id: account.id, credential: null });
    const listed = await t.gql<{ socialAccounts: { total: number; items: { id: string }[] } }>(mine, {}, helper);
    expect(listed.data?.socialAccounts).toEqual({ total: 1, items: [{ id: account.id }] });
    const edit = await t.gql(UPDATE, { input: { id: account.id, version: account.version, displayName: 'x' } }, helper);
    expect(errorCode(edit)).toBe('FORBIDDEN');
    expect(errorCode(await setAdministrators(helper, account.id, []))).toBe('FORBIDDEN');

    // Removed, they lose it again.
    await setAdministrators(token, account.id, []);
    expect(errorCode(await t.gql(read, { id: account.id }, helper))).toBe('FORBIDDEN');
  });

  it('scope: another teacher and a supervisor of another school are refused; a district admin may', async () => {
    const { account } = await affiliated('coach.high', 'ralston_rams_scope');
    const entry = [{ email: demoEmail('art.high') }];
    expect(errorCode(await setAdministrators(await t.login('teacher.high'), account.id, entry))).toBe('FORBIDDEN');
    expect(errorCode(await setAdministrators(await t.login('principal.north'), account.id, entry))).toBe('FORBIDDEN');
    const admin = await setAdministrators(await t.login('admin'), account.id, entry);
    expect(admin.errors).toBeUndefined();
    expect(admin.data?.setAccountAdministrators.administrators).toHaveLength(1);
  });

  it('an SIS key, the auditor and an anonymous caller are refused', async () => {
    const { account } = await affiliated('coach.high', 'ralston_rams_machines');
    const entry = [{ email: demoEmail('art.high') }];
    expect(errorCode(await setAdministrators(sis, account.id, entry))).toBe('FORBIDDEN');
    expect(errorCode(await setAdministrators(await t.login('auditor'), account.id, entry))).toBe('FORBIDDEN');
    expect(errorCode(await setAdministrators(null, account.id, entry))).toBe('UNAUTHENTICATED');
  });

  it('a staff member the SIS deactivates stops administering accounts, in the same sync, audited', async () => {
    const [school] = await t.sql<{ sourced_id: string }>("select sourced_id from organization where kind = 'SCHOOL' order by name limit 1");
    const record = {
      sourcedId: 'stf-aide-1',
      dateLastModified: '2026-09-01T08:00:00Z',
      email: 'aide.one@demo.k12.example',
      givenName: 'Ada',
      familyName: 'Aide',
      schoolSourcedId: school?.sourced_id,
    };
    const SYNC = `mutation($r: [StaffSyncRecord!]!) { syncStaff(records: $r) { created updated deactivated failed } }`;
    expect((await t.gql(SYNC, { r: [record] }, sis)).errors).toBeUndefined();
    const { token, account } = await affiliated('art.high', 'ralston_art_room');
    const added = await setAdministrators(token, account.id, [{ email: 'aide.one@demo.k12.example' }, { email: demoEmail('band.high') }]);
    expect(added.data?.setAccountAdministrators.administrators).toHaveLength(2);

    const left = await t.gql<{ syncStaff: { deactivated: number } }>(
      SYNC,
      { r: [{ ...record, dateLastModified: '2026-10-01T08:00:00Z', status: 'tobedeleted' }] },
      sis,
    );
    expect(left.data?.syncStaff.deactivated).toBe(1);
    const read = await t.gql<{ socialAccount: Entry }>(`query($id: ID!) { socialAccount(id: $id) { ${ENTRY} } }`, { id: account.id }, token);
    expect(read.data?.socialAccount.administrators.map((a) => a.email)).toEqual([demoEmail('band.high')]);
    const audit = await lastAudit('socialAccount.removeAdministrators');
    expect(audit?.change).toMatchObject({
      removed: [{ accountId: account.id, handle: 'ralston_art_room', email: 'aide.one@demo.k12.example' }],
      sections: ['XXIX'],
    });
    expect(audit?.actor_label).toBe('sis-key:test SIS');
    // And they cannot be added back while inactive.
    const again = await setAdministrators(token, account.id, [{ email: 'aide.one@demo.k12.example' }]);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_VIOLATION', sections: ['XXIX'] });
  });

  it('an SIS sync deactivating the person at the same moment: the check waits for it and refuses, so no former staff member stays an administrator', async () => {
    const [school] = await t.sql<{ sourced_id: string }>("select sourced_id from organization where kind = 'SCHOOL' order by name limit 1");
    const email = 'aide.two@demo.k12.example';
    const SYNC = `mutation($r: [StaffSyncRecord!]!) { syncStaff(records: $r) { created } }`;
    const record = { sourcedId: 'stf-aide-2', dateLastModified: '2026-09-01T08:00:00Z', email, givenName: 'Abe', familyName: 'Aide', schoolSourcedId: school?.sourced_id };
    expect((await t.gql(SYNC, { r: [record] }, sis)).errors).toBeUndefined();
    const { token, account } = await affiliated('art.high', 'ralston_art_race');

    // The sync's transaction: the person deactivated and their administrator rows removed
    // (as removeInactiveAdministrators does), not committed yet.
    const other = new pg.Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('update staff set active = false where email = $1', [email]);
      await other.query(
        `delete from social_account_administrator x using staff s
          where s.id = x.staff_id and s.email = $1 and not s.active`,
        [email],
      );
      let settled = false;
      const call = setAdministrators(token, account.id, [{ email }]).finally(() => {
        settled = true;
      });
      // The call must wait for the sync (it reads the person under a lock), not read them
      // active from before the sync and add them behind its back.
      let blocked = false;
      for (let i = 0; i < 200 && !settled && !blocked; i++) {
        const [row] = await t.sql<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
        );
        blocked = (row?.n ?? 0) > 0;
        if (!blocked) await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await other.query('commit');
      const r = await call;
      expect(blocked).toBe(true);
      expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'POLICY_VIOLATION', sections: ['XXIX'] });
      expect(r.errors?.[0]?.message).toMatch(/no longer an active member of staff/);
    } finally {
      await other.end();
    }
    expect(await t.sql('select * from social_account_administrator where social_account_id = $1', [account.id])).toEqual([]);
  });

  it('reclassifying an account as personal removes its administrators, recorded in the same event', async () => {
    const { token, account } = await affiliated('teacher2.south', 'south_english_news');
    await setAdministrators(token, account.id, [{ email: demoEmail('teacher.south') }]);
    const r = await t.gql<{ updateSocialAccount: Entry }>(
      UPDATE,
      { input: { id: account.id, version: account.version, signals: [] } },
      token,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.updateSocialAccount).toMatchObject({ classification: 'PERSONAL', administrators: [] });
    expect((await lastAudit('socialAccount.reclassify'))?.change).toMatchObject({
      administratorsRemoved: [{ email: demoEmail('teacher.south') }],
    });
  });
});
