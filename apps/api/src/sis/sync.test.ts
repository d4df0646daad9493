import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../test/harness.js';
import { issueSisKey } from '../auth/sis-keys.js';

let t: TestApp;
let sis: string;

const RESULT = 'runId received created updated unchanged deactivated failed errors { index sourcedId field message }';
const SYNC = {
  organizations: `mutation($r: [OrganizationSyncRecord!]!) { syncOrganizations(records: $r) { ${RESULT} } }`,
  staff: `mutation($r: [StaffSyncRecord!]!) { syncStaff(records: $r) { ${RESULT} } }`,
  students: `mutation($r: [StudentSyncRecord!]!) { syncStudents(records: $r) { ${RESULT} } }`,
  guardians: `mutation($r: [GuardianSyncRecord!]!) { syncGuardians(records: $r) { ${RESULT} } }`,
  mediaReleases: `mutation($r: [MediaReleaseSyncRecord!]!) { syncMediaReleases(records: $r) { ${RESULT} } }`,
};
type Kind = keyof typeof SYNC;
interface Result {
  runId: string;
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  deactivated: number;
  failed: number;
  errors: { index: number; sourcedId: string | null; field: string | null; message: string }[];
}

async function sync(kind: Kind, records: unknown[], token = sis): Promise<Result> {
  const r = await t.gql<Record<string, Result>>(SYNC[kind], { r: records }, token);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  return Object.values(r.data ?? {})[0] as Result;
}

const T1 = '2026-09-01T08:00:00Z';
const T2 = '2026-10-01T08:00:00Z';
const T0 = '2026-08-01T08:00:00Z';
const student = (n: number, extra: Record<string, unknown> = {}) => ({
  sourcedId: `stu-${n}`,
  dateLastModified: T1,
  givenName: `Kid${n}`,
  familyName: 'Sample',
  schoolSourcedId: 'org-high',
  grade: '10',
  birthDate: '2010-04-02',
  ...extra,
});

beforeAll(async () => {
  t = await startTestApp();
  const em = t.orm.em.fork();
  sis = (await em.transactional((tx) => issueSisKey(tx, 'test SIS'))).key;
});
afterAll(() => t.close());

const auditCount = async () => (await t.sql<{ n: number }>("select count(*)::int as n from audit_event where action like 'sis.sync.%'"))[0]?.n ?? 0;

describe('SIS sync over GraphQL (IV, VI, XIV)', () => {
  it('creates students; the same batch again changes nothing and leaves no audit noise', async () => {
    const batch = [1, 2, 3].map((n) => student(n));
    const first = await sync('students', batch);
    expect(first).toMatchObject({ received: 3, created: 3, updated: 0, unchanged: 0, failed: 0, errors: [] });
    const audits = await auditCount();
    const again = await sync('students', batch);
    expect(again).toMatchObject({ received: 3, created: 0, updated: 0, unchanged: 3, failed: 0 });
    expect(await auditCount()).toBe(audits);
    const runs = await t.sql<{ kind: string; unchanged: number }>('select kind, unchanged from sync_run order by started_at');
    expect(runs.slice(-2)).toEqual([
      { kind: 'students', unchanged: 0 },
      { kind: 'students', unchanged: 3 },
    ]);
  });

  it('gives new rows time-ordered ids (UUID v7), so a later batch sorts after an earlier one', async () => {
    await sync('students', [student(41), student(42)]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await sync('students', [student(43)]);
    const rows = await t.sql<{ id: string; sourced_id: string }>(
      "select id::text, sourced_id from student where sourced_id in ('stu-41', 'stu-42', 'stu-43') order by id",
    );
    expect(rows.map((r) => r.sourced_id).at(-1)).toBe('stu-43');
    for (const { id } of rows) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      // The first 48 bits are the creation time in milliseconds: within the last minute.
      const ms = Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
      expect(Math.abs(Date.now() - ms)).toBeLessThan(60_000);
    }
  });

  it('an older record never overwrites a newer one; a newer one does', async () => {
    await sync('students', [student(10, { givenName: 'Newer', dateLastModified: T2 })]);
    const older = await sync('students', [student(10, { givenName: 'Older', dateLastModified: T0 })]);
    expect(older).toMatchObject({ updated: 0, unchanged: 1 });
    const newer = await sync('students', [student(10, { givenName: 'Newest', dateLastModified: '2026-11-01T00:00:00Z' })]);
    expect(newer).toMatchObject({ updated: 1 });
    const [row] = await t.sql<{ given_name: string }>("select given_name from student where sourced_id = 'stu-10'");
    expect(row?.given_name).toBe('Newest');
  });

  it('two calls at once sharing records, sent in opposite orders, both succeed and the newer record wins', async () => {
    // An SIS may send batches in parallel; rows written in the same order by every call wait for
    // each other instead of deadlocking (PostgreSQL would abort one call).
    const ids = Array.from({ length: 1500 }, (_, i) => 3000 + i);
    for (const [round, day] of [[1, '02'], [2, '03'], [3, '04']] as const) {
      const older = ids.map((n) => student(n, { givenName: `Older${round}`, dateLastModified: `2026-10-${day}T08:00:00Z` }));
      const newer = ids.map((n) => student(n, { givenName: `Newer${round}`, dateLastModified: `2026-10-${day}T09:00:00Z` })).reverse();
      const [a, b] = await Promise.all([sync('students', older), sync('students', newer)]);
      expect(a.failed + b.failed).toBe(0);
      expect(a.created + a.updated + a.unchanged).toBe(ids.length);
      const names = await t.sql<{ given_name: string; n: number }>(
        "select given_name, count(*)::int as n from student where sourced_id like 'stu-3___' or sourced_id like 'stu-4___' group by given_name",
      );
      expect(names).toEqual([{ given_name: `Newer${round}`, n: ids.length }]);
    }
  });

  it('tobedeleted deactivates and keeps the row', async () => {
    await sync('students', [student(20)]);
    const r = await sync('students', [student(20, { status: 'ToBeDeleted', dateLastModified: T2 })]);
    expect(r).toMatchObject({ updated: 1, deactivated: 1 });
    const [row] = await t.sql<{ active: boolean }>("select active from student where sourced_id = 'stu-20'");
    expect(row?.active).toBe(false);
  });

  it('saves the valid records of a batch and reports each refused one with index, sourcedId and field', async () => {
    const r = await sync('students', [
      student(30),
      { ...student(31), givenName: '' },
      { ...student(32), schoolSourcedId: 'org-nowhere' },
      { ...student(33), birthDate: '14/03/2010' },
      { ...student(34), dateLastModified: 'yesterday' },
      { givenName: 'No', familyName: 'Id', dateLastModified: T1 },
      student(35, { status: 'archived' }),
      student(36),
    ]);
    expect(r).toMatchObject({ received: 8, created: 2, failed: 6 });
    expect(r.errors.map((e) => [e.index, e.sourcedId, e.field])).toEqual([
      [1, 'stu-31', 'givenName'],
      [2, 'stu-32', 'schoolSourcedId'],
      [3, 'stu-33', 'birthDate'],
      [4, 'stu-34', 'dateLastModified'],
      [5, null, 'sourcedId'],
      [6, 'stu-35', 'status'],
    ]);
    expect(r.errors[1]?.message).toMatch(/org-nowhere.*not known/);
    const saved = await t.sql<{ sourced_id: string }>("select sourced_id from student where sourced_id in ('stu-30','stu-36') order by 1");
    expect(saved.map((s) => s.sourced_id)).toEqual(['stu-30', 'stu-36']);
  });

  it('the same sourcedId twice in one batch: the newer record is used, the other refused', async () => {
    const r = await sync('students', [
      student(40, { givenName: 'Second', dateLastModified: T2 }),
      student(40, { givenName: 'First', dateLastModified: T1 }),
    ]);
    expect(r).toMatchObject({ created: 1, failed: 1 });
    expect(r.errors[0]).toMatchObject({ index: 1, sourcedId: 'stu-40', field: 'sourcedId' });
    const [row] = await t.sql<{ given_name: string }>("select given_name from student where sourced_id = 'stu-40'");
    expect(row?.given_name).toBe('Second');
  });

  it('records written inline in the document reach the service every time the document runs', async () => {
    // The resolver takes the records aside from type-graphql's conversion (sis.resolver.ts); a
    // compiled document must not keep an emptied list for its next run.
    const inline = `mutation { syncStudents(records: [{ sourcedId: "stu-inline", dateLastModified: "${T1}", givenName: "In", familyName: "Line", schoolSourcedId: "org-high" }]) { ${RESULT} } }`;
    const first = await t.gql<{ syncStudents: Result }>(inline, {}, sis);
    expect(first.data?.syncStudents).toMatchObject({ received: 1, created: 1 });
    const again = await t.gql<{ syncStudents: Result }>(inline, {}, sis);
    expect(again.data?.syncStudents).toMatchObject({ received: 1, unchanged: 1 });
  });

  it('refuses more than 5,000 records in a call, and sync for a teacher', async () => {
    const big = await t.gql(SYNC.students, { r: Array.from({ length: 5001 }, (_, i) => ({ sourcedId: `x${i}` })) }, sis);
    expect(errorCode(big)).toBe('BAD_USER_INPUT');
    const teacher = await t.gql(SYNC.students, { r: [student(50)] }, await t.login('teacher.high'));
    expect(errorCode(teacher)).toBe('FORBIDDEN');
  });

  it('an SIS key may send up to 16 MB; anyone else is refused above 100 kB', async () => {
    const records = Array.from({ length: 2000 }, (_, i) => student(1000 + i, { preferredName: 'p'.repeat(150) }));
    const body = JSON.stringify({ query: SYNC.students, variables: { r: records } });
    expect(body.length).toBeGreaterThan(400_000);
    const post = (token: string) =>
      fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
      });
    const ok = await post(sis);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { data: { syncStudents: Result } }).data.syncStudents.created).toBe(2000);
    const admin = await post(await t.login('admin'));
    expect(admin.status).toBe(413);
    const forged = await post('stw_sis_not-a-real-key');
    expect(forged.status).toBe(413);
    const huge = JSON.stringify({ query: SYNC.students, variables: { r: [{ sourcedId: 'x', givenName: 'y'.repeat(17 * 1024 * 1024) }] } });
    const tooBig = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${sis}` },
      body: huge,
    });
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(/16 MB/);
  });
});

describe('staff from the SIS', () => {
  it('deactivating a teacher hands their affiliated accounts over (NEEDS_NEW_OWNER); Steward keeps supervisor and roles', async () => {
    const coach = await t.login('coach.south');
    await t.gql(
      'mutation { registerSocialAccount(input: { platform: INSTAGRAM, handle: "RSMSVolleyballSIS", signals: [PURPORTS_OFFICIAL] }) { id } }',
      {},
      coach,
    );
    const [before] = await t.sql<{ sourced_id: string; supervisor_id: string; roles: string[]; position: string }>(
      "select sourced_id, supervisor_id, roles, position from staff where email = 'coach.south@demo.k12.example'",
    );
    const record = {
      sourcedId: before?.sourced_id,
      dateLastModified: T2,
      email: 'coach.south@demo.k12.example',
      givenName: 'Kelly',
      familyName: 'Brandt',
      schoolSourcedId: 'org-south',
    };
    const kept = await sync('staff', [record]);
    expect(kept.failed).toBe(0);
    const [same] = await t.sql<{ supervisor_id: string; roles: string[]; position: string }>(
      "select supervisor_id, roles, position from staff where email = 'coach.south@demo.k12.example'",
    );
    expect(same).toEqual({ supervisor_id: before?.supervisor_id, roles: before?.roles, position: before?.position });

    // The coach's token stops working at once, and the account needs a new owner.
    expect((await t.gql('{ me { email } }', {}, coach)).errors).toBeUndefined();
    const gone = await sync('staff', [{ ...record, status: 'tobedeleted', dateLastModified: '2026-11-02T00:00:00Z' }]);
    expect(gone).toMatchObject({ updated: 1, deactivated: 1 });
    expect(errorCode(await t.gql('{ me { email } }', {}, coach))).toBe('UNAUTHENTICATED');
    const principal = await t.login('principal.south');
    const accounts = await t.gql<{ socialAccounts: { items: { handle: string; attention: string[] }[] } }>(
      '{ socialAccounts(filter: { needsAttention: true }) { items { handle attention } } }',
      {},
      principal,
    );
    expect(accounts.data?.socialAccounts.items.find((a) => a.handle === 'RSMSVolleyballSIS')?.attention).toContain('NEEDS_NEW_OWNER');
  });

  it("refuses a record whose email is another person's sign-in, and creates a new person as STAFF", async () => {
    const r = await sync('staff', [
      { sourcedId: 'sis-new-1', dateLastModified: T1, email: 'admin@demo.k12.example', givenName: 'A', familyName: 'B' },
      { sourcedId: 'sis-new-2', dateLastModified: T1, email: 'New.Teacher@demo.k12.example', givenName: 'New', familyName: 'Teacher', schoolSourcedId: 'org-north' },
    ]);
    expect(r).toMatchObject({ created: 1, failed: 1 });
    expect(r.errors[0]).toMatchObject({ index: 0, field: 'email' });
    const [row] = await t.sql<{ email: string; roles: string[]; position: string }>("select email, roles, position from staff where sourced_id = 'sis-new-2'");
    expect(row).toEqual({ email: 'new.teacher@demo.k12.example', roles: ['STAFF'], position: 'Staff' });
  });
});

describe('organizations, guardians and media releases', () => {
  it('a school and its district in one batch; an unknown type is refused', async () => {
    const r = await sync('organizations', [
      { sourcedId: 'org-west', dateLastModified: T1, name: 'Ralston West Elementary', type: 'school', parentSourcedId: 'org-district-2' },
      { sourcedId: 'org-district-2', dateLastModified: T1, name: 'Second District', type: 'district' },
      { sourcedId: 'org-dept', dateLastModified: T1, name: 'Science Department', type: 'department' },
    ]);
    expect(r).toMatchObject({ created: 2, failed: 1 });
    expect(r.errors[0]).toMatchObject({ index: 2, field: 'type' });
  });

  it('links guardians to students, replaces links, and refuses an unknown student', async () => {
    await sync('students', [student(60), student(61)]);
    const first = await sync('guardians', [
      { sourcedId: 'g-60', dateLastModified: T1, givenName: 'Pat', familyName: 'Sample', email: 'pat@example.org', students: [{ studentSourcedId: 'stu-60', relationship: 'parent' }] },
      { sourcedId: 'g-bad', dateLastModified: T1, givenName: 'X', familyName: 'Y', students: [{ studentSourcedId: 'stu-none' }] },
    ]);
    expect(first).toMatchObject({ created: 1, failed: 1 });
    const moved = await sync('guardians', [
      { sourcedId: 'g-60', dateLastModified: T1, givenName: 'Pat', familyName: 'Sample', email: 'pat@example.org', students: [{ studentSourcedId: 'stu-60', relationship: 'parent' }, { studentSourcedId: 'stu-61', relationship: 'parent' }] },
    ]);
    expect(moved).toMatchObject({ updated: 1 });
    const again = await sync('guardians', [
      { sourcedId: 'g-60', dateLastModified: T1, givenName: 'Pat', familyName: 'Sample', email: 'pat@example.org', students: [{ studentSourcedId: 'stu-60', relationship: 'parent' }, { studentSourcedId: 'stu-61', relationship: 'parent' }] },
    ]);
    expect(again).toMatchObject({ unchanged: 1, updated: 0 });
    const links = await t.sql<{ n: number }>("select count(*)::int as n from student_guardian l join guardian g on g.id = l.guardian_id where g.sourced_id = 'g-60'");
    expect(links[0]?.n).toBe(2);
  });

  it('a release of an unknown student or signer is refused with its reason (the student first), the others saved', async () => {
    await sync('students', [student(70)]);
    await sync('guardians', [{ sourcedId: 'g-70', dateLastModified: T1, givenName: 'Lee', familyName: 'Sample', students: [{ studentSourcedId: 'stu-70' }] }]);
    const release = (k: string, extra: Record<string, unknown> = {}) => ({
      sourcedId: `rel-70-${k}`,
      dateLastModified: T1,
      studentSourcedId: 'stu-70',
      releaseStatus: 'GRANTED',
      scopes: ['DISTRICT_SOCIAL_MEDIA'],
      signedOn: '2026-08-20',
      ...extra,
    });
    const batch = [
      release('no-student', { studentSourcedId: 'stu-none' }),
      release('ok', { signedByGuardianSourcedId: 'g-70' }),
      release('no-signer', { signedByGuardianSourcedId: 'g-none' }),
      release('neither', { studentSourcedId: 'stu-none', signedByGuardianSourcedId: 'g-none' }),
      release('ok-too'),
    ];
    const r = await sync('mediaReleases', batch);
    expect(r).toMatchObject({ received: 5, created: 2, unchanged: 0, failed: 3 });
    expect(r.errors).toEqual([
      { index: 0, sourcedId: 'rel-70-no-student', field: 'studentSourcedId', message: 'student "stu-none" is not known; sync it first' },
      { index: 2, sourcedId: 'rel-70-no-signer', field: 'signedByGuardianSourcedId', message: 'guardian "g-none" is not known; sync it first' },
      { index: 3, sourcedId: 'rel-70-neither', field: 'studentSourcedId', message: 'student "stu-none" is not known; sync it first' },
    ]);
    const saved = await t.sql<{ sourced_id: string }>("select sourced_id from media_release where sourced_id like 'rel-70-%' order by 1");
    expect(saved.map((s) => s.sourced_id)).toEqual(['rel-70-ok', 'rel-70-ok-too']);
    const again = await sync('mediaReleases', batch);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, failed: 3 });
  });
});

describe('students, releases and the publication check (IV, XIV)', () => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const kids = ['ok', 'expired', 'unsigned', 'denied', 'revoked', 'scope', 'future', 'none'];
    await sync('students', kids.map((k, i) => student(100 + i, { sourcedId: `pc-${k}`, givenName: k })));
    await sync('guardians', [
      { sourcedId: 'pc-parent', dateLastModified: T1, givenName: 'Jo', familyName: 'Parent', email: 'jo.parent@example.org', phone: '555-0100', students: kids.map((k) => ({ studentSourcedId: `pc-${k}`, relationship: 'parent' })) },
    ]);
    const release = (k: string, extra: Record<string, unknown>) => ({
      sourcedId: `rel-${k}`,
      dateLastModified: T1,
      studentSourcedId: `pc-${k}`,
      releaseStatus: 'GRANTED',
      scopes: ['DISTRICT_SOCIAL_MEDIA', 'WEBSITE'],
      schoolYear: '2026-2027',
      signedByGuardianSourcedId: 'pc-parent',
      signedOn: '2026-08-20',
      ...extra,
    });
    const r = await sync('mediaReleases', [
      release('ok', {}),
      release('expired', { schoolYear: '2025-2026', signedOn: '2025-08-20' }),
      release('unsigned', { signedByGuardianSourcedId: null, signedOn: null }),
      release('denied', { releaseStatus: 'DENIED' }),
      release('revoked', { releaseStatus: 'revoked' }),
      release('scope', { scopes: ['PRINT'] }),
      release('future', { signedOn: '2099-01-01', schoolYear: null }),
      release('bad', { studentSourcedId: 'pc-nobody' }),
    ]);
    expect(r).toMatchObject({ created: 7, failed: 1 });
    for (const row of await t.sql<{ id: string; sourced_id: string }>("select id, sourced_id from student where sourced_id like 'pc-%'")) {
      ids[row.sourced_id.slice(3)] = row.id;
    }
  });

  async function affiliated(handle: string, signals: string[] = ['PURPORTS_OFFICIAL']) {
    const token = await t.login('teacher.high');
    const r = await t.gql<{ registerSocialAccount: { id: string } }>(
      'mutation($input: RegisterSocialAccountInput!) { registerSocialAccount(input: $input) { id } }',
      { input: { platform: 'INSTAGRAM', handle, signals } },
      token,
    );
    return { token, id: r.data?.registerSocialAccount.id as string };
  }

  const CHECK = `mutation($input: CheckPublicationInput!) { checkPublication(input: $input) {
    id result plannedOn students { allowed problem sections message student { sourcedId } } } }`;

  it('gives a reason per student: expired, unsigned, denied, revoked, wrong scope, signed in the future, none', async () => {
    const { token, id } = await affiliated('RHSHistoryPhotos');
    const r = await t.gql<{ checkPublication: { result: string; students: { allowed: boolean; problem: string | null; sections: string[]; student: { sourcedId: string } }[] } }>(
      CHECK,
      { input: { accountId: id, students: Object.keys(ids).map((k) => `pc-${k}`), mediaKind: 'PHOTO', plannedOn: '2026-12-01' } },
      token,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.checkPublication.result).toBe('BLOCKED');
    const byStudent = Object.fromEntries(r.data?.checkPublication.students.map((s) => [s.student.sourcedId, s.problem]) ?? []);
    expect(byStudent).toEqual({
      'pc-ok': null,
      'pc-expired': 'EXPIRED',
      'pc-unsigned': 'UNSIGNED',
      'pc-denied': 'DENIED',
      'pc-revoked': 'REVOKED',
      'pc-scope': 'SCOPE_NOT_COVERED',
      'pc-future': 'SIGNED_IN_FUTURE',
      'pc-none': 'NO_RELEASE',
    });
    expect(r.data?.checkPublication.students.every((s) => s.sections.includes('XIV'))).toBe(true);
    const allowed = await t.gql<{ checkPublication: { result: string } }>(
      CHECK,
      { input: { accountId: id, students: [ids.ok], mediaKind: 'VIDEO', plannedOn: '2026-12-01' } },
      token,
    );
    expect(allowed.data?.checkPublication.result).toBe('ALLOWED');
    // Every check is recorded and can be listed for the account.
    const list = await t.gql<{ publicationChecks: { total: number; items: { result: string }[] } }>(
      'query($id: ID) { publicationChecks(filter: { accountId: $id }) { total items { result } } }',
      { id },
      await t.login('principal.high'),
    );
    expect(list.data?.publicationChecks.items.map((i) => i.result)).toEqual(['ALLOWED', 'BLOCKED']);
  });

  it('blocks any student on a personal account, citing IV', async () => {
    const { token, id } = await affiliated('olivia.weekend.hikes', []);
    const r = await t.gql<{ checkPublication: { result: string; students: { problem: string; sections: string[] }[] } }>(
      CHECK,
      { input: { accountId: id, students: [ids.ok], mediaKind: 'PHOTO' } },
      token,
    );
    expect(r.data?.checkPublication).toMatchObject({ result: 'BLOCKED', students: [{ problem: 'PERSONAL_ACCOUNT', sections: ['IV'] }] });
  });

  it("refuses a check on someone else's account and on students outside the teacher's school", async () => {
    const { id } = await affiliated('RHSScienceFair');
    const other = await t.gql(CHECK, { input: { accountId: id, students: [ids.ok], mediaKind: 'PHOTO' } }, await t.login('teacher.south'));
    expect(errorCode(other)).toBe('FORBIDDEN');
  });

  it('staff see whether a release is current, never the history or a guardian; the district admin sees guardians', async () => {
    const QUERY = `query($id: ID!) { student(id: $id) { givenName mediaReleaseStanding { current problem }
      mediaReleases { status signedByGuardian { givenName email } } guardians { givenName email phone } } }`;
    const teacher = await t.gql<{ student: Record<string, unknown> }>(QUERY, { id: ids.expired }, await t.login('teacher.high'));
    expect(teacher.data?.student).toEqual({
      givenName: 'expired',
      mediaReleaseStanding: { current: false, problem: 'EXPIRED' },
      mediaReleases: null,
      guardians: null,
    });
    const principal = await t.gql<{ student: { mediaReleases: { signedByGuardian: { email: string | null } }[]; guardians: unknown } }>(
      QUERY,
      { id: ids.ok },
      await t.login('principal.high'),
    );
    expect(principal.data?.student.mediaReleases).toEqual([{ status: 'GRANTED', signedByGuardian: { givenName: 'Jo', email: null } }]);
    expect(principal.data?.student.guardians).toBeNull();
    const admin = await t.gql<{ student: { guardians: unknown } }>(QUERY, { id: ids.ok }, await t.login('admin'));
    expect(admin.data?.student.guardians).toEqual([{ givenName: 'Jo', email: 'jo.parent@example.org', phone: '555-0100' }]);
    // Another school's teacher cannot open the student.
    expect(errorCode(await t.gql(QUERY, { id: ids.ok }, await t.login('teacher.south')))).toBe('FORBIDDEN');
  });

  it("lists students of the teacher's school only, with their standing", async () => {
    const r = await t.gql<{ students: { total: number; items: { givenName: string; school: { name: string }; mediaReleaseStanding: { current: boolean } }[] } }>(
      '{ students(filter: { q: "ok Sample" }, page: { perPage: 100 }) { total items { givenName school { name } mediaReleaseStanding { current } } } }',
      {},
      await t.login('teacher.high'),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.students.items.every((s) => s.school.name === 'Ralston High School')).toBe(true);
    expect(r.data?.students.items.find((s) => s.givenName === 'ok')?.mediaReleaseStanding.current).toBe(true);
    const south = await t.gql<{ students: { total: number } }>('{ students(filter: { q: "Sample" }) { total } }', {}, await t.login('teacher.south'));
    expect(south.data?.students.total).toBe(0);
  });

  it('sync runs are listed for the district admin and the auditor, not for staff', async () => {
    const runs = await t.gql<{ syncRuns: { total: number; items: { kind: string; actorLabel: string }[] } }>(
      '{ syncRuns { total items { kind actorLabel created failed errors { index message } } } }',
      {},
      await t.login('auditor'),
    );
    expect(runs.data?.syncRuns.total).toBeGreaterThan(5);
    expect(runs.data?.syncRuns.items[0]?.actorLabel).toBe('sis-key:test SIS');
    expect(errorCode(await t.gql('{ syncRuns { total } }', {}, await t.login('teacher.high')))).toBe('FORBIDDEN');
  });
});
