import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const REQUEST = 'id state kind canDecide canWithdraw canRevoke approver { email } decisionNote history { action fromState toState note }';

async function affiliatedAccount(ownerKey: string, handle: string) {
  const token = await t.login(ownerKey);
  const r = await t.gql<{ registerSocialAccount: { id: string; state: string } }>(
    'mutation($input: RegisterSocialAccountInput!) { registerSocialAccount(input: $input) { id state } }',
    { input: { platform: 'INSTAGRAM', handle, signals: ['PURPORTS_OFFICIAL'] } },
    token,
  );
  if (!r.data) throw new Error(JSON.stringify(r.errors));
  return { token, accountId: r.data.registerSocialAccount.id };
}

async function submit(token: string, input: Record<string, unknown>) {
  return t.gql<{ submitApprovalRequest: { id: string; state: string; approver: { email: string } | null } }>(
    `mutation($input: SubmitApprovalRequestInput!) { submitApprovalRequest(input: $input) { ${REQUEST} } }`,
    { input },
    token,
  );
}

const DECIDE = `mutation($id: ID!, $decision: ApprovalDecision!, $note: String) {
  decideApprovalRequest(id: $id, decision: $decision, note: $note) { ${REQUEST} account { state } } }`;

async function accountState(id: string, token: string) {
  const r = await t.gql<{ socialAccount: { state: string } }>(
    'query($id: ID!) { socialAccount(id: $id) { state } }',
    { id },
    token,
  );
  return r.data?.socialAccount.state;
}

describe('approval requests (XIX, XXII, XXIX)', () => {
  it("goes to the requester's supervising administrator; approving activates the account", async () => {
    const { token, accountId } = await affiliatedAccount('teacher.north', 'north_3rd_grade');
    const submitted = await submit(token, {
      kind: 'AFFILIATED_ACCOUNT',
      accountId,
      justification: 'Class updates for families of my 3rd graders',
    });
    expect(submitted.data?.submitApprovalRequest).toMatchObject({
      state: 'PENDING',
      approver: { email: 'principal.north@demo.k12.example' },
    });
    const id = submitted.data?.submitApprovalRequest.id;

    const principal = await t.login('principal.north');
    const inbox = await t.gql<{ approvalRequests: { items: { id: string; canDecide: boolean }[] } }>(
      `{ approvalRequests(filter: { waitingForMe: true }) { total items { id canDecide } } }`,
      {},
      principal,
    );
    expect(inbox.data?.approvalRequests.items).toContainEqual({ id, canDecide: true });

    const approved = await t.gql<{ decideApprovalRequest: { state: string; account: { state: string }; history: { action: string }[] } }>(
      DECIDE,
      { id, decision: 'APPROVE' },
      principal,
    );
    expect(approved.data?.decideApprovalRequest.state).toBe('APPROVED');
    expect(approved.data?.decideApprovalRequest.account.state).toBe('ACTIVE');
    expect(approved.data?.decideApprovalRequest.history.map((h) => h.action)).toEqual(['SUBMIT', 'APPROVE']);

    // Revoking needs a note, and suspends the account.
    const REVOKE = `mutation($id: ID!, $note: String!) { revokeApproval(id: $id, note: $note) { state } }`;
    expect(errorCode(await t.gql(REVOKE, { id, note: '  ' }, principal))).toBe('BAD_USER_INPUT');
    const revoked = await t.gql<{ revokeApproval: { state: string } }>(
      REVOKE,
      { id, note: 'Account posted student photos without releases' },
      principal,
    );
    expect(revoked.data?.revokeApproval.state).toBe('REVOKED');
    expect(await accountState(accountId, token)).toBe('SUSPENDED');
  });

  it('no one decides their own request, and staff cannot decide at all', async () => {
    const principal = await t.login('principal.high');
    const own = await submit(principal, {
      kind: 'DISTRICT_BRANDING',
      activity: 'Use the Rams logo on the school newsletter page',
      justification: 'Newsletter branding for the spring term',
    });
    const id = own.data?.submitApprovalRequest.id;
    // The principal's own request goes to the superintendent, never to the principal.
    expect(own.data?.submitApprovalRequest.approver?.email).toBe('superintendent@demo.k12.example');
    const self = await t.gql(DECIDE, { id, decision: 'APPROVE' }, principal);
    expect(errorCode(self)).toBe('FORBIDDEN');
    expect(self.errors?.[0]?.extensions?.reason).toBe('SELF_DECISION');

    const teacher = await t.login('teacher.high');
    expect(errorCode(await t.gql(DECIDE, { id, decision: 'APPROVE' }, teacher))).toBe('FORBIDDEN');
  });

  it("a supervisor cannot decide for another school's staff", async () => {
    const { token, accountId } = await affiliatedAccount('teacher.south', 'south_science_club');
    const submitted = await submit(token, {
      kind: 'AFFILIATED_ACCOUNT',
      accountId,
      justification: 'Science club news for students',
    });
    const principalNorth = await t.login('principal.north');
    const r = await t.gql(DECIDE, { id: submitted.data?.submitApprovalRequest.id, decision: 'APPROVE' }, principalNorth);
    expect(errorCode(r)).toBe('FORBIDDEN');
  });

  it('deny needs a note; illegal transitions are refused with a clear error', async () => {
    const { token, accountId } = await affiliatedAccount('counselor.south', 'south_counseling');
    const submitted = await submit(token, {
      kind: 'AFFILIATED_ACCOUNT',
      accountId,
      justification: 'Counseling office announcements',
    });
    const id = submitted.data?.submitApprovalRequest.id;
    const principal = await t.login('principal.south');
    const noNote = await t.gql(DECIDE, { id, decision: 'DENY' }, principal);
    expect(errorCode(noNote)).toBe('BAD_USER_INPUT');
    const denied = await t.gql<{ decideApprovalRequest: { state: string; decisionNote: string } }>(
      DECIDE,
      { id, decision: 'DENY', note: 'Use the school page instead' },
      principal,
    );
    expect(denied.data?.decideApprovalRequest).toMatchObject({ state: 'DENIED', decisionNote: 'Use the school page instead' });
    const again = await t.gql(DECIDE, { id, decision: 'APPROVE' }, principal);
    expect(errorCode(again)).toBe('CONFLICT');
    expect(again.errors?.[0]?.message).toMatch(/DENIED/);
    expect(await accountState(accountId, token)).toBe('PENDING_APPROVAL');
  });

  it('the requester can withdraw a pending request; others cannot', async () => {
    const { token, accountId } = await affiliatedAccount('coach.south', 'south_volleyball');
    const submitted = await submit(token, {
      kind: 'AFFILIATED_ACCOUNT',
      accountId,
      justification: 'Volleyball schedule and scores',
    });
    const id = submitted.data?.submitApprovalRequest.id;
    const WITHDRAW = 'mutation($id: ID!) { withdrawApprovalRequest(id: $id) { state } }';
    const other = await t.login('teacher2.south');
    expect(errorCode(await t.gql(WITHDRAW, { id }, other))).toBe('FORBIDDEN');
    const r = await t.gql<{ withdrawApprovalRequest: { state: string } }>(WITHDRAW, { id }, token);
    expect(r.data?.withdrawApprovalRequest.state).toBe('WITHDRAWN');
  });

  it('the district admin decides when the requester has no supervisor', async () => {
    const superintendent = await t.login('superintendent');
    const submitted = await submit(superintendent, {
      kind: 'INSTRUCTIONAL_USE',
      activity: 'District-wide digital citizenship lessons on YouTube',
      justification: 'Lesson videos for all grades',
    });
    expect(submitted.data?.submitApprovalRequest.approver?.email).toBe('admin@demo.k12.example');
    const admin = await t.login('admin');
    const r = await t.gql<{ decideApprovalRequest: { state: string } }>(
      DECIDE,
      { id: submitted.data?.submitApprovalRequest.id, decision: 'APPROVE' },
      admin,
    );
    expect(r.data?.decideApprovalRequest.state).toBe('APPROVED');
  });

  it('a supervisor recorded without the SUPERVISOR role (who could never decide) is passed over for the district admin', async () => {
    // The SIS records supervisors by person; a colleague recorded by mistake holds only STAFF.
    await t.sql(
      `update staff set supervisor_id = (select id from staff where email = 'music.north@demo.k12.example')
        where email = 'librarian.north@demo.k12.example'`,
    );
    const librarian = await t.login('librarian.north');
    const submitted = await submit(librarian, {
      kind: 'INSTRUCTIONAL_USE',
      activity: 'Library book club videos',
      justification: 'Students record short book reviews',
    });
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data?.submitApprovalRequest.approver?.email).toBe('admin@demo.k12.example');
  });

  it('two simultaneous decisions: exactly one wins, the other gets CONFLICT', async () => {
    const { token, accountId } = await affiliatedAccount('journalism.high', 'rhs_newspaper');
    const submitted = await submit(token, {
      kind: 'AFFILIATED_ACCOUNT',
      accountId,
      justification: 'Student newspaper account run by the class',
    });
    const id = submitted.data?.submitApprovalRequest.id;
    const principal = await t.login('principal.high');
    const admin = await t.login('admin');
    const results = await Promise.all([
      t.gql(DECIDE, { id, decision: 'APPROVE' }, principal),
      t.gql(DECIDE, { id, decision: 'DENY', note: 'Not this term' }, admin),
    ]);
    const winners = results.filter((r) => !r.errors);
    const losers = results.filter((r) => r.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(errorCode(losers[0] as never)).toBe('CONFLICT');
    const history = await t.sql<{ action: string }>(
      "select action from approval_history where request_id = $1 and action <> 'SUBMIT'",
      [id],
    );
    expect(history).toHaveLength(1);
  });

  it('an approval past its expiry becomes EXPIRED and suspends the account', async () => {
    const { token, accountId } = await affiliatedAccount('art.high', 'rhs_art_gallery');
    const submitted = await submit(token, {
      kind: 'AFFILIATED_ACCOUNT',
      accountId,
      justification: 'Student art gallery posts',
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const id = submitted.data?.submitApprovalRequest.id;
    const principal = await t.login('principal.high');
    await t.gql(DECIDE, { id, decision: 'APPROVE' }, principal);
    expect(await accountState(accountId, token)).toBe('ACTIVE');
    await t.sql("update approval_request set expires_at = now() - interval '1 minute' where id = $1", [id]);
    const list = await t.gql<{ approvalRequests: { items: { id: string; state: string }[] } }>(
      '{ approvalRequests { items { id state } } }',
      {},
      token,
    );
    expect(list.data?.approvalRequests.items.find((r) => r.id === id)?.state).toBe('EXPIRED');
    expect(await accountState(accountId, token)).toBe('SUSPENDED');
  });

  it('refuses a personal account for an AFFILIATED_ACCOUNT request and someone else\'s account', async () => {
    const teacher = await t.login('librarian.north');
    const personal = await t.gql<{ registerSocialAccount: { id: string } }>(
      'mutation { registerSocialAccount(input: { platform: BLUESKY, handle: "rosa_reads", signals: [] }) { id } }',
      {},
      teacher,
    );
    const r = await submit(teacher, {
      kind: 'AFFILIATED_ACCOUNT',
      accountId: personal.data?.registerSocialAccount.id,
      justification: 'Just checking it is refused',
    });
    expect(errorCode(r)).toBe('BAD_USER_INPUT');
    const other = await t.login('teacher.north');
    const notMine = await submit(other, {
      kind: 'DISTRICT_BRANDING',
      accountId: personal.data?.registerSocialAccount.id,
      justification: 'Not my account at all',
    });
    expect(errorCode(notMine)).toBe('FORBIDDEN');
  });
});
