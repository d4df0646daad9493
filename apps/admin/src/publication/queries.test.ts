import { describe, expect, it } from 'vitest';
import { checkInput, resultSummary, todayIso } from './queries';

describe('checkInput', () => {
  it('sends the account, each student once, the media kind and the planned date', () => {
    expect(
      checkInput({
        accountId: 'acc-1',
        students: ['s1', 's2', 's1', ''],
        mediaKind: 'VIDEO',
        plannedOn: '2026-10-05',
      }),
    ).toEqual({ accountId: 'acc-1', students: ['s1', 's2'], mediaKind: 'VIDEO', plannedOn: '2026-10-05' });
  });

  it('takes a photo when no kind is given, and leaves an empty date to the API (today)', () => {
    expect(checkInput({ accountId: 'a', students: ['s1'], mediaKind: null, plannedOn: '' })).toEqual({
      accountId: 'a',
      students: ['s1'],
      mediaKind: 'PHOTO',
      plannedOn: null,
    });
  });

  it('reads a date input given as a Date or with a time', () => {
    expect(checkInput({ accountId: 'a', students: [], plannedOn: new Date(2026, 9, 5) }).plannedOn).toBe(
      '2026-10-05',
    );
    expect(checkInput({ accountId: 'a', students: [], plannedOn: '2026-10-05T00:00' }).plannedOn).toBe(
      '2026-10-05',
    );
    expect(checkInput({ accountId: 'a', students: 'nope' }).students).toEqual([]);
  });
});

describe('todayIso', () => {
  it("is the viewer's calendar day, not UTC's", () => {
    expect(todayIso(new Date(2026, 0, 31, 23, 30))).toBe('2026-01-31');
  });
});

describe('resultSummary', () => {
  const verdict = (allowed: boolean) => ({
    allowed,
    problem: allowed ? null : 'NO_RELEASE',
    message: '',
    sections: ['XIV'],
    student: null,
  });

  it('counts the blocked students', () => {
    expect(resultSummary({ result: 'BLOCKED', students: [verdict(true), verdict(false)] })).toBe(
      'Blocked: 1 of 2 students may not be shown in this post.',
    );
  });

  it('says all may be shown when allowed', () => {
    expect(resultSummary({ result: 'ALLOWED', students: [verdict(true)] })).toBe(
      'Allowed: the student may be shown in this post.',
    );
    expect(resultSummary({ result: 'ALLOWED', students: [verdict(true), verdict(true)] })).toBe(
      'Allowed: all 2 students may be shown in this post.',
    );
  });
});
