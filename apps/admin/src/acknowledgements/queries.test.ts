import { describe, expect, it } from 'vitest';
import { completionText, completionView, openRoundErrors, openRoundInput, roundAudience, todayUtc, type OpenRoundValues } from './queries';

const values = (over: Partial<OpenRoundValues> = {}): OpenRoundValues => ({
  revisionDate: '2026-11-20',
  dueDate: '2026-12-15',
  audience: 'ALL',
  schoolId: '',
  ...over,
});

describe('completionView: whose completion the page shows', () => {
  it.each([
    [['STAFF'], 'OWN'],
    [['STAFF', 'SUPERVISOR'], 'OWN_STAFF'],
    [['STAFF', 'DISTRICT_ADMIN'], 'DISTRICT'],
    [['STAFF', 'SUPERINTENDENT', 'SUPERVISOR'], 'DISTRICT'],
    [['AUDITOR'], 'DISTRICT'],
    [['SIS'], null],
  ] as const)('%j -> %s', (roles, view) => {
    expect(completionView([...roles])).toBe(view);
  });
});

describe('openRoundErrors: the domain rule before sending (XIII ... XXVII acknowledged per revision)', () => {
  const today = '2026-11-25';
  it('accepts a newer revision with a due date ahead', () => {
    expect(openRoundErrors(values(), '2026-06-01', today)).toEqual({});
  });
  it('asks for both dates, and the school when the round is for one', () => {
    expect(openRoundErrors(values({ revisionDate: '', dueDate: '', audience: 'SCHOOL' }), null, today)).toEqual({
      revisionDate: 'Enter the revision date.',
      dueDate: 'Enter the due date.',
      schoolId: 'Choose the school.',
    });
  });
  it('refuses a revision not newer than the latest round\'s, naming it', () => {
    expect(openRoundErrors(values({ revisionDate: '2026-06-01' }), '2026-06-01', today).revisionDate).toMatch(/2026-06-01/);
  });
  it('refuses a due date before the revision, or already past', () => {
    expect(openRoundErrors(values({ dueDate: '2026-11-19' }), null, today).dueDate).toMatch(/before the revision/);
    expect(openRoundErrors(values({ revisionDate: '2026-10-01', dueDate: '2026-11-24' }), null, today).dueDate).toMatch(/already passed/);
  });
});

describe('openRoundInput', () => {
  it('sends the school only for a one-school round', () => {
    expect(openRoundInput(values({ schoolId: 'north' }))).toEqual({ revisionDate: '2026-11-20', dueDate: '2026-12-15', schoolId: null });
    expect(openRoundInput(values({ audience: 'SCHOOL', schoolId: 'north' })).schoolId).toBe('north');
  });
});

describe('labels', () => {
  it('says completion in words and numbers', () => {
    expect(completionText(3, 4)).toBe('3 of 4 (75%)');
    expect(completionText(0, 0)).toBe('nobody required');
  });
  it('says who a round asks', () => {
    expect(roundAudience({ schoolName: null })).toBe('All active staff');
    expect(roundAudience({ schoolName: 'Ralston High School' })).toBe('Active staff of Ralston High School');
  });
  it('dates today in UTC, as the API judges due dates', () => {
    expect(todayUtc(new Date('2026-11-25T23:30:00-05:00'))).toBe('2026-11-26');
  });
});
