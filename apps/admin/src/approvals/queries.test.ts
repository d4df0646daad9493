import { describe, expect, it } from 'vitest';
import { expiresAtInput, submitInput } from './queries';

describe('submitInput', () => {
  it('sends an account request with empty fields as null', () => {
    expect(
      submitInput({
        kind: 'AFFILIATED_ACCOUNT',
        accountId: 'a1',
        activity: '',
        justification: ' For the class page ',
      }),
    ).toEqual({
      kind: 'AFFILIATED_ACCOUNT',
      accountId: 'a1',
      activity: null,
      justification: 'For the class page',
      expiresAt: null,
    });
  });
});

describe('expiresAtInput', () => {
  it('lets a picked day lapse at the end of that day, as a full timestamp', () => {
    const iso = expiresAtInput('2026-06-30');
    expect(iso).not.toBeNull();
    const date = new Date(iso as string);
    expect([date.getFullYear(), date.getMonth() + 1, date.getDate()]).toEqual([2026, 6, 30]);
    expect(date.getHours()).toBe(23);
  });

  it('treats an empty or invalid value as "no expiry"', () => {
    expect(expiresAtInput('')).toBeNull();
    expect(expiresAtInput('not a date')).toBeNull();
    expect(expiresAtInput(undefined)).toBeNull();
  });
});
