import { randomUUID } from 'node:crypto';
import { isoDay, requiresAcknowledgement, type Role } from '@steward/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type GqlResult, type TestApp } from '../../test/harness.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../test/smtp.js';
import { issueSisKey } from '../auth/sis-keys.js';
import { demoEmail } from '../seed/demo.js';

/**
 * Acknowledgement rounds (XIII, XVII, XVIII, XX, XXIV, XXVI, XXVII) over GraphQL as each role,
 * against a real PostgreSQL, with the reminders delivered to a real SMTP server on loopback.
 * The tests run in order: each builds on the rounds the previous ones opened.
 */

let t: TestApp;
let smtp: SmtpCatcher;
const staffIds: Record<string, string> = {};
const schoolIds: Record<string, string> = {};

const DAY = 24 * 60 * 60 * 1000;
const day = (offset: number) => isoDay(new Date(Date.now() + offset * DAY));
const SEVEN = ['XIII', 'XVII', 'XVIII', 'XX', 'XXIV', 'XXVI', 'XXVII'];

interface Round {
  id: string;
  revisionDate: string;
  dueDate: string;
  schoolId: string | null;
  schoolName: string | null;
  current: boolean;
  supersededAt: string | null;
  requiredCount: number;
  acknowledgedCount: number;
  sections: { id: string; title: string; summary: string }[];
  openedBy: { fullName: string } | null;
}

interface RoundDetail extends Round {
  completionBySchool: { schoolId: string | null; schoolName: string; required: number; acknowledged: number; pending: number }[];
  pending: { total: number; items: { staffId: string; fullName: string; schoolName: string; remindersSent: number; lastRemindedAt: string | null }[] };
}

const ROUND_FIELDS = `id revisionDate dueDate schoolId schoolName current supersededAt requiredCount acknowledgedCount
  sections { id title summary } openedBy { fullName }`;

const tokens: Record<string, string> = {};
async function as(key: string): Promise<string> {
  tokens[key] ??= await t.login(key);
  return tokens[key] as string;
}

function openRound(token: string, input: Record<string, unknown>) {
  return t.gql<{ openAcknowledgementRound: Round }>(
    `mutation($input: OpenAcknowledgementRoundInput!) { openAcknowledgementRound(input: $input) { ${ROUND_FIELDS} } }`,
    { input },
    token,
  );
}

function acknowledge(token: string, roundId: string) {
  return t.gql<{ acknowledgePolicy: { id: string; roundId: string; staffId: string; revisionDate: string; acknowledgedAt: string } }>(
    'mutation($id: ID!) { acknowledgePolicy(roundId: $id) { id roundId staffId revisionDate acknowledgedAt } }',
    { id: roundId },
    token,
  );
}

async function detail(token: string, id: string, perPage = 100): Promise<RoundDetail> {
  const r = await t.gql<{ acknowledgementRound: RoundDetail }>(
    `query($id: ID!, $perPage: Int!) { acknowledgementRound(id: $id) { ${ROUND_FIELDS}
       completionBySchool { schoolId schoolName required acknowledged pending }
       pending(page: { perPage: $perPage }) { total items { staffId fullName schoolName remindersSent lastRemindedAt } } } }`,
    { id, perPage },
    token,
  );
  expect(r.errors).toBeUndefined();
  return r.data?.acknowledgementRound as RoundDetail;
}

async function mine(token: string) {
  const r = await t.gql<{
    myAcknowledgement: {
      round: { id: string; revisionDate: string; dueDate: string } | null;
      required: boolean;
      acknowledgedAt: string | null;
      overdue: boolean;
      sections: { id: string; summary: string }[];
      history: { roundId: string; revisionDate: string; acknowledgedAt: string }[];
    };
  }>(
    `{ myAcknowledgement { round { id revisionDate dueDate } required acknowledgedAt overdue sections { id summary }
         history { roundId revisionDate acknowledgedAt } } }`,
    {},
    token,
  );
  expect(r.errors).toBeUndefined();
  return r.data?.myAcknowledgement as NonNullable<typeof r.data>['myAcknowledgement'];
}

const reason = (r: GqlResult) => r.errors?.[0]?.extensions?.reason;
const field = (r: GqlResult) => r.errors?.[0]?.extensions?.field;

/** Everyone the domain says a round requires, from the roster as stored. */
async function requiredByDomain(schoolId: string | null): Promise<Set<string>> {
  const rows = await t.sql<{ id: string; active: boolean; roles: Role[]; school_id: string | null }>(
    'select id, active, roles, school_id from staff',
  );
  return new Set(
    rows.filter((s) => requiresAcknowledgement({ active: s.active, roles: s.roles, schoolId: s.school_id }, { schoolId })).map((s) => s.id),
  );
}

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  t = await startTestApp({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100', PUBLIC_URL: 'https://steward.district.example' });
  for (const row of await t.sql<{ id: string; email: string }>('select id, email from staff')) {
    staffIds[row.email.split('@')[0] as string] = row.id;
  }
  for (const row of await t.sql<{ id: string; short_name: string }>(`select id, short_name from organization where kind = 'SCHOOL'`)) {
    schoolIds[row.short_name] = row.id;
  }
});

afterAll(async () => {
  await t?.close();
  await smtp?.stop();
});

let first: Round;

describe('an acknowledgement round end to end: district admin, staff, supervisor (XIII, XVII, XVIII, XX, XXIV, XXVI, XXVII)', () => {
  it('before any round, staff see the seven sections and nothing to acknowledge', async () => {
    const me = await mine(await as('teacher.north'));
    expect(me).toMatchObject({ round: null, required: false, acknowledgedAt: null, overdue: false, history: [] });
    expect(me.sections.map((s) => s.id)).toEqual(SEVEN);
  });

  it('the district admin opens a round for all active staff, audited', async () => {
    const r = await openRound(await as('admin'), { revisionDate: day(-10), dueDate: day(14) });
    expect(r.errors).toBeUndefined();
    first = r.data?.openAcknowledgementRound as Round;
    expect(first).toMatchObject({ revisionDate: day(-10), dueDate: day(14), schoolId: null, current: true, supersededAt: null });
    expect(first.sections.map((s) => s.id)).toEqual(SEVEN);
    expect(first.sections.every((s) => s.summary.length > 20)).toBe(true);
    expect(first.openedBy?.fullName).toBe('Priya Raman');
    const events = await t.sql<{ action: string; actor_label: string; change: Record<string, unknown> }>(
      `select action, actor_label, change from audit_event where action = 'acknowledgement.openRound'`,
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.change).toMatchObject({ revisionDate: day(-10), dueDate: day(14), schoolId: null, supersedes: null });
  });

  it('a teacher sees the round, its summaries, acknowledges once (who, when, which revision), a second time is a CONFLICT', async () => {
    const teacher = await as('teacher.north');
    const before = await mine(teacher);
    expect(before).toMatchObject({ round: { id: first.id, revisionDate: day(-10) }, required: true, acknowledgedAt: null, overdue: false });

    const done = await acknowledge(teacher, first.id);
    expect(done.errors).toBeUndefined();
    expect(done.data?.acknowledgePolicy).toMatchObject({ roundId: first.id, staffId: staffIds['teacher.north'], revisionDate: day(-10) });
    expect(Date.now() - Date.parse(done.data?.acknowledgePolicy.acknowledgedAt as string)).toBeLessThan(60_000);

    const again = await acknowledge(teacher, first.id);
    expect(errorCode(again)).toBe('CONFLICT');
    expect(reason(again)).toBe('ALREADY_ACKNOWLEDGED');
    expect(again.errors?.[0]?.extensions?.sections).toEqual(SEVEN);

    const after = await mine(teacher);
    expect(after.acknowledgedAt).toBe(done.data?.acknowledgePolicy.acknowledgedAt);
    expect(after.history).toEqual([{ roundId: first.id, revisionDate: day(-10), acknowledgedAt: after.acknowledgedAt }]);
    const rows = await t.sql('select * from acknowledgement where staff_id = $1', [staffIds['teacher.north']]);
    expect(rows).toHaveLength(1);
    const audit = await t.sql(`select 1 from audit_event where action = 'acknowledgement.acknowledge' and actor_id = $1`, [staffIds['teacher.north']]);
    expect(audit).toHaveLength(1);
  });

  it('the database keeps an acknowledgement as it was recorded', async () => {
    await expect(t.sql(`update acknowledgement set acknowledged_at = now() - interval '1 year'`)).rejects.toThrow(/never changed or deleted/);
    await expect(t.sql('delete from acknowledgement')).rejects.toThrow(/never changed or deleted/);
  });

  it('staff see their own status only', async () => {
    const round = await detail(await as('teacher2.north'), first.id);
    expect(round).toMatchObject({ requiredCount: 1, acknowledgedCount: 0 });
    expect(round.pending.items.map((p) => p.staffId)).toEqual([staffIds['teacher2.north']]);
    expect(round.completionBySchool).toEqual([
      { schoolId: schoolIds.North, schoolName: 'Ralston North Elementary', required: 1, acknowledged: 0, pending: 1 },
    ]);
    const done = await detail(await as('teacher.north'), first.id);
    expect(done).toMatchObject({ requiredCount: 1, acknowledgedCount: 1, pending: { total: 0, items: [] } });
    // Their supervisor's record is not theirs to read.
    expect(done.openedBy).toBeNull();
  });

  it('a supervisor sees who on their staff has not acknowledged, and no one else', async () => {
    const north = await detail(await as('principal.north'), first.id);
    // The principal herself and her four teachers; one has acknowledged.
    expect(north).toMatchObject({ requiredCount: 5, acknowledgedCount: 1 });
    expect(north.pending.total).toBe(4);
    expect(north.pending.items.map((p) => p.fullName).sort()).toEqual(['Amara Okafor', 'Grace Abernathy', 'Jon Halvorsen', 'Rosa Delgado']);
    expect(north.pending.items.every((p) => p.schoolName === 'Ralston North Elementary')).toBe(true);

    const south = await detail(await as('principal.south'), first.id);
    const northIds = new Set(['teacher.north', 'teacher2.north', 'music.north', 'librarian.north'].map((k) => staffIds[k]));
    expect(south.pending.items.some((p) => northIds.has(p.staffId))).toBe(false);
    expect(south.completionBySchool.map((c) => c.schoolName)).toEqual(['Ralston South Middle School']);
  });

  it('the district sees completion per school, matching the domain rule over the whole roster', async () => {
    const required = await requiredByDomain(null);
    for (const who of ['admin', 'superintendent', 'external.relations', 'auditor']) {
      const round = await detail(await as(who), first.id);
      expect(round).toMatchObject({ requiredCount: required.size, acknowledgedCount: 1 });
      expect(round.pending.total).toBe(required.size - 1);
      expect(new Set(round.pending.items.map((p) => p.staffId))).toEqual(
        new Set([...required].filter((id) => id !== staffIds['teacher.north'])),
      );
      expect(round.completionBySchool.map((c) => [c.schoolName, c.required, c.acknowledged])).toEqual([
        ['District office', 3, 0],
        ['Ralston High School', 6, 0],
        ['Ralston North Elementary', 5, 1],
        ['Ralston South Middle School', 5, 0],
      ]);
    }
    // Not required: the auditor (no STAFF role) and the teacher who has left.
    expect(required.has(staffIds.auditor as string)).toBe(false);
    expect(required.has(staffIds['former.high'] as string)).toBe(false);
  });

  it('lists rounds with their counts in the caller\'s scope', async () => {
    const list = await t.gql<{ acknowledgementRounds: { total: number; items: Round[] } }>(
      `{ acknowledgementRounds { total items { ${ROUND_FIELDS} } } }`,
      {},
      await as('principal.north'),
    );
    expect(list.errors).toBeUndefined();
    expect(list.data?.acknowledgementRounds.total).toBe(1);
    expect(list.data?.acknowledgementRounds.items[0]).toMatchObject({ id: first.id, requiredCount: 5, acknowledgedCount: 1 });
  });

  it('someone the round does not require cannot acknowledge; the auditor has no such operation', async () => {
    expect(errorCode(await acknowledge(await as('auditor'), first.id))).toBe('FORBIDDEN');
    const me = await mine(await as('auditor'));
    expect(me).toMatchObject({ required: false, round: { id: first.id } });
    expect(errorCode(await acknowledge(await as('teacher.north'), randomUUID()))).toBe('NOT_FOUND');
  });
});

describe('lists are read in one statement each, whatever the page size (no N+1)', () => {
  it('the round with completion per school and a page of pending people: the same statements for 1 row or 100', async () => {
    const token = await as('superintendent');
    await detail(token, first.id, 1); // warm the identity cache
    const counts: number[] = [];
    for (const perPage of [1, 100]) {
      const statements = await t.statements(() => detail(token, first.id, perPage));
      counts.push(statements.length);
      // The round with its counts, who opened it (the staff loader), completion per school, the
      // pending page and its total.
      expect(statements).toHaveLength(5);
    }
    expect(counts[1]).toBe(counts[0]);
    const rounds = await t.statements(() => t.gql('{ acknowledgementRounds(page: { perPage: 50 }) { items { id requiredCount acknowledgedCount } } }', {}, token));
    expect(rounds).toHaveLength(1);
  });
});

describe('who is required is decided live: joiners are included, leavers drop out', () => {
  it('includes a teacher who joins after the round opened, and drops one who leaves', async () => {
    const joinerId = randomUUID();
    await t.sql(
      `insert into staff (id, sourced_id, email, given_name, family_name, position, school_id, supervisor_id, roles, active, created_at, updated_at)
       values ($1, 'staff-joiner', 'new.teacher@rps.example.org', 'Nora', 'Newcombe', '2nd Grade Teacher', $2, $3, '{STAFF}', true, now(), now())`,
      [joinerId, schoolIds.North, staffIds['principal.north']],
    );
    await t.sql('update staff set active = false where id = $1', [staffIds['librarian.north']]);
    const north = await detail(await as('principal.north'), first.id);
    const pending = north.pending.items.map((p) => p.fullName);
    expect(pending).toContain('Nora Newcombe');
    expect(pending).not.toContain('Rosa Delgado');
    expect(north).toMatchObject({ requiredCount: 5, acknowledgedCount: 1 });
    // The joiner signs in and acknowledges like everyone else.
    staffIds['new.teacher'] = joinerId;
  });
});

describe('reminders through the outbox: one a week at most, none after acknowledging, none to leavers', () => {
  const sweep = (at: Date) => t.app.services.acknowledgements.sendReminders(t.orm.em.fork(), at);
  const reminders = (email: string) =>
    smtp.messages.filter((m) => m.envelope.to.includes(email) && /cknowledge Policy 4051/.test(m.subject ?? ''));
  const start = new Date();

  it('mails everyone required who has not acknowledged, once, with the link to acknowledge', async () => {
    const required = await requiredByDomain(null);
    const result = await sweep(start);
    // Required now minus the teacher who acknowledged (the joiner in, the librarian out).
    expect(result).toEqual({ roundId: first.id, sent: required.size - 1 });

    const mail = await smtp.waitFor((m) => m.envelope.to.includes(demoEmail('teacher2.north')), 15_000);
    expect(mail.subject).toBe(`Acknowledge Policy 4051 (revision ${day(-10)}) by ${day(14)}`);
    expect(mail.text).toContain('Amara Okafor, the district asks every member of staff');
    expect(mail.text).toContain('XIII: Not speaking as a private citizen');
    expect(mail.text).toContain('Read and acknowledge: https://steward.district.example/#/acknowledgements');
    expect(mail.html).toContain('href="https://steward.district.example/#/acknowledgements"');
    await smtp.waitFor((m) => m.envelope.to.includes('new.teacher@rps.example.org'), 15_000);

    const audit = await t.sql<{ change: { staff: string[] } }>(`select change from audit_event where action = 'acknowledgement.remind'`);
    expect(audit).toHaveLength(1);
    expect(audit[0]?.change.staff).toHaveLength(required.size - 1);
  });

  it('sends nothing to who acknowledged, who has left, or who is not staff', async () => {
    await new Promise((r) => setTimeout(r, 500));
    expect(reminders(demoEmail('teacher.north'))).toHaveLength(0);
    expect(reminders(demoEmail('librarian.north'))).toHaveLength(0);
    expect(reminders(demoEmail('former.high'))).toHaveLength(0);
    expect(reminders(demoEmail('auditor'))).toHaveLength(0);
  });

  it('sends no second reminder within the week, however often the sweep runs', async () => {
    expect(await sweep(start)).toMatchObject({ sent: 0 });
    expect(await sweep(new Date(start.getTime() + 3 * DAY))).toMatchObject({ sent: 0 });
    expect(await sweep(new Date(start.getTime() + 7 * DAY - 60_000))).toMatchObject({ sent: 0 });
    const rows = await t.sql<{ n: number }>('select count(*)::int as n from acknowledgement_reminder where staff_id = $1', [
      staffIds['teacher2.north'],
    ]);
    expect(rows[0]?.n).toBe(1);
  });

  it('a week later reminds again, except who acknowledged in between; two processes at once send one each', async () => {
    expect((await acknowledge(await as('teacher2.north'), first.id)).errors).toBeUndefined();
    const required = await requiredByDomain(null);
    const later = new Date(start.getTime() + 7 * DAY);
    // Two API processes' sweeps at the same moment: the lock and the (person, week) key make it one.
    const [a, b] = await Promise.all([sweep(later), sweep(later)]);
    expect(a.sent + b.sent).toBe(required.size - 2);
    const twice = await t.sql<{ staff_id: string }>(
      'select staff_id from acknowledgement_reminder group by staff_id, week having count(*) > 1',
    );
    expect(twice).toEqual([]);
    const teacher2 = await t.sql<{ n: number }>('select count(*)::int as n from acknowledgement_reminder where staff_id = $1', [
      staffIds['teacher2.north'],
    ]);
    expect(teacher2[0]?.n).toBe(1);
    const principal = await smtp.waitFor(
      (m) => m.envelope.to.includes(demoEmail('principal.north')) && /this is a reminder/.test(m.text ?? ''),
      15_000,
    );
    expect(principal.subject).toContain('Acknowledge Policy 4051');
    // Supervisors see when their staff were last reminded.
    const north = await detail(await as('principal.north'), first.id);
    const music = north.pending.items.find((p) => p.fullName === 'Jon Halvorsen');
    expect(music?.remindersSent).toBe(2);
    expect(music?.lastRemindedAt).toBe(later.toISOString());
  });

  it('past the due date, the reminder says it is overdue', async () => {
    const overdue = new Date(start.getTime() + 21 * DAY);
    expect((await sweep(overdue)).sent).toBeGreaterThan(0);
    const mail = await smtp.waitFor(
      (m) => m.envelope.to.includes(demoEmail('music.north')) && /^Overdue/.test(m.subject ?? ''),
      15_000,
    );
    expect(mail.text).toContain(`It was due on ${day(14)}.`);
  });
});

describe('opening rounds: a new revision starts a new round, refusals say what to change', () => {
  it('refuses a revision not newer than the latest round\'s, and due dates that cannot be met', async () => {
    const admin = await as('admin');
    const same = await openRound(admin, { revisionDate: day(-10), dueDate: day(20) });
    expect(errorCode(same)).toBe('BAD_USER_INPUT');
    expect(field(same)).toBe('revisionDate');
    expect(same.errors?.[0]?.message).toContain(day(-10));
    const older = await openRound(admin, { revisionDate: day(-30), dueDate: day(20) });
    expect([errorCode(older), field(older)]).toEqual(['BAD_USER_INPUT', 'revisionDate']);
    const beforeRevision = await openRound(admin, { revisionDate: day(5), dueDate: day(4) });
    expect([errorCode(beforeRevision), field(beforeRevision)]).toEqual(['BAD_USER_INPUT', 'dueDate']);
    const past = await openRound(admin, { revisionDate: day(-5), dueDate: day(-1) });
    expect([errorCode(past), field(past)]).toEqual(['BAD_USER_INPUT', 'dueDate']);
    const notADay = await openRound(admin, { revisionDate: '2026-02-30', dueDate: day(20) });
    expect([errorCode(notADay), field(notADay)]).toEqual(['BAD_USER_INPUT', 'revisionDate']);
    const district = (await t.sql<{ id: string }>(`select id from organization where kind = 'DISTRICT'`))[0]?.id;
    const notASchool = await openRound(admin, { revisionDate: day(-5), dueDate: day(20), schoolId: district });
    expect([errorCode(notASchool), field(notASchool)]).toEqual(['BAD_USER_INPUT', 'schoolId']);
    // Nothing was opened by the refusals.
    expect(await t.sql('select id from acknowledgement_round')).toHaveLength(1);
  });

  it('a round for one school supersedes the current round; only that school\'s staff are asked', async () => {
    const r = await openRound(await as('admin'), { revisionDate: day(-5), dueDate: day(20), schoolId: schoolIds.South });
    expect(r.errors).toBeUndefined();
    const second = r.data?.openAcknowledgementRound as Round;
    expect(second).toMatchObject({ current: true, schoolId: schoolIds.South, schoolName: 'Ralston South Middle School' });

    const old = await detail(await as('admin'), first.id);
    expect(old.current).toBe(false);
    expect(old.supersededAt).not.toBeNull();
    const late = await acknowledge(await as('music.north'), first.id);
    expect([errorCode(late), reason(late)]).toEqual(['CONFLICT', 'SUPERSEDED']);

    const north = await mine(await as('teacher.north'));
    expect(north).toMatchObject({ round: { id: second.id }, required: false, acknowledgedAt: null });
    expect(north.history.map((h) => h.revisionDate)).toEqual([day(-10)]);
    const notHere = await acknowledge(await as('teacher.north'), second.id);
    expect([errorCode(notHere), reason(notHere)]).toEqual(['FORBIDDEN', 'NOT_REQUIRED']);

    const south = await as('teacher.south');
    expect(await mine(south)).toMatchObject({ round: { id: second.id }, required: true });
    expect((await acknowledge(south, second.id)).errors).toBeUndefined();

    const completion = await detail(await as('superintendent'), second.id);
    expect(completion.completionBySchool).toEqual([
      { schoolId: schoolIds.South, schoolName: 'Ralston South Middle School', required: 5, acknowledged: 1, pending: 4 },
    ]);
    const audit = await t.sql<{ change: { supersedes: string } }>(
      `select change from audit_event where action = 'acknowledgement.openRound' order by id`,
    );
    expect(audit.map((a) => a.change.supersedes)).toEqual([null, first.id]);
  });
});

describe('the rounds list refuses the fields that take a statement per round (no N+1)', () => {
  it('completionBySchool and pending inside acknowledgementRounds: BAD_USER_INPUT, and no statement per round', async () => {
    const token = await as('superintendent');
    const LIST = '{ acknowledgementRounds(page: { perPage: 50 }) { total items { id requiredCount acknowledgedCount } } }';
    const plain = await t.gql<{ acknowledgementRounds: { total: number } }>(LIST, {}, token);
    // Several rounds: the district-wide one and the South one opened above.
    expect(plain.data?.acknowledgementRounds.total).toBeGreaterThanOrEqual(2);
    // The rounds' statements (a refused request also records the refusal, which is not about rounds).
    const rounds = (statements: { sql: string }[]) => statements.filter((x) => /acknowledgement/.test(x.sql));
    const baseline = rounds(await t.statements(() => t.gql(LIST, {}, token)));
    expect(baseline).toHaveLength(2); // the page and its total
    for (const field of ['completionBySchool { schoolName pending }', 'pending { total }']) {
      const document = LIST.replace('acknowledgedCount', `acknowledgedCount ${field}`);
      let result: GqlResult | undefined;
      const statements = await t.statements(async () => {
        result = await t.gql(document, {}, token);
      });
      expect(errorCode(result as GqlResult)).toBe('BAD_USER_INPUT');
      expect(result?.errors?.[0]?.message).toMatch(/one round at a time: ask acknowledgementRound\(id\)/);
      expect(rounds(statements).map((x) => x.sql)).toEqual(baseline.map((x) => x.sql));
    }
    // One round still answers both, as the dashboard asks for them.
    const one = await detail(token, first.id, 10);
    expect(one.completionBySchool.length).toBeGreaterThan(0);
    // The current round through myAcknowledgement is one round too.
    const mineToo = await t.gql<{ myAcknowledgement: { round: { pending: { total: number } } | null } }>(
      '{ myAcknowledgement { round { pending { total } } } }',
      {},
      token,
    );
    expect(mineToo.errors).toBeUndefined();
  });
});

describe('every operation refuses callers without the role (SECURITY.md: a denial per operation)', () => {
  const ID = '00000000-0000-4000-8000-000000000000';
  const OPERATIONS: [name: string, document: string, forbiddenTo: string[]][] = [
    ['acknowledgementRounds', '{ acknowledgementRounds { total } }', []],
    ['acknowledgementRound', `{ acknowledgementRound(id: "${ID}") { id } }`, []],
    ['myAcknowledgement', '{ myAcknowledgement { required } }', []],
    [
      'openAcknowledgementRound',
      `mutation { openAcknowledgementRound(input: { revisionDate: "2030-01-01", dueDate: "2030-02-01" }) { id } }`,
      ['teacher.north', 'principal.north', 'superintendent', 'external.relations', 'auditor'],
    ],
    ['acknowledgePolicy', `mutation { acknowledgePolicy(roundId: "${ID}") { id } }`, ['auditor']],
  ];

  it.each(OPERATIONS)('%s: UNAUTHENTICATED signed out; FORBIDDEN to a role without it', async (_name, document, forbiddenTo) => {
    expect(errorCode(await t.gql(document, {}, null))).toBe('UNAUTHENTICATED');
    for (const who of forbiddenTo) expect(errorCode(await t.gql(document, {}, await as(who))), who).toBe('FORBIDDEN');
  });

  it('the SIS key reads and writes none of it', async () => {
    const em = t.orm.em.fork();
    const { key } = await em.transactional((tx) => issueSisKey(tx, 'test SIS'));
    for (const [name, document] of OPERATIONS) expect(errorCode(await t.gql(document, {}, key)), name).toBe('FORBIDDEN');
  });
});
