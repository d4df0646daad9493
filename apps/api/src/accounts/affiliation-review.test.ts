import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../test/harness.js';

/**
 * The affiliation review (IX, XIX, XXIX): the API runs `suggestAffiliationSignals` on every
 * register and update, and a STRONG suggestion the owner did not tick flags a personal account
 * for the owner's supervising administrator (a district admin if none), who applies the signals
 * or confirms the account as personal. Tested as the owner, the supervisor, another school's
 * supervisor and the district admin.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const ACCOUNT = `id handle classification state signals version attention
  signalSuggestions { signal confidence field matched reason sections }
  affiliationReview { status signals flaggedAt reviewedAt note message canResolve
    reviewer { fullName } reviewedBy { fullName } }`;
const REGISTER = `mutation($input: RegisterSocialAccountInput!) { registerSocialAccount(input: $input) { ${ACCOUNT} } }`;
const UPDATE = `mutation($input: UpdateSocialAccountInput!) { updateSocialAccount(input: $input) { ${ACCOUNT} } }`;
const RESOLVE = `mutation($input: ResolveAffiliationReviewInput!) { resolveAffiliationReview(input: $input) { ${ACCOUNT} } }`;
const ONE = `query($id: ID!) { socialAccount(id: $id) { ${ACCOUNT} } }`;

interface Suggestion {
  signal: string;
  confidence: string;
  field: string;
  matched: string;
  reason: string;
  sections: string[];
}
interface Account {
  id: string;
  handle: string;
  classification: string;
  state: string;
  signals: string[];
  version: number;
  attention: string[];
  signalSuggestions: Suggestion[];
  affiliationReview: {
    status: string;
    signals: string[];
    flaggedAt: string | null;
    reviewedAt: string | null;
    note: string | null;
    message: string;
    canResolve: boolean;
    reviewer: { fullName: string } | null;
    reviewedBy: { fullName: string } | null;
  } | null;
}

const SIX = [
  'PURPORTS_OFFICIAL',
  'SHARES_SCHOOL_UPDATES',
  'LISTS_STAFF_POSITION',
  'INDICATES_DISTRICT_CONNECTION',
  'USES_DISTRICT_NAME',
  'USES_MASCOT_OR_IMAGE',
];

async function register(who: string, input: Record<string, unknown>): Promise<Account> {
  const r = await t.gql<{ registerSocialAccount: Account }>(REGISTER, { input: { platform: 'INSTAGRAM', signals: [], ...input } }, await t.login(who));
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data?.registerSocialAccount as Account;
}

async function read(who: string, id: string): Promise<Account> {
  const r = await t.gql<{ socialAccount: Account }>(ONE, { id }, await t.login(who));
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data?.socialAccount as Account;
}

async function resolve(who: string, input: Record<string, unknown>) {
  return t.gql<{ resolveAffiliationReview: Account }>(RESOLVE, { input }, await t.login(who));
}

async function auditOf(id: string) {
  const r = await t.gql<{ auditEvents: { items: { action: string; change: Record<string, never> }[] } }>(
    'query($id: String) { auditEvents(filter: { targetId: $id }) { items { action change } } }',
    { id },
    await t.login('auditor'),
  );
  return r.data?.auditEvents.items ?? [];
}

describe("the issue's account: registered with no signal ticked", () => {
  let account: Account;

  it('saves it personal and active, but flags it, and tells the owner who will review it', async () => {
    account = await register('coach.high', {
      handle: 'RalstonRamsFootball_x',
      displayName: 'Ralston Rams Football',
      bio: 'Game day updates for Rams families. Head coach at Ralston High.',
    });
    // Not refused: staff may know better. But never silent.
    expect(account).toMatchObject({ classification: 'PERSONAL', state: 'ACTIVE', signals: [] });
    expect(account.attention).toEqual(['AFFILIATION_REVIEW']);
    expect(account.signalSuggestions.map((s) => [s.signal, s.confidence])).toEqual(
      SIX.map((s) => [s, 'STRONG']),
    );
    for (const s of account.signalSuggestions) {
      expect(s.reason).toMatch(/\((?:[IVX]+[,;) ])/);
      expect(s.sections.length).toBeGreaterThan(0);
    }
    expect(account.affiliationReview).toMatchObject({
      status: 'PENDING',
      signals: SIX,
      canResolve: false,
      reviewer: { fullName: 'Nadia Brennan' },
      reviewedBy: null,
    });
    expect(account.affiliationReview?.flaggedAt).not.toBeNull();
    expect(account.affiliationReview?.message).toMatch(
      /you did not tick.*Your supervising administrator, Nadia Brennan, will review it/,
    );
  });

  it('audits the suggestions and the flag with the registration', async () => {
    const events = await auditOf(account.id);
    const registered = events.find((e) => e.action === 'socialAccount.register');
    expect(registered?.change).toMatchObject({
      classification: 'PERSONAL',
      review: { status: 'PENDING', signals: SIX },
    });
    expect((registered?.change as { suggestions?: unknown[] } | undefined)?.suggestions).toHaveLength(6);
  });

  it('the owner may not resolve their own review', async () => {
    const r = await resolve('coach.high', {
      id: account.id,
      version: account.version,
      action: 'CONFIRM_PERSONAL',
      note: 'It is mine.',
    });
    expect(errorCode(r)).toBe('FORBIDDEN');
  });

  it("another school's supervisor neither sees it nor may resolve it", async () => {
    const list = await t.gql<{ socialAccounts: { items: { id: string }[] } }>(
      '{ socialAccounts(filter: { needsAttention: true }, page: { perPage: 100 }) { items { id } } }',
      {},
      await t.login('principal.north'),
    );
    expect(list.data?.socialAccounts.items.map((a) => a.id)).not.toContain(account.id);
    const r = await resolve('principal.north', {
      id: account.id,
      version: account.version,
      action: 'APPLY_SIGNALS',
      signals: ['USES_DISTRICT_NAME'],
    });
    expect(errorCode(r)).toBe('FORBIDDEN');
    expect((await read('admin', account.id)).affiliationReview?.status).toBe('PENDING');
  });

  it("is in the supervisor's accounts needing attention, resolvable there", async () => {
    const list = await t.gql<{ socialAccounts: { items: Account[] } }>(
      `{ socialAccounts(filter: { needsAttention: true }, page: { perPage: 100 }) { items { ${ACCOUNT} } } }`,
      {},
      await t.login('principal.high'),
    );
    const row = list.data?.socialAccounts.items.find((a) => a.id === account.id);
    expect(row?.attention).toEqual(['AFFILIATION_REVIEW']);
    expect(row?.affiliationReview).toMatchObject({ status: 'PENDING', canResolve: true });
    expect(row?.affiliationReview?.message).toMatch(/The owner's supervising administrator, Nadia Brennan/);
  });

  it('a stale version is refused: the suggestions on the screen are the ones recorded', async () => {
    const r = await resolve('principal.high', {
      id: account.id,
      version: account.version - 1,
      action: 'APPLY_SIGNALS',
      signals: SIX,
    });
    expect(errorCode(r)).toBe('CONFLICT');
  });

  it('the supervisor applies the signals: affiliated, pending approval, audited with the suggestions', async () => {
    const r = await resolve('principal.high', {
      id: account.id,
      version: account.version,
      action: 'APPLY_SIGNALS',
      signals: SIX,
    });
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    const applied = r.data?.resolveAffiliationReview as Account;
    expect(applied).toMatchObject({
      classification: 'SCHOOL_AFFILIATED',
      state: 'PENDING_APPROVAL',
      signals: SIX,
      affiliationReview: {
        status: 'APPLIED',
        signals: SIX,
        canResolve: false,
        reviewedBy: { fullName: 'Nadia Brennan' },
      },
    });
    expect(applied.attention).toEqual(expect.arrayContaining(['PENDING_APPROVAL', 'RECLASSIFIED']));
    expect(applied.attention).not.toContain('AFFILIATION_REVIEW');

    const event = (await auditOf(account.id)).find((e) => e.action === 'socialAccount.applySignals');
    expect(event?.change).toMatchObject({
      onScreen: { flagged: SIX },
      decision: { action: 'APPLY_SIGNALS', signals: SIX },
      before: { classification: 'PERSONAL', state: 'ACTIVE' },
      after: { classification: 'SCHOOL_AFFILIATED', state: 'PENDING_APPROVAL' },
      nextStep: expect.stringMatching(/AFFILIATED_ACCOUNT/),
    });
    const onScreen = (event?.change as { onScreen?: { suggestions?: unknown[] } } | undefined)?.onScreen;
    expect(onScreen?.suggestions).toHaveLength(6);

    // The owner is asked for an approval request, and may submit it.
    const owner = await read('coach.high', account.id);
    expect(owner.affiliationReview?.message).toMatch(/Submit that request from this page/);
    const submitted = await t.gql(
      `mutation($id: ID!) { submitApprovalRequest(input: { kind: AFFILIATED_ACCOUNT, accountId: $id,
         justification: "Game-day updates for Rams football families." }) { state } }`,
      { id: account.id },
      await t.login('coach.high'),
    );
    expect(submitted.errors).toBeUndefined();
  });

  it('a resolved review cannot be resolved again', async () => {
    const current = await read('admin', account.id);
    const r = await resolve('admin', {
      id: account.id,
      version: current.version,
      action: 'CONFIRM_PERSONAL',
      note: 'Second thoughts',
    });
    expect(errorCode(r)).toBe('CONFLICT');
  });
});

describe('confirming an account personal (district admin)', () => {
  let account: Account;

  it('needs a note, then keeps the account personal and stops the flag', async () => {
    account = await register('teacher.north', {
      handle: 'ralston_reads',
      displayName: 'Ms. Ralston reads',
      bio: '3rd grade teacher. Books I love.',
    });
    // "Ralston" with a position is a strong suggestion, but here it is the teacher's surname.
    expect(account.affiliationReview?.status).toBe('PENDING');
    const flagged = account.affiliationReview?.signals ?? [];
    expect(flagged).toContain('USES_DISTRICT_NAME');

    const noNote = await resolve('admin', { id: account.id, version: account.version, action: 'CONFIRM_PERSONAL' });
    expect(errorCode(noNote)).toBe('BAD_USER_INPUT');

    const r = await resolve('admin', {
      id: account.id,
      version: account.version,
      action: 'CONFIRM_PERSONAL',
      note: 'Ralston is her married name; the account is about books.',
    });
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    account = r.data?.resolveAffiliationReview as Account;
    expect(account).toMatchObject({
      classification: 'PERSONAL',
      state: 'ACTIVE',
      attention: [],
      affiliationReview: {
        status: 'CONFIRMED_PERSONAL',
        signals: flagged,
        note: 'Ralston is her married name; the account is about books.',
        reviewedBy: { fullName: 'Priya Raman' },
      },
    });
    const event = (await auditOf(account.id)).find((e) => e.action === 'socialAccount.confirmPersonal');
    expect(event?.change).toMatchObject({
      onScreen: { flagged },
      decision: { action: 'CONFIRM_PERSONAL', note: 'Ralston is her married name; the account is about books.' },
      after: { classification: 'PERSONAL' },
    });
  });

  it('is not flagged again for an edit that suggests nothing new', async () => {
    const r = await t.gql<{ updateSocialAccount: Account }>(
      UPDATE,
      { input: { id: account.id, version: account.version, bio: '3rd grade teacher. Books I love, and tea.' } },
      await t.login('teacher.north'),
    );
    expect(r.errors).toBeUndefined();
    account = r.data?.updateSocialAccount as Account;
    expect(account.affiliationReview?.status).toBe('CONFIRMED_PERSONAL');
    expect(account.attention).toEqual([]);
  });

  it('is flagged again when the text comes to suggest a new strong signal', async () => {
    const r = await t.gql<{ updateSocialAccount: Account }>(
      UPDATE,
      {
        input: {
          id: account.id,
          version: account.version,
          bio: 'Official reading list of Ralston North Elementary. Updates for families.',
        },
      },
      await t.login('teacher.north'),
    );
    account = r.data?.updateSocialAccount as Account;
    expect(account.attention).toEqual(['AFFILIATION_REVIEW']);
    expect(account.affiliationReview).toMatchObject({ status: 'PENDING', note: null, reviewedBy: null });
    expect(account.affiliationReview?.signals).toEqual(
      expect.arrayContaining(['PURPORTS_OFFICIAL', 'SHARES_SCHOOL_UPDATES']),
    );
  });
});

describe('the line between STRONG and POSSIBLE', () => {
  it.each([
    ['a hobby account naming the town', { handle: 'ralston_hiking', displayName: 'Ralston Hiking Club', bio: 'Weekend hikes around Ralston' }],
    ['an NFL fan', { handle: 'la_rams_fan_88', bio: 'LA Rams fan living in Ralston' }],
    ['a town business', { handle: 'ralstonrealty', displayName: 'Ralston Realty', bio: 'Homes for sale in Ralston' }],
  ])('%s: suggestions shown, no flag', async (_what, profile) => {
    const account = await register('teacher.south', profile);
    expect(account.signalSuggestions.length).toBeGreaterThan(0);
    expect(account.signalSuggestions.every((s) => s.confidence === 'POSSIBLE')).toBe(true);
    expect(account.signalSuggestions.every((s) => /a person must confirm/.test(s.reason))).toBe(true);
    expect(account.affiliationReview).toBeNull();
    expect(account.attention).toEqual([]);
  });

  it('an account whose owner ticks what the text suggests is not flagged: it goes to approval', async () => {
    const account = await register('band.high', {
      handle: 'ralston_high_jazz',
      displayName: 'Ralston High Jazz Band',
      signals: ['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME'],
    });
    expect(account).toMatchObject({ classification: 'SCHOOL_AFFILIATED', state: 'PENDING_APPROVAL', affiliationReview: null });
  });
});

describe('updates that change the profile text', () => {
  it('flag a clean personal account, and the owner ticking the signals settles it', async () => {
    let account = await register('teacher2.south', { handle: 'mei_reads', bio: 'Books and tea' });
    expect(account.affiliationReview).toBeNull();
    const teacher = await t.login('teacher2.south');
    let r = await t.gql<{ updateSocialAccount: Account }>(
      UPDATE,
      { input: { id: account.id, version: account.version, displayName: 'Ralston South English', bio: 'English teacher at Ralston South Middle School' } },
      teacher,
    );
    account = r.data?.updateSocialAccount as Account;
    expect(account.attention).toEqual(['AFFILIATION_REVIEW']);
    expect(account.affiliationReview?.signals).toEqual(
      expect.arrayContaining(['LISTS_STAFF_POSITION', 'USES_DISTRICT_NAME']),
    );
    const update = (await auditOf(account.id)).find((e) => e.action === 'socialAccount.update');
    expect(update?.change).toMatchObject({
      before: { bio: 'Books and tea' },
      review: { before: { status: null }, after: { status: 'PENDING' } },
    });

    r = await t.gql<{ updateSocialAccount: Account }>(
      UPDATE,
      { input: { id: account.id, version: account.version, signals: account.affiliationReview?.signals } },
      teacher,
    );
    account = r.data?.updateSocialAccount as Account;
    expect(account).toMatchObject({ classification: 'SCHOOL_AFFILIATED', state: 'PENDING_APPROVAL', affiliationReview: null });
  });

  it('a flag stays when the owner edits the words away: only the supervisor resolves it', async () => {
    let account = await register('art.high', { handle: 'rhs_art_room', displayName: 'Ralston High Art', bio: 'Student art' });
    expect(account.affiliationReview?.status).toBe('PENDING');
    const r = await t.gql<{ updateSocialAccount: Account }>(
      UPDATE,
      { input: { id: account.id, version: account.version, handle: 'chloe_paints', displayName: 'Chloe paints', bio: 'Watercolors' } },
      await t.login('art.high'),
    );
    account = r.data?.updateSocialAccount as Account;
    expect(account.signalSuggestions).toEqual([]);
    expect(account.affiliationReview?.status).toBe('PENDING');
    expect(account.attention).toEqual(['AFFILIATION_REVIEW']);
  });
});

describe('who reviews', () => {
  it("a principal's own account goes to their supervisor, not to themself", async () => {
    const account = await register('principal.north', { handle: 'principal_abernathy', bio: 'Principal of Ralston North Elementary' });
    expect(account.affiliationReview).toMatchObject({
      status: 'PENDING',
      canResolve: false,
      reviewer: { fullName: 'Dana Whitfield' },
    });
    const self = await resolve('principal.north', {
      id: account.id,
      version: account.version,
      action: 'CONFIRM_PERSONAL',
      note: 'Mine',
    });
    expect(errorCode(self)).toBe('FORBIDDEN');
    expect((await read('superintendent', account.id)).affiliationReview?.canResolve).toBe(true);
  });

  it('the owner with no supervising administrator is told a district administrator reviews it', async () => {
    const account = await register('superintendent', { handle: 'rps_supt', bio: 'Superintendent, Ralston Public Schools' });
    expect(account.affiliationReview?.reviewer).toBeNull();
    expect(account.affiliationReview?.message).toMatch(/A district administrator \(you have no active supervising administrator\)/);
    expect((await read('admin', account.id)).affiliationReview?.canResolve).toBe(true);
  });
});

describe("an account's administrators (XXIX) do not read its review", () => {
  it('an administrator from another school reads the account, but not the review, its note or the approval history', async () => {
    // Confirmed personal with a note, then declared school-affiliated by its owner: the review
    // stays with the account as history.
    const account = await register('teacher.high', {
      handle: 'ralston_history_nights',
      displayName: 'Ralston High History Nights',
      bio: 'History teacher at Ralston High School.',
    });
    expect(account.affiliationReview?.status).toBe('PENDING');
    const note = 'Her own reading club; she spoke to me about the name.';
    const confirmed = await resolve('principal.high', {
      id: account.id,
      version: account.version,
      action: 'CONFIRM_PERSONAL',
      note,
    });
    expect(confirmed.errors).toBeUndefined();
    const owner = await t.login('teacher.high');
    const declared = await t.gql<{ updateSocialAccount: Account }>(
      UPDATE,
      { input: { id: account.id, version: confirmed.data?.resolveAffiliationReview.version, signals: ['PURPORTS_OFFICIAL'] } },
      owner,
    );
    expect(declared.errors).toBeUndefined();
    expect(declared.data?.updateSocialAccount.classification).toBe('SCHOOL_AFFILIATED');
    const submitted = await t.gql(
      'mutation($input: SubmitApprovalRequestInput!) { submitApprovalRequest(input: $input) { id } }',
      { input: { kind: 'AFFILIATED_ACCOUNT', accountId: account.id, justification: 'History nights for families.' } },
      owner,
    );
    expect(submitted.errors).toBeUndefined();
    const set = await t.gql(
      'mutation($input: SetAccountAdministratorsInput!) { setAccountAdministrators(input: $input) { id } }',
      { input: { accountId: account.id, administrators: [{ email: 'teacher.south@demo.k12.example' }] } },
      owner,
    );
    expect(set.errors).toBeUndefined();

    const query = `query($id: ID!) { socialAccount(id: $id) {
      id affiliationReview { status note } approvalRequests { id justification } credential { keyId } } }`;
    const asAdministrator = await t.gql<{ socialAccount: Record<string, unknown> }>(query, { id: account.id }, await t.login('teacher.south'));
    expect(asAdministrator.errors).toBeUndefined();
    expect(asAdministrator.data?.socialAccount).toEqual({
      id: account.id,
      affiliationReview: null,
      approvalRequests: [],
      credential: null,
    });
    // The same through the register's list, where the account is theirs too.
    const listed = await t.gql<{ socialAccounts: { items: { id: string; affiliationReview: unknown }[] } }>(
      '{ socialAccounts(filter: { q: "ralston_history_nights" }) { items { id affiliationReview { note } } } }',
      {},
      await t.login('teacher.south'),
    );
    expect(listed.data?.socialAccounts.items).toEqual([{ id: account.id, affiliationReview: null }]);

    // The owner and their supervisor still read it, note included.
    for (const who of ['teacher.high', 'principal.high', 'admin']) {
      const r = await t.gql<{ socialAccount: { affiliationReview: { status: string; note: string } | null } }>(query, { id: account.id }, await t.login(who));
      expect(r.data?.socialAccount.affiliationReview, who).toEqual({ status: 'CONFIRMED_PERSONAL', note });
    }
  });
});

describe('accounts registered before the review: the scan (accounts:review-scan)', () => {
  it('flags them the same way, once, audited as one event', async () => {
    // Two accounts as Migration20261125050000 leaves older rows: no suggestions, never scanned.
    await t.sql(`
      insert into social_account (id, platform, handle, display_name, bio, owner_id, school_id, signals,
                                  classification, classification_sections, classification_explanation,
                                  state, version, created_at, updated_at)
      select gen_random_uuid(), 'FACEBOOK', v.handle, v.display_name, v.bio, s.id, s.school_id, '{}',
             'PERSONAL', '{III,VIII,IX}', 'Personal.', 'ACTIVE', 1, now(), now()
        from staff s,
             (values ('old_rams_page', 'Ralston Rams Volleyball', 'Scores for Rams families'),
                     ('old_kitchen', 'Kelly cooks', 'Soup season')) v(handle, display_name, bio)
       where s.email = 'coach.south@demo.k12.example'`);
    const before = await t.sql<{ count: number }>(
      "select count(*)::int as count from audit_event where action = 'socialAccount.reviewScan'",
    );
    const result = await t.app.services.accounts.reviewScan(t.orm.em.fork(), null);
    expect(result.scanned).toBe(2);
    expect(result.flagged.map((f) => f.handle)).toEqual(['old_rams_page']);

    const [old] = await t.sql<{ id: string }>("select id from social_account where handle = 'old_rams_page'");
    const flagged = await read('principal.south', old?.id as string);
    expect(flagged.attention).toEqual(['AFFILIATION_REVIEW']);
    expect(flagged.affiliationReview).toMatchObject({ status: 'PENDING', canResolve: true });
    const list = await t.gql<{ socialAccounts: { items: { id: string }[] } }>(
      '{ socialAccounts(filter: { needsAttention: true }, page: { perPage: 100 }) { items { id } } }',
      {},
      await t.login('principal.south'),
    );
    expect(list.data?.socialAccounts.items.map((a) => a.id)).toContain(old?.id);

    const events = await t.sql<{ change: { scanned: number; flagged: { handle: string }[] } }>(
      "select change from audit_event where action = 'socialAccount.reviewScan' order by id",
    );
    expect(events.length).toBe((before[0]?.count ?? 0) + 1);
    expect(events.at(-1)?.change).toMatchObject({ scanned: 2, flagged: [{ handle: 'old_rams_page' }] });

    // Once: nothing left to scan, nothing audited.
    expect(await t.app.services.accounts.reviewScan(t.orm.em.fork(), null)).toEqual({ scanned: 0, flagged: [] });
    const after = await t.sql("select id from audit_event where action = 'socialAccount.reviewScan'");
    expect(after).toHaveLength(events.length);

    const verify = await t.gql<{ verifyAuditChain: { ok: boolean } }>(
      '{ verifyAuditChain { ok } }',
      {},
      await t.login('auditor'),
    );
    expect(verify.data?.verifyAuditChain.ok).toBe(true);
  });
});
