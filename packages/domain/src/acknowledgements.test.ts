import { describe, expect, it } from 'vitest';
import {
  ACKNOWLEDGED_SECTIONS,
  ACKNOWLEDGEMENT_RULES,
  acknowledgementReminderDue,
  acknowledgementSections,
  isAcknowledgementOverdue,
  isIsoDay,
  mayAcknowledge,
  reminderWeek,
  requiresAcknowledgement,
  validateAcknowledgementRound,
} from './acknowledgements.js';
import type { Role } from './permissions.js';

const SEVEN = ['XIII', 'XVII', 'XVIII', 'XX', 'XXIV', 'XXVI', 'XXVII'];

describe('acknowledgementSections: what staff read (XIII, XVII, XVIII, XX, XXIV, XXVI, XXVII)', () => {
  it('gives the seven sections with their summaries, in the policy order', () => {
    const sections = acknowledgementSections();
    expect(sections.map((s) => s.id)).toEqual(SEVEN);
    expect([...ACKNOWLEDGED_SECTIONS]).toEqual(SEVEN);
    for (const s of sections) expect(s.summary.length).toBeGreaterThan(20);
  });

  it('keeps a round\'s own list (as stored with the round)', () => {
    expect(acknowledgementSections(['XX', 'XIII']).map((s) => s.id)).toEqual(['XIII', 'XX']);
  });

  it('declares every rule against the seven sections as a workflow', () => {
    for (const rule of ACKNOWLEDGEMENT_RULES) {
      expect(rule.kind).toBe('WORKFLOW');
      expect([...rule.sections]).toEqual(SEVEN);
    }
  });
});

describe('validateAcknowledgementRound: a new revision starts a new round, with a due date that can be met', () => {
  type Row = [behaviour: string, revisionDate: string, dueDate: string, latest: string | null, expected: 'ok' | 'revisionDate' | 'dueDate'];
  const today = '2026-11-25';
  it.each<Row>([
    ['the first round', '2026-11-01', '2026-12-15', null, 'ok'],
    ['a newer revision', '2026-11-20', '2026-12-15', '2026-06-01', 'ok'],
    ['due today', '2026-11-20', today, '2026-06-01', 'ok'],
    ['due on the revision day itself', today, today, null, 'ok'],
    ['the same revision again (XIII ... XXVII are acknowledged once per revision)', '2026-06-01', '2026-12-15', '2026-06-01', 'revisionDate'],
    ['an older revision than the latest round', '2026-05-01', '2026-12-15', '2026-06-01', 'revisionDate'],
    ['a due date before the revision', '2026-11-20', '2026-11-19', null, 'dueDate'],
    ['a due date already past', '2026-10-01', '2026-11-24', null, 'dueDate'],
    ['a revision date that is not a day', '2026-02-30', '2026-12-15', null, 'revisionDate'],
    ['a due date in another format', '2026-11-20', '12/15/2026', null, 'dueDate'],
  ])('%s', (_b, revisionDate, dueDate, latestRevisionDate, expected) => {
    const result = validateAcknowledgementRound({ revisionDate, dueDate, latestRevisionDate, today });
    if (expected === 'ok') expect(result).toEqual({ ok: true });
    else {
      expect(result).toMatchObject({ ok: false, field: expected, sections: SEVEN });
      expect((result.ok ? '' : result.message).length).toBeGreaterThan(20);
    }
  });

  it('says which revision is the latest when refusing an older one', () => {
    const r = validateAcknowledgementRound({ revisionDate: '2026-01-01', dueDate: '2026-12-01', latestRevisionDate: '2026-06-01', today: '2026-11-25' });
    expect(r.ok ? '' : r.message).toMatch(/2026-06-01/);
  });
});

describe('isIsoDay', () => {
  it.each([
    ['2026-11-25', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-1-5', false],
    ['', false],
    // PostgreSQL's date has no year 0: refused here rather than failing in the database.
    ['0000-01-01', false],
    ['0000-12-31', false],
    ['0001-01-01', true],
    ['9999-12-31', true],
  ])('%s -> %s', (value, expected) => expect(isIsoDay(value)).toBe(expected));
});

describe('requiresAcknowledgement: active staff, of the round\'s school when it has one, decided live', () => {
  const staff = (active: boolean, schoolId: string | null, roles: Role[] = ['STAFF']) => ({ active, schoolId, roles });
  type Row = [behaviour: string, person: ReturnType<typeof staff>, roundSchool: string | null, expected: boolean];
  it.each<Row>([
    ['a teacher, district-wide round', staff(true, 'north'), null, true],
    ['a teacher of the round\'s school', staff(true, 'north'), 'north', true],
    ['a teacher of another school', staff(true, 'south'), 'north', false],
    ['district office staff, district-wide round', staff(true, null, ['STAFF', 'DISTRICT_ADMIN']), null, true],
    ['district office staff, one-school round', staff(true, null, ['STAFF', 'SUPERVISOR']), 'north', false],
    ['a principal is staff too', staff(true, 'north', ['STAFF', 'SUPERVISOR']), 'north', true],
    ['someone who has left drops out', staff(false, 'north'), null, false],
    ['an auditor without the STAFF role is not staff', staff(true, null, ['AUDITOR']), null, false],
  ])('%s', (_b, person, schoolId, expected) => {
    expect(requiresAcknowledgement(person, { schoolId })).toBe(expected);
  });
});

describe('mayAcknowledge: once, while current, if required', () => {
  type Row = [behaviour: string, required: boolean, acknowledgedAt: Date | null, superseded: boolean, expected: true | string];
  it.each<Row>([
    ['required and not yet acknowledged', true, null, false, true],
    ['a second acknowledgement', true, new Date('2026-11-20T10:00:00Z'), false, 'ALREADY_ACKNOWLEDGED'],
    ['a round replaced by a newer revision', true, null, true, 'SUPERSEDED'],
    ['someone the round does not require', false, null, false, 'NOT_REQUIRED'],
  ])('%s', (_b, required, acknowledgedAt, superseded, expected) => {
    const r = mayAcknowledge({ required, acknowledgedAt, superseded });
    if (expected === true) expect(r).toEqual({ ok: true });
    else expect(r).toMatchObject({ ok: false, code: expected, sections: SEVEN });
  });
});

describe('acknowledgementReminderDue: at most one a week, none after acknowledging', () => {
  const now = new Date('2026-11-25T09:00:00Z');
  const ago = (days: number, hours = 0) => new Date(now.getTime() - (days * 24 + hours) * 3600_000);
  type Row = [behaviour: string, required: boolean, acknowledged: boolean, last: Date | null, expected: boolean];
  it.each<Row>([
    ['never reminded: the first reminder announces the round', true, false, null, true],
    ['reminded a week ago', true, false, ago(7), true],
    ['reminded six days and 23 hours ago', true, false, ago(6, 23), false],
    ['reminded yesterday', true, false, ago(1), false],
    ['acknowledged', true, true, null, false],
    ['acknowledged, last reminded long ago', true, true, ago(30), false],
    ['not required (left, or another school)', false, false, null, false],
  ])('%s', (_b, required, acknowledged, lastReminderAt, expected) => {
    expect(acknowledgementReminderDue({ required, acknowledged, lastReminderAt, now })).toBe(expected);
  });
});

describe('reminderWeek: the Monday of the week (the unique key of a reminder)', () => {
  it.each([
    ['2026-11-23T00:00:00Z', '2026-11-23'], // a Monday
    ['2026-11-25T09:00:00Z', '2026-11-23'],
    ['2026-11-29T23:59:59Z', '2026-11-23'], // Sunday
    ['2026-11-30T00:00:00Z', '2026-11-30'],
    ['2027-01-01T12:00:00Z', '2026-12-28'],
  ])('%s -> %s', (at, monday) => expect(reminderWeek(new Date(at))).toBe(monday));

  it('never puts two reminders a week apart in the same week', () => {
    for (let h = 0; h < 24 * 14; h += 5) {
      const a = new Date(Date.UTC(2026, 10, 20, h));
      const b = new Date(a.getTime() + 7 * 24 * 3600_000);
      expect(reminderWeek(a)).not.toBe(reminderWeek(b));
    }
  });
});

describe('isAcknowledgementOverdue', () => {
  it.each([
    ['before the due date', '2026-12-01', false, '2026-11-25', false],
    ['on the due date', '2026-12-01', false, '2026-12-01', false],
    ['after the due date', '2026-12-01', false, '2026-12-02', true],
    ['acknowledged, after the due date', '2026-12-01', true, '2026-12-02', false],
  ] as const)('%s', (_b, dueDate, acknowledged, today, expected) => {
    expect(isAcknowledgementOverdue({ dueDate, acknowledged, today })).toBe(expected);
  });
});
