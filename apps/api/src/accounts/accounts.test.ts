import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const ACCOUNT = `id handle platform classification classificationSections classificationExplanation
  signals state version attention owner { email }
  classificationReasons { signal sections explanation }`;
const REGISTER = `mutation($input: RegisterSocialAccountInput!) { registerSocialAccount(input: $input) { ${ACCOUNT} } }`;
const UPDATE = `mutation($input: UpdateSocialAccountInput!) { updateSocialAccount(input: $input) { ${ACCOUNT} } }`;

interface Account {
  id: string;
  handle: string;
  classification: string;
  classificationSections: string[];
  classificationExplanation: string;
  signals: string[];
  state: string;
  version: number;
  attention: string[];
  owner: { email: string };
  classificationReasons: { signal: string; sections: string[] }[];
}

async function register(token: string, input: Record<string, unknown>) {
  return t.gql<{ registerSocialAccount: Account }>(REGISTER, { input }, token);
}

describe('registering accounts (VIII, IX, XXIX)', () => {
  it('a personal account with no signals is PERSONAL and ACTIVE, with the reasons', async () => {
    const token = await t.login('teacher.north');
    const r = await register(token, {
      platform: 'INSTAGRAM',
      handle: '@tom_bakes_bread',
      bio: 'Sourdough every weekend',
      signals: [],
    });
    expect(r.errors).toBeUndefined();
    expect(r.data?.registerSocialAccount).toMatchObject({
      handle: 'tom_bakes_bread',
      classification: 'PERSONAL',
      state: 'ACTIVE',
      owner: { email: 'teacher.north@demo.k12.example' },
    });
    expect(r.data?.registerSocialAccount.classificationSections).toEqual(
      expect.arrayContaining(['VIII', 'IX']),
    );
  });

  it('an account that purports to be official is SCHOOL_AFFILIATED and PENDING_APPROVAL', async () => {
    const token = await t.login('coach.high');
    const r = await register(token, {
      platform: 'X',
      handle: 'RalstonRamsFootball',
      displayName: 'Ralston Rams Football',
      signals: ['PURPORTS_OFFICIAL', 'USES_MASCOT_OR_IMAGE'],
    });
    const account = r.data?.registerSocialAccount;
    expect(account?.classification).toBe('SCHOOL_AFFILIATED');
    expect(account?.state).toBe('PENDING_APPROVAL');
    expect(account?.classificationSections).toContain('VIII');
    expect(account?.classificationReasons.map((x) => x.signal)).toContain('PURPORTS_OFFICIAL');
    expect(account?.attention).toContain('PENDING_APPROVAL');
  });

  it('never trusts a client classification: an unknown input field is refused', async () => {
    const token = await t.login('teacher.north');
    const r = await register(token, {
      platform: 'X',
      handle: 'sneaky',
      signals: [],
      classification: 'PERSONAL',
    });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
  });

  it('refuses bad input with clear errors: blank handle, bad url, duplicate handle', async () => {
    const token = await t.login('teacher.south');
    expect(errorCode(await register(token, { platform: 'X', handle: '  ', signals: [] }))).toBe(
      'BAD_USER_INPUT',
    );
    const badUrl = await register(token, {
      platform: 'X',
      handle: 'ok_handle',
      url: 'javascript:alert(1)',
      signals: [],
    });
    expect(errorCode(badUrl)).toBe('BAD_USER_INPUT');
    await register(token, { platform: 'TIKTOK', handle: 'SamScience', signals: [] });
    const dup = await register(token, { platform: 'TIKTOK', handle: '@samscience', signals: [] });
    expect(errorCode(dup)).toBe('CONFLICT');
  });

  it('a teacher may not register an account for someone else', async () => {
    const token = await t.login('teacher.north');
    const [other] = await t.sql<{ id: string }>(
      "select id from staff where email = 'teacher.south@demo.k12.example'",
    );
    const r = await register(token, {
      platform: 'X',
      handle: 'not_mine',
      signals: [],
      ownerId: other?.id,
    });
    expect(errorCode(r)).toBe('FORBIDDEN');
  });
});

describe('re-classification (IX)', () => {
  it('a personal account that starts listing the position becomes affiliated, audited, shown to the supervisor', async () => {
    const teacher = await t.login('teacher2.north');
    const created = await register(teacher, {
      platform: 'FACEBOOK',
      handle: 'amara.okafor',
      signals: [],
    });
    const account = created.data?.registerSocialAccount as Account;
    const updated = await t.gql<{ updateSocialAccount: Account }>(
      UPDATE,
      {
        input: {
          id: account.id,
          version: account.version,
          bio: '1st grade teacher at Ralston North Elementary',
          signals: ['LISTS_STAFF_POSITION'],
        },
      },
      teacher,
    );
    expect(updated.data?.updateSocialAccount).toMatchObject({
      classification: 'SCHOOL_AFFILIATED',
      state: 'PENDING_APPROVAL',
    });
    expect(updated.data?.updateSocialAccount.classificationSections).toContain('IX');

    const principal = await t.login('principal.north');
    const inbox = await t.gql<{ socialAccounts: { items: Account[] } }>(
      '{ socialAccounts(filter: { needsAttention: true }) { items { id attention } } }',
      {},
      principal,
    );
    const flagged = inbox.data?.socialAccounts.items.find((a) => a.id === account.id);
    expect(flagged?.attention).toEqual(expect.arrayContaining(['RECLASSIFIED', 'PENDING_APPROVAL']));

    const auditor = await t.login('auditor');
    const events = await t.gql<{ auditEvents: { items: { action: string; change: { before: { classification: string } } }[] } }>(
      'query($id: String) { auditEvents(filter: { targetId: $id }) { items { action change } } }',
      { id: account.id },
      auditor,
    );
    const reclass = events.data?.auditEvents.items.find((e) => e.action === 'socialAccount.reclassify');
    expect(reclass?.change.before.classification).toBe('PERSONAL');
  });

  it('a stale version is refused with CONFLICT (optimistic locking)', async () => {
    const teacher = await t.login('music.north');
    const created = await register(teacher, { platform: 'YOUTUBE', handle: 'jon_plays', signals: [] });
    const account = created.data?.registerSocialAccount as Account;
    const first = await t.gql(UPDATE, { input: { id: account.id, version: account.version, bio: 'a' } }, teacher);
    expect(first.errors).toBeUndefined();
    const stale = await t.gql(UPDATE, { input: { id: account.id, version: account.version, bio: 'b' } }, teacher);
    expect(errorCode(stale)).toBe('CONFLICT');
  });
});

describe('who sees which accounts', () => {
  it("staff see their own; supervisors their staff's; district roles all; SIS none", async () => {
    const northTeacher = await t.login('teacher.north');
    await register(northTeacher, { platform: 'THREADS', handle: 'north_only', signals: [] });
    const southTeacher = await t.login('teacher.south');
    const southList = await t.gql<{ socialAccounts: { items: Account[] } }>(
      '{ socialAccounts(page: { perPage: 100 }) { items { handle owner { email } } } }',
      {},
      southTeacher,
    );
    expect(southList.data?.socialAccounts.items.every((a) => a.owner.email.startsWith('teacher.south@'))).toBe(true);

    const principalSouth = await t.login('principal.south');
    const south = await t.gql<{ socialAccounts: { items: Account[] } }>(
      '{ socialAccounts(page: { perPage: 100 }) { items { handle } } }',
      {},
      principalSouth,
    );
    expect(south.data?.socialAccounts.items.map((a) => a.handle)).not.toContain('north_only');

    const [north] = await t.sql<{ id: string }>("select id from social_account where handle = 'north_only'");
    const refused = await t.gql('query($id: ID!) { socialAccount(id: $id) { handle } }', { id: north?.id }, principalSouth);
    expect(errorCode(refused)).toBe('FORBIDDEN');

    const er = await t.login('external.relations');
    const all = await t.gql<{ socialAccounts: { total: number } }>('{ socialAccounts { total } }', {}, er);
    const [{ count }] = (await t.sql<{ count: string }>('select count(*) from social_account')) as [{ count: string }];
    expect(all.data?.socialAccounts.total).toBe(Number(count));
  });

  it('filters by classification, state and platform', async () => {
    const admin = await t.login('admin');
    const r = await t.gql<{ socialAccounts: { items: Account[] } }>(
      '{ socialAccounts(filter: { classification: SCHOOL_AFFILIATED, state: PENDING_APPROVAL, platform: X }) { items { handle classification state } } }',
      {},
      admin,
    );
    expect(r.data?.socialAccounts.items.length).toBeGreaterThan(0);
    for (const a of r.data?.socialAccounts.items ?? []) {
      expect(a).toMatchObject({ classification: 'SCHOOL_AFFILIATED', state: 'PENDING_APPROVAL' });
    }
  });
});

describe('classifyAccountPreview', () => {
  it('classifies without saving and suggests signals from the profile text', async () => {
    const token = await t.login('band.high');
    const before = await t.sql('select id from social_account');
    const r = await t.gql<{ classifyAccountPreview: { decision: { classification: string }; suggestions: { signal: string; confidence: string }[] } }>(
      `query { classifyAccountPreview(input: { handle: "RPS_band", bio: "Band director at Ralston High", signals: [] }) {
        decision { classification sections } suggestions { signal confidence reason } } }`,
      {},
      token,
    );
    expect(r.data?.classifyAccountPreview.decision.classification).toBe('PERSONAL');
    const strong = r.data?.classifyAccountPreview.suggestions.filter((s) => s.confidence === 'STRONG').map((s) => s.signal);
    expect(strong).toEqual(expect.arrayContaining(['USES_DISTRICT_NAME']));
    expect(await t.sql('select id from social_account')).toHaveLength(before.length);
  });
});
