import { describe, expect, it } from 'vitest';
import {
  excerptAround,
  findStudentMentions,
  isModerationOverdue,
  isReported,
  mayAssignModerationCase,
  mayPurgeEvidence,
  moderationDueAt,
  moderationNeedsAttention,
  moderationRetentionUntil,
  studentMentionFlags,
  MIN_EXPLANATION,
  type ModerationAction,
  type ModerationState,
  mayOpenModerationCase,
  transitionModeration,
  validateRemoval,
} from './moderation.js';

const EXPLANATION = 'The comment names a student and their medical condition.';

describe('mayOpenModerationCase (VIII, IX, XXX)', () => {
  it('opens cases on school-affiliated accounts', () => {
    expect(mayOpenModerationCase('SCHOOL_AFFILIATED')).toEqual({ ok: true });
  });
  it('refuses a personal account, citing the sections', () => {
    expect(mayOpenModerationCase('PERSONAL')).toMatchObject({ ok: false, code: 'POLICY_VIOLATION', sections: ['VIII', 'IX', 'XXX'] });
  });
});

describe('validateRemoval: only the five reasons of XXXI-XXXV, with a written explanation (XXX)', () => {
  type Row = [behaviour: string, reasons: string[], explanation: string | null, expected: string[] | 'POLICY_VIOLATION' | 'REASON_REQUIRED'];
  it.each<Row>([
    ['obscene content (XXXI)', ['OBSCENE'], EXPLANATION, ['XXXI']],
    ['protected student information (XXXII)', ['PROTECTED_STUDENT_OR_PERSONNEL_INFORMATION'], EXPLANATION, ['XXXII']],
    ['harassment (XXXIII)', ['THREATENING_HARASSING_DISCRIMINATORY'], EXPLANATION, ['XXXIII']],
    ['incitement (XXXIV)', ['INCITES_VIOLENCE_OR_DISRUPTION'], EXPLANATION, ['XXXIV']],
    ['any other safety threat (XXXV)', ['OTHER_SAFETY_THREAT'], EXPLANATION, ['XXXV']],
    ['several reasons, in the policy\'s order, once each', ['OTHER_SAFETY_THREAT', 'OBSCENE', 'OBSCENE'], EXPLANATION, ['XXXI', 'XXXV']],
    ['criticism of the district is not a reason', ['CRITICISM'], EXPLANATION, 'POLICY_VIOLATION'],
    ['disagreement hidden among valid reasons', ['OBSCENE', 'DISAGREEMENT'], EXPLANATION, 'POLICY_VIOLATION'],
    ['no reason at all', [], EXPLANATION, 'REASON_REQUIRED'],
    ['no explanation', ['OBSCENE'], null, 'REASON_REQUIRED'],
    ['an explanation too short to read back', ['OBSCENE'], 'rude', 'REASON_REQUIRED'],
  ])('%s', (_b, reasons, explanation, expected) => {
    const result = validateRemoval(reasons, explanation);
    if (Array.isArray(expected)) expect(result).toMatchObject({ ok: true, sections: expected });
    else expect(result).toMatchObject({ ok: false, code: expected });
  });
});

describe('transitionModeration: OPEN -> REMOVED -> REPORTED -> CLOSED, DISMISSED, RESTORED', () => {
  const note = 'x'.repeat(MIN_EXPLANATION);
  type Row = [from: ModerationState, action: ModerationAction, note: string | null, expected: ModerationState | 'ILLEGAL_TRANSITION' | 'NOTE_REQUIRED'];
  it.each<Row>([
    ['OPEN', 'REMOVE', null, 'REMOVED'],
    ['OPEN', 'DISMISS', note, 'DISMISSED'],
    ['OPEN', 'DISMISS', null, 'NOTE_REQUIRED'],
    ['REMOVED', 'REPORT', null, 'REPORTED'],
    ['REPORTED', 'CLOSE', null, 'CLOSED'],
    ['REMOVED', 'RESTORE', note, 'RESTORED'],
    ['REPORTED', 'RESTORE', note, 'RESTORED'],
    ['CLOSED', 'RESTORE', note, 'RESTORED'],
    ['CLOSED', 'RESTORE', 'too short', 'NOTE_REQUIRED'],
    ['OPEN', 'REPORT', null, 'ILLEGAL_TRANSITION'],
    ['OPEN', 'CLOSE', null, 'ILLEGAL_TRANSITION'],
    ['OPEN', 'RESTORE', note, 'ILLEGAL_TRANSITION'],
    ['REMOVED', 'CLOSE', null, 'ILLEGAL_TRANSITION'],
    ['REMOVED', 'REMOVE', null, 'ILLEGAL_TRANSITION'],
    ['DISMISSED', 'REMOVE', null, 'ILLEGAL_TRANSITION'],
    ['RESTORED', 'REMOVE', null, 'ILLEGAL_TRANSITION'],
  ])('%s + %s', (from, action, n, expected) => {
    const result = transitionModeration(from, action, n);
    if (expected === 'ILLEGAL_TRANSITION' || expected === 'NOTE_REQUIRED') {
      expect(result).toMatchObject({ ok: false, code: expected, sections: ['XXX'] });
    } else {
      expect(result).toEqual({ ok: true, state: expected });
    }
  });
});

describe('isReported: both notices of XXX delivered', () => {
  it.each([
    [[], false],
    [['COPY_TO_SUPERINTENDENT'], false],
    [['REASON_TO_EXTERNAL_RELATIONS'], false],
    [['REASON_TO_EXTERNAL_RELATIONS', 'COPY_TO_SUPERINTENDENT'], true],
  ] as const)('%j -> %s', (delivered, expected) => {
    expect(isReported(delivered)).toBe(expected);
  });
});

describe('the queue: due time and overdue (XXX: removals are reported promptly)', () => {
  const opened = new Date('2026-11-02T08:00:00Z');
  const due = moderationDueAt(opened, 24);
  it('is due the response time after opening', () => {
    expect(due.toISOString()).toBe('2026-11-03T08:00:00.000Z');
  });
  type Row = [state: ModerationState, now: string, overdue: boolean];
  it.each<Row>([
    ['OPEN', '2026-11-03T07:59:00Z', false],
    ['OPEN', '2026-11-03T08:01:00Z', true],
    ['REMOVED', '2026-11-04T00:00:00Z', true],
    ['REPORTED', '2026-11-09T00:00:00Z', false],
    ['CLOSED', '2026-11-09T00:00:00Z', false],
    ['DISMISSED', '2026-11-09T00:00:00Z', false],
    ['RESTORED', '2026-11-09T00:00:00Z', false],
  ])('%s at %s: overdue %s', (state, now, expected) => {
    expect(isModerationOverdue(state, due, new Date(now))).toBe(expected);
  });
});

describe('the queue: cases that need someone come first', () => {
  const due = new Date('2026-11-03T08:00:00Z');
  const before = new Date('2026-11-03T07:00:00Z');
  const after = new Date('2026-11-03T09:00:00Z');
  type Row = [state: ModerationState, assigned: boolean, now: Date, needs: boolean];
  it.each<Row>([
    ['OPEN', false, before, true],
    ['OPEN', true, before, false],
    ['OPEN', true, after, true],
    ['REMOVED', true, after, true],
    ['REMOVED', false, before, true],
    ['REPORTED', false, after, false],
    ['DISMISSED', false, after, false],
    ['CLOSED', false, after, false],
  ])('%s, assigned %s, at %s: %s', (state, assigned, now, needs) => {
    expect(moderationNeedsAttention(state, assigned, due, now)).toBe(needs);
  });
});

describe('retention (XIV: records kept; a legal hold wins over the schedule)', () => {
  const schedule = { retentionDays: 1095, dismissedRetentionDays: 365 };
  const at = new Date('2026-01-01T00:00:00Z');
  type Row = [state: ModerationState, until: string | null];
  it.each<Row>([
    ['OPEN', null],
    ['REMOVED', null],
    ['REPORTED', '2028-12-31T00:00:00.000Z'],
    ['CLOSED', '2028-12-31T00:00:00.000Z'],
    ['RESTORED', '2028-12-31T00:00:00.000Z'],
    ['DISMISSED', '2027-01-01T00:00:00.000Z'],
  ])('%s -> kept until %s', (state, until) => {
    expect(moderationRetentionUntil(state, at, schedule)?.toISOString() ?? null).toBe(until);
  });

  const now = new Date('2027-06-01T00:00:00Z');
  const past = new Date('2027-01-01T00:00:00Z');
  const future = new Date('2028-01-01T00:00:00Z');
  type PurgeRow = [behaviour: string, facts: { retentionUntil: Date | null; legalHold: boolean; purged: boolean }, ok: boolean];
  it.each<PurgeRow>([
    ['past retention, no hold: purged', { retentionUntil: past, legalHold: false, purged: false }, true],
    ['past retention under a legal hold: kept', { retentionUntil: past, legalHold: true, purged: false }, false],
    ['inside retention: kept', { retentionUntil: future, legalHold: false, purged: false }, false],
    ['still being worked (no retention date): kept', { retentionUntil: null, legalHold: false, purged: false }, false],
    ['already purged: nothing to do', { retentionUntil: past, legalHold: false, purged: true }, false],
  ])('%s', (_b, facts, ok) => {
    const decision = mayPurgeEvidence(facts, now);
    expect(decision.ok).toBe(ok);
    if (!decision.ok) expect(decision.sections).toEqual(['XIV', 'XXX']);
  });
});

describe('mayAssignModerationCase: the account\'s people or the Director (XXX)', () => {
  const account = { ownerId: 'owner', administratorIds: ['admin-1'] };
  type Row = [who: string, assignee: { id: string; roles: string[]; active: boolean }, ok: boolean];
  it.each<Row>([
    ['the owner', { id: 'owner', roles: ['STAFF'], active: true }, true],
    ['an administrator of the account', { id: 'admin-1', roles: ['STAFF'], active: true }, true],
    ['the Director of External Relations', { id: 'dir', roles: ['STAFF', 'EXTERNAL_RELATIONS'], active: true }, true],
    ['a teacher with nothing to do with the account', { id: 'other', roles: ['STAFF'], active: true }, false],
    ['the district admin (not the account\'s, not the Director)', { id: 'it', roles: ['DISTRICT_ADMIN'], active: true }, false],
    ['an administrator who has left', { id: 'admin-1', roles: ['STAFF'], active: false }, false],
  ])('%s', (_w, assignee, ok) => {
    const decision = mayAssignModerationCase(assignee, account);
    expect(decision.ok).toBe(ok);
    if (!decision.ok) expect(decision).toMatchObject({ code: 'POLICY_VIOLATION', sections: ['XXX'] });
  });
});

describe('triage: a comment naming an enrolled student (XXXII), suggestions only', () => {
  const roster = [
    { id: 's1', givenName: 'Hana', familyName: 'High' },
    { id: 's2', givenName: 'José', familyName: "O'Brien-Muñoz", preferredName: 'Pepe' },
    { id: 's3', givenName: 'Noor', familyName: 'North' },
  ];
  type Row = [behaviour: string, text: string, named: string[]];
  it.each<Row>([
    ['a full name', 'Everyone knows Hana High failed chemistry', ['s1']],
    ['any case, punctuation between the words', 'HANA, high!! is on probation', ['s1']],
    ['accents and apostrophes folded', 'jose obrien munoz? no: Jose O Brien Munoz was suspended', ['s2']],
    ['the preferred name', "Pepe O'Brien-Muñoz has an IEP", ['s2']],
    ['a first name alone never matches', 'Hana and Noor did great', []],
    ['a family name alone never matches', 'High scores for North', []],
    ['part of a longer word is not a name', 'Hanah Highland', []],
    ['several students, in text order, once each', 'Noor North and Hana High, Hana High again', ['s3', 's1']],
  ])('%s', (_b, text, named) => {
    expect(findStudentMentions(text, roster).map((m) => m.studentId)).toEqual(named);
  });

  type FlagRow = [behaviour: string, text: string, why: string];
  it.each<FlagRow>([
    ['the words of the text, as written', 'Everyone knows HANA  high failed chemistry', 'HANA high'],
    // A legal name in the text never shows the preferred name, nor the other way round: the flag
    // would otherwise link the two for everyone who reads the case.
    ['a legal name is not linked to the preferred one', 'Jose O Brien Munoz has an IEP', 'Jose O Brien Munoz'],
    ['a preferred name is not linked to the legal one', "Pepe O'Brien-Muñoz has an IEP", "Pepe O'Brien-Muñoz"],
  ])('each flag quotes %s, never the roster (no other name, no school)', (_b, text, quoted) => {
    const [flag] = studentMentionFlags(text, roster);
    expect(flag).toEqual({
      reason: 'PROTECTED_STUDENT_OR_PERSONNEL_INFORMATION',
      section: 'XXXII',
      why: `Names an enrolled student: "${quoted}". Check whether it discloses protected student information (XXXII).`,
      excerpt: text.replace(/\s+/g, ' '),
    });
  });

  it('matches only the roster it is given: a student left out (another school) is not flagged', () => {
    const ownSchool = roster.filter((s) => s.id !== 's1');
    expect(studentMentionFlags('Everyone knows Hana High failed chemistry', ownSchool)).toEqual([]);
  });

  it('an excerpt is cut around the match with ellipses, on one line', () => {
    const text = `${'a'.repeat(60)} Hana\nHigh ${'b'.repeat(60)}`;
    const excerpt = excerptAround(text, 61, 70, 10);
    expect(excerpt).toBe('…aaaaaaaaa Hana High bbbbbbbbb…');
  });
});
