import { createHash } from 'node:crypto';
import { moderationNeedsAttention, type ModerationState } from '@steward/domain';
import canonicalize from 'canonicalize';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type GqlResult, type TestApp } from '../../test/harness.js';
import { startSmtpCatcher, type SmtpCatcher } from '../../test/smtp.js';
import { initOrm } from '../db/database.js';
import { createLogger } from '../logger.js';
import { startMail } from '../notifications/mail.js';

/**
 * Moderation cases over GraphQL, as each role, against a real PostgreSQL and a real SMTP server
 * on loopback: the removal's two notices of XXX arrive with the right recipients, subject, body
 * and attachment, and the case becomes REPORTED; refusals carry their sections; the database
 * refuses edits of the evidence; tampering and the retention purge show in verifyEvidence.
 */

let t: TestApp;
let smtp: SmtpCatcher;
const ids: Record<string, string> = {};

const CASE_FIELDS = `id state evidenceDigest explanation decisionNote accountHandle accountPlatform
  account { id handle } snapshot { kind platformContentId authorName authorHandle text mediaUrls permalink postedAt capturedAt capturedBy { id fullName } }
  reasons { reason section label } assignee { id fullName } openedBy { id fullName } removedBy { id fullName }
  openedAt removedAt reportedAt closedAt dueAt overdue retentionUntil purgedAt version
  notices { purpose recipientEmail status attempts lastError deliveredAt }
  questions { id askerName askerContact question answer answeredBy { fullName } recordedBy { fullName } }
  notes { body visibility author { fullName } }
  triage { reason section why excerpt }
  legalHold { reason placedBy { fullName } placedAt }
  canRecord canAnswer canHold`;

interface Case {
  id: string;
  state: string;
  evidenceDigest: string;
  explanation: string | null;
  decisionNote: string | null;
  accountHandle: string;
  account: { id: string; handle: string } | null;
  snapshot: { text: string; capturedBy: { fullName: string } | null } | null;
  reasons: { reason: string; section: string; label: string }[];
  assignee: { id: string; fullName: string } | null;
  reportedAt: string | null;
  retentionUntil: string | null;
  purgedAt: string | null;
  overdue: boolean;
  notices: { purpose: string; recipientEmail: string; status: string; deliveredAt: string | null }[];
  questions: { id: string; askerName: string; askerContact: string | null; answer: string | null; answeredBy: { fullName: string } | null }[];
  notes: { body: string; visibility: string }[];
  triage: { reason: string; section: string; why: string; excerpt: string }[];
  legalHold: { reason: string; placedBy: { fullName: string } | null } | null;
  canRecord: boolean;
  canAnswer: boolean;
  canHold: boolean;
}

const EXPLANATION = 'The comment uses obscene language and names a student with a private matter.';
let contentCounter = 0;

async function open(token: string, accountId: string, text: string, extra: Record<string, unknown> = {}) {
  contentCounter += 1;
  return t.gql<{ openModerationCase: Case }>(
    `mutation($input: OpenModerationCaseInput!) { openModerationCase(input: $input) { ${CASE_FIELDS} } }`,
    {
      input: {
        accountId,
        snapshot: {
          kind: 'COMMENT',
          platformContentId: `ig-comment-${contentCounter}`,
          authorName: 'Pat Commenter',
          authorHandle: '@pat.commenter',
          text,
          mediaUrls: ['https://cdn.example.org/img/1.jpg'],
          permalink: `https://instagram.example/p/abc/c/${contentCounter}`,
          postedAt: '2026-11-20T18:00:00.000Z',
          ...extra,
        },
      },
    },
    token,
  );
}

async function openOk(token: string, accountId: string, text: string): Promise<Case> {
  const r = await open(token, accountId, text);
  expect(r.errors).toBeUndefined();
  return r.data?.openModerationCase as Case;
}

async function remove(token: string, caseId: string, reasons: string[], explanation = EXPLANATION) {
  return t.gql<{ removeModeratedContent: Case }>(
    `mutation($caseId: ID!, $reasons: [RemovalReason!]!, $explanation: String!) {
       removeModeratedContent(caseId: $caseId, reasons: $reasons, explanation: $explanation) { ${CASE_FIELDS} } }`,
    { caseId, reasons, explanation },
    token,
  );
}

async function getCase(token: string, id: string): Promise<GqlResult<{ moderationCase: Case }>> {
  return t.gql<{ moderationCase: Case }>(`query($id: ID!) { moderationCase(id: $id) { ${CASE_FIELDS} } }`, { id }, token);
}

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sections = (r: GqlResult) => r.errors?.[0]?.extensions?.sections;

beforeAll(async () => {
  smtp = await startSmtpCatcher();
  t = await startTestApp({ SMTP_URL: smtp.url, OUTBOX_POLL_MS: '100', PUBLIC_URL: 'https://steward.district.example' });
  const rows = await t.sql<{ handle: string; id: string }>('select handle, id from social_account');
  for (const row of rows) ids[row.handle] = row.id;
  const staff = await t.sql<{ email: string; id: string }>('select email, id from staff');
  for (const row of staff) ids[row.email.split('@')[0] as string] = row.id;
  // The journalism teacher helps run the band's page (an administrator, not its owner).
  await t.sql('insert into social_account_administrator (social_account_id, staff_id) values ($1, $2)', [
    ids.RPS_band,
    ids['journalism.high'],
  ]);
  await t.app.services.sync.syncStudents(t.orm.em.fork(), null, [
    { sourcedId: 'mod-hana', dateLastModified: '2026-09-01T00:00:00Z', givenName: 'Hana', familyName: 'Whitcombe', preferredName: 'Hani', schoolSourcedId: 'org-high' },
    // Another school's student: a Ralston High teacher may not read them, so triage never names them.
    { sourcedId: 'mod-noor', dateLastModified: '2026-09-01T00:00:00Z', givenName: 'Noor', familyName: 'Whitcombe', schoolSourcedId: 'org-north' },
  ]);
});
afterAll(async () => {
  await t.close();
  await smtp.stop();
});

describe('an account administrator records a removal (XXX)', () => {
  it('opens with an immutable snapshot and triage, removes, and both notices reach SMTP; the case becomes REPORTED', async () => {
    const journalism = await t.login('journalism.high');
    const opened = await openOk(
      journalism,
      ids.RPS_band as string,
      'The band is sh1t this year and everyone knows Hana Whitcombe failed her drug test, like Noor Whitcombe.',
    );
    expect(opened).toMatchObject({
      state: 'OPEN',
      accountHandle: 'RPS_band',
      // Not the account's owner: the account itself stays out of reach, the case does not.
      account: null,
      snapshot: { capturedBy: { fullName: 'Victor Nguyen' } },
      canRecord: true,
      canAnswer: false,
      notices: [],
    });
    expect(opened.evidenceDigest).toMatch(/^[0-9a-f]{64}$/);
    // Triage: suggestions with why, a person decides.
    // XXXII only among the students the opener may read (their school's): Noor Whitcombe is at
    // North, so naming her says nothing. The why quotes the text, never the roster (no preferred
    // name, no school).
    expect(opened.triage).toEqual([
      expect.objectContaining({ reason: 'PROTECTED_STUDENT_OR_PERSONNEL_INFORMATION', section: 'XXXII', why: expect.stringContaining('Names an enrolled student: "Hana Whitcombe"') }),
      expect.objectContaining({ reason: 'OBSCENE', section: 'XXXI', why: expect.stringContaining('"sh1t"') }),
    ]);
    expect(opened.triage.map((f) => f.why).join(' ')).not.toMatch(/Hani|Ralston|Noor/);

    const record = await t.gql(
      `mutation($id: ID!) { a: addCaseNote(caseId: $id, body: "Screenshot taken before removal; the author was warned before.", visibility: RECORD) { id }
         b: addCaseNote(caseId: $id, body: "Internal: the author is a parent we know.", visibility: INTERNAL) { id } }`,
      { id: opened.id },
      journalism,
    );
    expect(record.errors).toBeUndefined();

    const removed = await remove(journalism, opened.id, ['PROTECTED_STUDENT_OR_PERSONNEL_INFORMATION', 'OBSCENE']);
    expect(removed.errors).toBeUndefined();
    expect(removed.data?.removeModeratedContent).toMatchObject({
      state: 'REMOVED',
      // In the policy's order, with sections and labels.
      reasons: [
        { reason: 'OBSCENE', section: 'XXXI', label: 'Obscene, lewd, or appeals to prurient interests' },
        { reason: 'PROTECTED_STUDENT_OR_PERSONNEL_INFORMATION', section: 'XXXII' },
      ],
      removedBy: { fullName: 'Victor Nguyen' },
    });

    const copy = await smtp.waitFor((m) => m.subject.includes('Copy of removed content') && m.text.includes(opened.id));
    const reason = await smtp.waitFor((m) => m.subject.includes('Removal reason') && m.text.includes(opened.id));
    expect(copy.envelope.to).toEqual(['superintendent@demo.k12.example']);
    expect(reason.envelope.to).toEqual(['external.relations@demo.k12.example']);
    expect(copy.subject).toBe('Copy of removed content: @RPS_band on INSTAGRAM (XXXI, XXXII)');
    expect(reason.subject).toBe('Removal reason: @RPS_band on INSTAGRAM (XXXI, XXXII)');
    for (const mail of [copy, reason]) {
      expect(mail.text).toContain('XXXI: Obscene, lewd, or appeals to prurient interests');
      expect(mail.text).toContain('XXXII: Student or personnel information protected by state or federal law');
      expect(mail.text).toContain(EXPLANATION);
      expect(mail.text).toContain('Screenshot taken before removal');
      expect(mail.text).not.toContain('Internal: the author is a parent');
      expect(mail.text).toContain(`https://steward.district.example/#/moderationCases/${opened.id}/show`);
    }
    // The copy of the content: the canonical snapshot and its digest, checkable without Steward.
    expect(reason.attachments).toEqual([]);
    expect(copy.attachments).toHaveLength(1);
    const [attachment] = copy.attachments;
    expect(attachment?.filename).toBe(`moderation-case-${opened.id}.json`);
    expect(attachment?.contentType).toBe('application/json');
    const evidence = JSON.parse(attachment?.content.toString('utf8') ?? '{}') as {
      algorithm: string;
      digest: string;
      snapshot: { text: string; caseId: string };
    };
    expect(evidence.algorithm).toBe('SHA-256 of RFC 8785 (JCS) canonical JSON');
    expect(evidence.digest).toBe(opened.evidenceDigest);
    expect(evidence.snapshot.text).toBe(opened.snapshot?.text);
    expect(createHash('sha256').update(canonicalize(evidence.snapshot) as string).digest('hex')).toBe(opened.evidenceDigest);

    const reported = await until('the case to be REPORTED', async () => {
      const r = await getCase(journalism, opened.id);
      return r.data?.moderationCase.state === 'REPORTED' ? r.data.moderationCase : null;
    });
    expect(reported.notices.map((n) => [n.purpose, n.recipientEmail, n.status])).toEqual([
      ['COPY_TO_SUPERINTENDENT', 'superintendent@demo.k12.example', 'DELIVERED'],
      ['REASON_TO_EXTERNAL_RELATIONS', 'external.relations@demo.k12.example', 'DELIVERED'],
    ]);
    expect(reported.reportedAt).not.toBeNull();
    expect(reported.overdue).toBe(false);
    // Retention starts when the case reaches a final state (README: 3 years by default).
    const days = (Date.parse(reported.retentionUntil as string) - Date.parse(reported.reportedAt as string)) / 86_400_000;
    expect(Math.round(days)).toBe(t.config.moderation.retentionDays);

    // One audit event per step; the report is the system's.
    const events = await t.sql<{ action: string; actor_type: string; change: Record<string, unknown> }>(
      `select action, actor_type, change from audit_event where target_id = $1 order by id`,
      [opened.id],
    );
    expect(events.map((e) => [e.action, e.actor_type])).toEqual([
      ['moderation.open', 'STAFF'],
      ['moderation.note', 'STAFF'],
      ['moderation.note', 'STAFF'],
      ['moderation.remove', 'STAFF'],
      ['moderation.report', 'SYSTEM'],
    ]);
    // The content itself never enters the append-only trail (the purge could not remove it).
    expect(JSON.stringify(events)).not.toContain('drug test');
  });
});

describe('refusals, with their sections', () => {
  it('refuses a case on a personal account (VIII, IX, XXX)', async () => {
    const r = await open(await t.login('teacher.north'), ids['tom.kitchen.notes'] as string, 'A rude comment about bread');
    expect(errorCode(r)).toBe('POLICY_VIOLATION');
    expect(sections(r)).toEqual(['VIII', 'IX', 'XXX']);
    expect(r.errors?.[0]?.message).toMatch(/school-affiliated/);
    // Someone else's personal account: refused for scope, without saying what it is.
    const other = await open(await t.login('teacher.south'), ids['tom.kitchen.notes'] as string, 'Another rude comment');
    expect(errorCode(other)).toBe('FORBIDDEN');
    expect(other.errors?.[0]?.message).not.toMatch(/personal/);
  });

  it('refuses text the database cannot store as given (a NUL byte, a broken character) as bad input, and over-long notes', async () => {
    const band = await t.login('band.high');
    const account = ids.RPS_band as string;
    const nul = await open(band, account, 'A comment with a NUL \u0000 byte in it');
    expect(errorCode(nul)).toBe('BAD_USER_INPUT');
    expect(nul.errors?.[0]?.message).toMatch(/cannot be stored/);
    // A lone surrogate would be stored as U+FFFD, and the evidence could never be verified.
    const broken = await open(band, account, 'A comment with a broken \ud800 character');
    expect(errorCode(broken)).toBe('BAD_USER_INPUT');
    const author = await open(band, account, 'A fine comment', { authorName: 'Pat \u0000' });
    expect(errorCode(author)).toBe('BAD_USER_INPUT');

    const c = await openOk(band, account, 'A comment that will be dismissed with a very long note');
    const dismiss = await t.gql(
      'mutation($id: ID!, $n: String!) { dismissModerationCase(caseId: $id, note: $n) { state } }',
      { id: c.id, n: 'x'.repeat(5001) },
      band,
    );
    expect(errorCode(dismiss)).toBe('BAD_USER_INPUT');
    const tooLong = await remove(band, c.id, ['OBSCENE'], 'y'.repeat(5001));
    expect(errorCode(tooLong)).toBe('BAD_USER_INPUT');
  });

  it('refuses a removal without a reason, with a reason outside XXXI-XXXV, or with a short explanation', async () => {
    const band = await t.login('band.high');
    const c = await openOk(band, ids.RPS_band as string, 'The new director is terrible and should resign.');
    const none = await remove(band, c.id, []);
    expect(errorCode(none)).toBe('BAD_USER_INPUT');
    expect(none.errors?.[0]?.extensions).toMatchObject({ reason: 'REASON_REQUIRED', sections: ['XXX'] });

    // Criticism is not a reason: the enum itself refuses it before anything runs.
    const criticism = await t.gql(
      `mutation($id: ID!) { removeModeratedContent(caseId: $id, reasons: [CRITICISM], explanation: "${EXPLANATION}") { id } }`,
      { id: c.id },
      band,
    );
    expect(errorCode(criticism)).toBe('GRAPHQL_VALIDATION_FAILED');
    const asVariable = await remove(band, c.id, ['DISAGREEMENT']);
    expect(errorCode(asVariable)).toBe('BAD_USER_INPUT');
    expect(asVariable.errors?.[0]?.message).toMatch(/RemovalReason/);

    const short = await remove(band, c.id, ['OBSCENE'], 'rude');
    expect(errorCode(short)).toBe('BAD_USER_INPUT');
    expect(short.errors?.[0]?.message).toMatch(/at least 20 characters/);

    const still = await getCase(band, c.id);
    expect(still.data?.moderationCase).toMatchObject({ state: 'OPEN', notices: [] });
    // Nothing was queued for any of the refused removals.
    const [{ n }] = (await t.sql<{ n: number }>(
      `select count(*)::int as n from notification where subject_id = $1`,
      [c.id],
    )) as [{ n: number }];
    expect(n).toBe(0);
  });

  it('answers NOT_FOUND for an id that names no case, and BAD_USER_INPUT for a filter that is not an id', async () => {
    const admin = await t.login('admin');
    expect(errorCode(await getCase(admin, 'not-an-id'))).toBe('NOT_FOUND');
    expect(errorCode(await getCase(admin, '00000000-0000-4000-8000-000000000000'))).toBe('NOT_FOUND');
    expect(errorCode(await remove(admin, 'not-an-id', ['OBSCENE']))).toBe('NOT_FOUND');
    expect(errorCode(await open(admin, 'not-an-id', 'Some text'))).toBe('NOT_FOUND');
    const filtered = await t.gql('{ moderationCases(filter: { accountId: "x" }) { total } }', {}, admin);
    expect(errorCode(filtered)).toBe('BAD_USER_INPUT');
  });

  it('refuses illegal transitions (CONFLICT) and dismissals without a note', async () => {
    const band = await t.login('band.high');
    const c = await openOk(band, ids.RPS_band as string, 'Go Rams! Great concert last night.');
    const close = await t.gql(`mutation($id: ID!) { closeModerationCase(caseId: $id) { id } }`, { id: c.id }, band);
    expect(errorCode(close)).toBe('CONFLICT');
    expect(close.errors?.[0]?.message).toMatch(/OPEN cannot be closed/);
    const noNote = await t.gql(`mutation($id: ID!) { dismissModerationCase(caseId: $id, note: "ok") { id } }`, { id: c.id }, band);
    expect(errorCode(noNote)).toBe('BAD_USER_INPUT');
    const dismissed = await t.gql<{ dismissModerationCase: Case }>(
      `mutation($id: ID!) { dismissModerationCase(caseId: $id, note: "Praise for the band; nothing to remove here.") { state closedAt retentionUntil } }`,
      { id: c.id },
      band,
    );
    expect(dismissed.data?.dismissModerationCase).toMatchObject({ state: 'DISMISSED' });
    const again = await remove(band, c.id, ['OBSCENE']);
    expect(errorCode(again)).toBe('CONFLICT');
  });

  it('two people removing the same content at once: one removal, one CONFLICT, two notices', async () => {
    const band = await t.login('band.high');
    const journalism = await t.login('journalism.high');
    const c = await openOk(band, ids.RPS_band as string, 'A threat posted twice to the band page.');
    const results = await Promise.all([
      remove(band, c.id, ['THREATENING_HARASSING_DISCRIMINATORY']),
      remove(journalism, c.id, ['OTHER_SAFETY_THREAT']),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.map(errorCode).filter(Boolean)).toEqual(['CONFLICT']);
    const notices = await t.sql<{ purpose: string }>('select purpose from notification where subject_id = $1', [c.id]);
    expect(notices.map((n) => n.purpose).sort()).toEqual(['COPY_TO_SUPERINTENDENT', 'REASON_TO_EXTERNAL_RELATIONS']);
    const removals = await t.sql(`select 1 from audit_event where action = 'moderation.remove' and target_id = $1`, [c.id]);
    expect(removals).toHaveLength(1);
  });

  it('refuses the removal when nobody holds the Director of External Relations role (both notices are required)', async () => {
    const band = await t.login('band.high');
    const c = await openOk(band, ids.RPS_band as string, 'Threatening message to the band director.');
    await t.sql(`update staff set active = false where email = 'external.relations@demo.k12.example'`);
    try {
      const r = await remove(band, c.id, ['THREATENING_HARASSING_DISCRIMINATORY']);
      expect(errorCode(r)).toBe('POLICY_VIOLATION');
      expect(r.errors?.[0]?.message).toMatch(/EXTERNAL_RELATIONS role/);
      expect(sections(r)).toEqual(['XXX']);
    } finally {
      await t.sql(`update staff set active = true where email = 'external.relations@demo.k12.example'`);
    }
    expect((await getCase(band, c.id)).data?.moderationCase.state).toBe('OPEN');
  });
});

describe('who sees and works a case', () => {
  let caseId = '';
  beforeAll(async () => {
    caseId = (await openOk(await t.login('band.high'), ids.RPS_band as string, 'Meet me after the game, I will hurt you.')).id;
  });

  it.each([
    ['band.high', true, true], // the owner
    ['journalism.high', true, true], // an administrator of the account
    ['principal.high', true, true], // the owner's supervisor
    ['external.relations', true, true],
    ['admin', true, true],
    ['superintendent', true, false], // reads everything, records on their own accounts only
    ['auditor', true, false],
    ['teacher.south', false, false], // staff of another school
    ['principal.south', false, false],
    ['coach.high', false, false], // same school, not their account
  ])('%s: sees %s, works %s', async (who, sees, works) => {
    const token = await t.login(who);
    const one = await getCase(token, caseId);
    if (sees) expect(one.errors).toBeUndefined();
    else expect(errorCode(one)).toBe('FORBIDDEN');
    const list = await t.gql<{ moderationCases: { items: { id: string }[]; total: number } }>(
      '{ moderationCases(page: { perPage: 100 }) { items { id } total } }',
      {},
      token,
    );
    expect(list.errors).toBeUndefined();
    expect(list.data?.moderationCases.items.some((i) => i.id === caseId)).toBe(sees);
    expect(list.data?.moderationCases.total).toBe(list.data?.moderationCases.items.length);
    if (sees) expect(one.data?.moderationCase.canRecord).toBe(works);
    const note = await t.gql(
      `mutation($id: ID!) { addCaseNote(caseId: $id, body: "Looked at it.", visibility: INTERNAL) { id } }`,
      { id: caseId },
      token,
    );
    if (works) expect(note.errors).toBeUndefined();
    else expect(errorCode(note)).toBe('FORBIDDEN');
  });

  it('INTERNAL notes only for those who work the case', async () => {
    const auditor = await getCase(await t.login('auditor'), caseId);
    expect(auditor.data?.moderationCase.notes).toEqual([]);
    const owner = await getCase(await t.login('band.high'), caseId);
    expect(owner.data?.moderationCase.notes.length).toBeGreaterThan(0);
  });

  it('assigns only to the account\'s people or the Director (XXX)', async () => {
    const principal = await t.login('principal.high');
    const assign = (assigneeId: string | null) =>
      t.gql<{ assignModerationCase: Case }>(
        `mutation($id: ID!, $a: ID) { assignModerationCase(caseId: $id, assigneeId: $a) { assignee { fullName } } }`,
        { id: caseId, a: assigneeId },
        principal,
      );
    const outsider = await assign(ids['teacher.south'] as string);
    expect(errorCode(outsider)).toBe('POLICY_VIOLATION');
    expect(sections(outsider)).toEqual(['XXX']);
    expect(errorCode(await assign(ids.admin as string))).toBe('POLICY_VIOLATION');
    expect((await assign(ids['journalism.high'] as string)).data?.assignModerationCase.assignee).toEqual({ fullName: 'Victor Nguyen' });
    expect((await assign(ids['external.relations'] as string)).data?.assignModerationCase.assignee).toEqual({ fullName: 'Marcus Oyelaran' });
    expect((await assign(null)).data?.assignModerationCase.assignee).toBeNull();
  });

  it('the queue shows unassigned and overdue cases first, then the newest; counts per state', async () => {
    const band = await t.login('band.high');
    const older = await openOk(band, ids.RPS_band as string, 'First of three queue comments.');
    const assigned = await openOk(band, ids.RPS_band as string, 'Second of three queue comments.');
    const newest = await openOk(band, ids.RPS_band as string, 'Third of three queue comments.');
    await t.gql(`mutation($id: ID!, $a: ID) { assignModerationCase(caseId: $id, assigneeId: $a) { id } }`, { id: assigned.id, a: ids['band.high'] }, band);
    await t.gql(`mutation($id: ID!, $a: ID) { assignModerationCase(caseId: $id, assigneeId: $a) { id } }`, { id: newest.id, a: ids['band.high'] }, band);
    // The assigned newest one is overdue: it needs someone again.
    await t.sql(`update moderation_case set due_at = now() - interval '1 hour' where id = $1`, [newest.id]);
    const list = await t.gql<{ moderationCases: { items: { id: string; overdue: boolean; assignee: { id: string } | null }[] } }>(
      '{ moderationCases(filter: { state: OPEN }, page: { perPage: 100 }) { items { id overdue assignee { id } } } }',
      {},
      band,
    );
    const order = list.data?.moderationCases.items.map((i) => i.id) ?? [];
    expect(order.indexOf(newest.id)).toBeLessThan(order.indexOf(older.id));
    expect(order.indexOf(older.id)).toBeLessThan(order.indexOf(assigned.id));
    expect(order.at(-1)).toBe(assigned.id);
    expect(list.data?.moderationCases.items.find((i) => i.id === newest.id)?.overdue).toBe(true);
    // The SQL order agrees with the domain's rule for every case on the page.
    const rows = await t.sql<{ id: string; state: ModerationState; assignee_id: string | null; due_at: Date }>(
      'select id, state, assignee_id, due_at from moderation_case where id = any($1)',
      [order],
    );
    const needs = new Map(rows.map((r) => [r.id, moderationNeedsAttention(r.state, r.assignee_id !== null, r.due_at, new Date())]));
    const firstCalm = order.findIndex((id) => !needs.get(id));
    expect(firstCalm).toBeGreaterThan(0);
    expect(order.slice(firstCalm).every((id) => !needs.get(id))).toBe(true);

    const overdue = await t.gql<{ moderationCases: { items: { id: string }[] } }>(
      '{ moderationCases(filter: { overdue: true }) { items { id } } }',
      {},
      band,
    );
    expect(overdue.data?.moderationCases.items.map((i) => i.id)).toEqual([newest.id]);
    const counts = await t.gql<{ moderationCaseCounts: { state: string; count: number }[] }>(
      '{ moderationCaseCounts { state count } }',
      {},
      band,
    );
    const open = counts.data?.moderationCaseCounts.find((c) => c.state === 'OPEN')?.count ?? 0;
    expect(open).toBe(order.length);
    expect(counts.data?.moderationCaseCounts.map((c) => c.state)).toEqual(['OPEN', 'REMOVED', 'REPORTED', 'CLOSED', 'DISMISSED', 'RESTORED']);
  });
});

describe('every operation refuses callers without the role (SECURITY.md: a denial per operation)', () => {
  const ID = '00000000-0000-4000-8000-000000000000';
  const OPERATIONS: [name: string, document: string][] = [
    ['moderationCases', '{ moderationCases { total } }'],
    ['moderationCaseCounts', '{ moderationCaseCounts { count } }'],
    ['moderationCase', `{ moderationCase(id: "${ID}") { id } }`],
    ['verifyEvidence', `{ verifyEvidence(caseId: "${ID}") { intact } }`],
    ['openModerationCase', `mutation { openModerationCase(input: { accountId: "${ID}", snapshot: { kind: POST, platformContentId: "x", text: "x" } }) { id } }`],
    ['removeModeratedContent', `mutation { removeModeratedContent(caseId: "${ID}", reasons: [OBSCENE], explanation: "${EXPLANATION}") { id } }`],
    ['dismissModerationCase', `mutation { dismissModerationCase(caseId: "${ID}", note: "${EXPLANATION}") { id } }`],
    ['assignModerationCase', `mutation { assignModerationCase(caseId: "${ID}") { id } }`],
    ['addCaseNote', `mutation { addCaseNote(caseId: "${ID}", body: "x", visibility: INTERNAL) { id } }`],
    ['askAboutRemoval', `mutation { askAboutRemoval(caseId: "${ID}", input: { askerName: "x", question: "x" }) { id } }`],
    ['answerRemovalQuestion', `mutation { answerRemovalQuestion(questionId: "${ID}", answer: "x") { id } }`],
    ['restoreModeratedContent', `mutation { restoreModeratedContent(caseId: "${ID}", note: "${EXPLANATION}") { id } }`],
    ['closeModerationCase', `mutation { closeModerationCase(caseId: "${ID}") { id } }`],
    ['placeLegalHold', `mutation { placeLegalHold(caseId: "${ID}", reason: "A reason long enough.") { id } }`],
    ['releaseLegalHold', `mutation { releaseLegalHold(caseId: "${ID}", reason: "A reason long enough.") { id } }`],
  ];
  const READS = new Set(['moderationCases', 'moderationCaseCounts', 'moderationCase', 'verifyEvidence']);
  const ANSWER = new Set(['answerRemovalQuestion', 'restoreModeratedContent']);
  const HOLD = new Set(['placeLegalHold', 'releaseLegalHold']);

  it.each(OPERATIONS)('%s: UNAUTHENTICATED signed out; FORBIDDEN to a role without it', async (name, document) => {
    expect(errorCode(await t.gql(document, {}, null))).toBe('UNAUTHENTICATED');
    // The auditor only reads; a teacher neither answers nor holds; the Director does not hold.
    if (!READS.has(name)) expect(errorCode(await t.gql(document, {}, await t.login('auditor')))).toBe('FORBIDDEN');
    if (ANSWER.has(name) || HOLD.has(name)) {
      expect(errorCode(await t.gql(document, {}, await t.login('teacher.high')))).toBe('FORBIDDEN');
    }
    if (HOLD.has(name)) expect(errorCode(await t.gql(document, {}, await t.login('external.relations')))).toBe('FORBIDDEN');
  });
});

describe('questions and restoration: the Director of External Relations only (XXX)', () => {
  it('records a question, refuses anyone else\'s answer, the Director answers and restores', async () => {
    const band = await t.login('band.high');
    const c = await openOk(band, ids.RPS_band as string, 'Everyone should skip school Friday and block the parking lot.');
    expect((await remove(band, c.id, ['INCITES_VIOLENCE_OR_DISRUPTION'])).errors).toBeUndefined();
    const asked = await t.gql<{ askAboutRemoval: Case }>(
      `mutation($id: ID!) { askAboutRemoval(caseId: $id, input: { askerName: "Pat Commenter", askerContact: "pat@example.org",
         question: "Why was my comment removed? It was a joke." }) { questions { id askerName askerContact } } }`,
      { id: c.id },
      band,
    );
    expect(asked.errors).toBeUndefined();
    const questionId = asked.data?.askAboutRemoval.questions[0]?.id as string;
    expect(asked.data?.askAboutRemoval.questions[0]).toMatchObject({ askerName: 'Pat Commenter', askerContact: 'pat@example.org' });

    const answer = (token: string) =>
      t.gql<{ answerRemovalQuestion: Case }>(
        `mutation($q: ID!) { answerRemovalQuestion(questionId: $q, answer: "It called for blocking the school's parking lot (XXXIV).") {
           questions { answer answeredBy { fullName } } } }`,
        { q: questionId },
        token,
      );
    for (const who of ['band.high', 'principal.high', 'superintendent', 'admin']) {
      expect(errorCode(await answer(await t.login(who)))).toBe('FORBIDDEN');
    }
    const director = await t.login('external.relations');
    const answered = await answer(director);
    expect(answered.errors).toBeUndefined();
    expect(answered.data?.answerRemovalQuestion.questions[0]).toMatchObject({ answeredBy: { fullName: 'Marcus Oyelaran' } });
    expect(errorCode(await answer(director))).toBe('CONFLICT');

    // The auditor sees the thread but not how to reach the asker.
    const audited = await getCase(await t.login('auditor'), c.id);
    expect(audited.data?.moderationCase.questions[0]).toMatchObject({ askerName: 'Pat Commenter', askerContact: null });

    const restore = (token: string, note: string) =>
      t.gql<{ restoreModeratedContent: Case }>(
        `mutation($id: ID!, $note: String!) { restoreModeratedContent(caseId: $id, note: $note) { state decisionNote closedAt retentionUntil } }`,
        { id: c.id, note },
        token,
      );
    const note = 'On review it was a joke about a snow day, not a call to disrupt.';
    for (const who of ['band.high', 'principal.high', 'admin']) {
      expect(errorCode(await restore(await t.login(who), note))).toBe('FORBIDDEN');
    }
    expect(errorCode(await restore(director, 'ok'))).toBe('BAD_USER_INPUT');
    const restored = await restore(director, note);
    expect(restored.data?.restoreModeratedContent).toMatchObject({ state: 'RESTORED', decisionNote: note });
    expect(restored.data?.restoreModeratedContent.retentionUntil).not.toBeNull();
  });
});

describe('the evidence in the database', () => {
  let caseId = '';
  beforeAll(async () => {
    caseId = (await openOk(await t.login('band.high'), ids.RPS_band as string, 'Evidence that must not change.')).id;
  });

  it('refuses any UPDATE of a snapshot, a DELETE inside retention, and a change of the digest', async () => {
    await expect(t.sql(`update moderation_snapshot set text = 'something nicer' where case_id = $1`, [caseId])).rejects.toThrow(/immutable/);
    await expect(t.sql(`delete from moderation_snapshot where case_id = $1`, [caseId])).rejects.toThrow(/retention/);
    await expect(t.sql(`update moderation_case set evidence_digest = repeat('0', 64) where id = $1`, [caseId])).rejects.toThrow(/never change/);
    await expect(t.sql(`delete from moderation_case where id = $1`, [caseId])).rejects.toThrow(/never deleted/);
    await expect(t.sql('truncate moderation_snapshot cascade')).rejects.toThrow(/cannot be truncated/);
  });

  it('verifyEvidence reports intact, then the tampering of someone who bypassed the trigger', async () => {
    const auditor = await t.login('auditor');
    const verify = () =>
      t.gql<{ verifyEvidence: { intact: boolean; purged: boolean; algorithm: string; storedDigest: string; computedDigest: string | null } }>(
        'query($id: ID!) { verifyEvidence(caseId: $id) { caseId intact purged algorithm storedDigest computedDigest checkedAt } }',
        { id: caseId },
        auditor,
      );
    const before = await verify();
    expect(before.data?.verifyEvidence).toMatchObject({ intact: true, purged: false, algorithm: 'SHA-256 of RFC 8785 (JCS) canonical JSON' });
    expect(before.data?.verifyEvidence.computedDigest).toBe(before.data?.verifyEvidence.storedDigest);
    // A superuser bypasses the trigger and edits the text (and even the stored canonical text).
    await t.sql(
      `begin; set local session_replication_role = replica;
       update moderation_snapshot set text = 'Evidence that was changed.',
              canonical = replace(canonical, 'must not change', 'was changed') where case_id = '${caseId}';
       commit;`,
    );
    const after = await verify();
    expect(after.data?.verifyEvidence.intact).toBe(false);
    expect(after.data?.verifyEvidence.computedDigest).not.toBe(after.data?.verifyEvidence.storedDigest);
    expect(errorCode(await t.gql('query($id: ID!) { verifyEvidence(caseId: $id) { intact } }', { id: caseId }, await t.login('teacher.south')))).toBe('FORBIDDEN');
  });
});

describe('retention and legal hold (XIV, XXX)', () => {
  it('only the district admin places a hold, with a reason; the purge skips held and unexpired cases and leaves the digest', async () => {
    const band = await t.login('band.high');
    const admin = await t.login('admin');
    const dismiss = async (text: string) => {
      const c = await openOk(band, ids.RPS_band as string, text);
      await t.gql(`mutation($id: ID!) { dismissModerationCase(caseId: $id, note: "Nothing here breaks XXXI-XXXV at all.") { id } }`, { id: c.id }, band);
      return c;
    };
    const held = await dismiss('Held comment for a lawsuit.');
    const expired = await dismiss('Expired comment to purge.');
    const kept = await dismiss('Comment still inside retention.');
    await t.sql(`update moderation_case set retention_until = now() - interval '1 day' where id = any($1)`, [[held.id, expired.id]]);

    const hold = (token: string, reason: string) =>
      t.gql<{ placeLegalHold: Case }>(
        `mutation($id: ID!, $r: String!) { placeLegalHold(caseId: $id, reason: $r) { legalHold { reason placedBy { fullName } } canHold } }`,
        { id: held.id, r: reason },
        token,
      );
    for (const who of ['principal.high', 'band.high', 'external.relations', 'auditor']) {
      expect(errorCode(await hold(await t.login(who), 'Litigation hold requested by counsel.'))).toBe('FORBIDDEN');
    }
    expect(errorCode(await hold(admin, 'short'))).toBe('BAD_USER_INPUT');
    const placed = await hold(admin, 'Litigation hold requested by counsel.');
    expect(placed.data?.placeLegalHold).toMatchObject({
      legalHold: { reason: 'Litigation hold requested by counsel.', placedBy: { fullName: 'Priya Raman' } },
      canHold: true,
    });
    // The hold's reason is for the district admin and the Director; the account's people (who may
    // be the subject of the matter) see that a hold stands, not why.
    const seen = async (who: string) =>
      (await t.gql<{ moderationCase: Case }>(
        'query($id: ID!) { moderationCase(id: $id) { legalHold { reason } } }',
        { id: held.id },
        await t.login(who),
      )).data?.moderationCase.legalHold?.reason;
    expect(await seen('external.relations')).toBe('Litigation hold requested by counsel.');
    expect(await seen('band.high')).toBe('withheld');
    expect(await seen('principal.high')).toBe('withheld');
    // The database refuses to delete held evidence, even past retention.
    await expect(t.sql('delete from moderation_snapshot where case_id = $1', [held.id])).rejects.toThrow(/legal hold/);

    const dry = await t.app.services.moderation.purge(t.orm.em.fork(), { dryRun: true });
    expect(dry).toMatchObject({ due: 1, purged: 0, caseIds: [expired.id], dryRun: true });
    const run = await t.app.services.moderation.purge(t.orm.em.fork());
    expect(run).toMatchObject({ due: 1, purged: 1, caseIds: [expired.id] });

    const auditor = await t.login('auditor');
    const verify = async (id: string) =>
      (await t.gql<{ verifyEvidence: { intact: boolean; purged: boolean; storedDigest: string; computedDigest: string | null } }>(
        'query($id: ID!) { verifyEvidence(caseId: $id) { intact purged storedDigest computedDigest } }',
        { id },
        auditor,
      )).data?.verifyEvidence;
    expect(await verify(expired.id)).toEqual({ intact: false, purged: true, storedDigest: expired.evidenceDigest, computedDigest: null });
    expect(await verify(held.id)).toMatchObject({ intact: true, purged: false });
    expect(await verify(kept.id)).toMatchObject({ intact: true, purged: false });
    const tomb = (await getCase(auditor, expired.id)).data?.moderationCase;
    expect(tomb).toMatchObject({ snapshot: null, evidenceDigest: expired.evidenceDigest, triage: [] });
    expect(tomb?.purgedAt).not.toBeNull();

    const events = await t.sql<{ actor_type: string; change: { purged: number; caseIds: string[] } }>(
      `select actor_type, change from audit_event where action = 'moderation.purge'`,
    );
    expect(events).toEqual([{ actor_type: 'SYSTEM', change: expect.objectContaining({ purged: 1, caseIds: [expired.id] }) }]);

    // Released (audited), the held case goes at the next run.
    const release = await t.gql(
      `mutation($id: ID!) { releaseLegalHold(caseId: $id, reason: "The litigation was settled.") { legalHold { reason } } }`,
      { id: held.id },
      admin,
    );
    expect(release.data).toEqual({ releaseLegalHold: { legalHold: null } });
    expect((await t.app.services.moderation.purge(t.orm.em.fork())).caseIds).toEqual([held.id]);
    expect(await verify(held.id)).toMatchObject({ purged: true });
    const holdEvents = await t.sql<{ action: string }>(
      `select action from audit_event where target_id = $1 and action like 'moderation.%Hold' or (target_id = $1 and action = 'moderation.hold') order by id`,
      [held.id],
    );
    expect(holdEvents.map((e) => e.action)).toEqual(['moderation.hold', 'moderation.releaseHold']);
  });
});

describe('delivery and the move to REPORTED, whatever happens to the API processes', () => {
  it('while the mail server is down the notices retry and the case shows why; once it is back, the case is reported', async () => {
    const band = await t.login('band.high');
    const c = await openOk(band, ids.RPS_band as string, 'I know where the band director lives.');
    await smtp.setDown(true);
    try {
      expect((await remove(band, c.id, ['OTHER_SAFETY_THREAT'])).errors).toBeUndefined();
      const waiting = await until('both notices retrying', async () => {
        const r = (await getCase(band, c.id)).data?.moderationCase;
        return r?.notices.length === 2 && r.notices.every((n) => n.status === 'RETRYING') ? r : null;
      });
      expect(waiting.state).toBe('REMOVED');
      const [notice] = (await t.gql<{ moderationCase: { notices: { attempts: number; lastError: string | null }[] } }>(
        'query($id: ID!) { moderationCase(id: $id) { notices { attempts lastError } } }',
        { id: c.id },
        band,
      )).data?.moderationCase.notices ?? [];
      expect(notice?.attempts).toBeGreaterThan(0);
      expect(notice?.lastError).toBeTruthy();
    } finally {
      await smtp.setDown(false);
    }
    await until('REPORTED once the server is back', async () => (await getCase(band, c.id)).data?.moderationCase.state === 'REPORTED', 30_000);
    expect(smtp.messages.filter((m) => m.text.includes(c.id))).toHaveLength(2);
  });

  it('a removal committed while no dispatcher runs (a crash before delivery) is reported after the restart, each notice once', async () => {
    const band = await t.login('band.high');
    const c = await openOk(band, ids.RPS_band as string, 'Someone should bring a weapon to the game Friday.');
    // The process "dies": its dispatcher stops before the removal is delivered.
    await t.app.mail.stop();
    expect((await remove(band, c.id, ['OTHER_SAFETY_THREAT'])).errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 500));
    expect((await getCase(band, c.id)).data?.moderationCase).toMatchObject({ state: 'REMOVED', notices: [{ status: 'QUEUED' }, { status: 'QUEUED' }] });
    // The "restart": a new process's dispatcher on the same database.
    const logger = createLogger('silent');
    const orm = await initOrm(t.databaseUrl, logger);
    const restarted = await startMail(t.config, orm, logger);
    try {
      await until('REPORTED after the restart', async () => (await getCase(band, c.id)).data?.moderationCase.state === 'REPORTED');
      const received = smtp.messages.filter((m) => m.text.includes(c.id));
      expect(received.map((m) => m.envelope.to[0]).sort()).toEqual([
        'external.relations@demo.k12.example',
        'superintendent@demo.k12.example',
      ]);
    } finally {
      await restarted.stop();
      await orm.close();
    }
  });

  it('two dispatchers delivering the two notices of many removals at once report every case exactly once', async () => {
    const logger = createLogger('silent');
    const orms = [await initOrm(t.databaseUrl, logger), await initOrm(t.databaseUrl, logger)];
    const dispatchers = await Promise.all(orms.map((orm) => startMail(t.config, orm, logger)));
    try {
      const band = await t.login('band.high');
      const cases: string[] = [];
      for (let i = 0; i < 6; i += 1) {
        cases.push((await openOk(band, ids.RPS_band as string, `Harassing comment number ${i} about a player.`)).id);
      }
      await Promise.all(cases.map((id) => remove(band, id, ['THREATENING_HARASSING_DISCRIMINATORY'])));
      await until(
        'every case REPORTED',
        async () => {
          const rows = await t.sql<{ state: string }>('select state from moderation_case where id = any($1)', [cases]);
          return rows.every((r) => r.state === 'REPORTED');
        },
        30_000,
      );
      const reports = await t.sql<{ target_id: string }>(
        `select target_id from audit_event where action = 'moderation.report' and target_id = any($1)`,
        [cases],
      );
      expect(reports.map((r) => r.target_id).sort()).toEqual([...cases].sort());
      const delivered = smtp.messages.filter((m) => cases.some((id) => m.text.includes(id)));
      expect(delivered).toHaveLength(cases.length * 2);
    } finally {
      await Promise.all(dispatchers.map((d) => d.stop()));
      await Promise.all(orms.map((orm) => orm.close()));
    }
  });

  it('a case whose notices were marked delivered without the reporting hook (it kept failing) is reported by the minute sweep', async () => {
    // No dispatcher runs here any more (stopped above): the notices stay queued until marked.
    const band = await t.login('band.high');
    const c = await openOk(band, ids.RPS_band as string, 'Meet behind the gym after the game, bring something sharp.');
    expect((await remove(band, c.id, ['OTHER_SAFETY_THREAT'])).errors).toBeUndefined();
    // What the outbox does after five failed hooks: DELIVERED, hooks not run.
    await t.sql(
      "update notification set status = 'DELIVERED', delivered_at = now() where subject_type = 'moderation_case' and subject_id = $1",
      [c.id],
    );
    expect((await getCase(band, c.id)).data?.moderationCase.state).toBe('REMOVED');
    expect(await t.app.services.moderation.reportDeliveredCases(t.orm.em.fork())).toBeGreaterThanOrEqual(1);
    const after = (await getCase(band, c.id)).data?.moderationCase;
    expect(after?.state).toBe('REPORTED');
    const events = await t.sql<{ action: string }>(
      "select action from audit_event where target_id = $1 and action = 'moderation.report'",
      [c.id],
    );
    expect(events).toHaveLength(1);
    // Nothing left to report: a second sweep changes nothing.
    expect(await t.app.services.moderation.reportDeliveredCases(t.orm.em.fork())).toBe(0);
  });
});
