import { describe, expect, it } from 'vitest';
import { confirmationText } from './labels';
import { requireInput } from './queries';

describe('requireInput (XII)', () => {
  it('trims the description and leaves a blank target out', () => {
    expect(requireInput('acc', { description: "  Follow the district's main account ", target: ' ' })).toEqual({
      accountId: 'acc',
      description: "Follow the district's main account",
      target: null,
    });
  });
});

describe('confirmationText', () => {
  const at = '2026-11-20T18:00:00.000Z';
  it('says who confirmed and who is still awaited', () => {
    const text = confirmationText({
      state: 'AWAITING_CONFIRMATION',
      confirmations: [{ confirmedAt: at, confirmedBy: { id: '1', fullName: 'Tom Lindqvist' } }],
      awaitingConfirmationFrom: [{ id: '2', fullName: 'Amara Okafor' }],
    });
    expect(text).toMatch(/^Confirmed by Tom Lindqvist \(.+\)\. Waiting for Amara Okafor\.$/);
  });

  it('waits for nobody once retired', () => {
    expect(confirmationText({ state: 'RETIRED', confirmations: [], awaitingConfirmationFrom: [{ id: '2', fullName: 'Amara Okafor' }] })).toBe(
      'Not confirmed yet.',
    );
  });

  it('says a lapsed one no longer stands, and waits for nobody', () => {
    expect(
      confirmationText({
        state: 'LAPSED',
        confirmations: [{ confirmedAt: at, confirmedBy: { id: '1', fullName: 'Tom Lindqvist' } }],
        awaitingConfirmationFrom: [],
      }),
    ).toMatch(/^Confirmed by Tom Lindqvist \(.+\)\. It no longer stands: the account became personal or was retired \(VIII, IX, XII\)\.$/);
  });
});
