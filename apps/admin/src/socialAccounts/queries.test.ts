import { describe, expect, it } from 'vitest';
import { registerInput, updateInput } from './queries';

describe('registerInput', () => {
  it('sends trimmed text, null for empty fields, and the ticked signals', () => {
    expect(
      registerInput({
        platform: 'INSTAGRAM',
        handle: ' rams_band ',
        url: '',
        displayName: 'Ralston Band',
        bio: '   ',
        signals: ['PURPORTS_OFFICIAL'],
      }),
    ).toEqual({
      platform: 'INSTAGRAM',
      handle: 'rams_band',
      url: null,
      displayName: 'Ralston Band',
      bio: null,
      signals: ['PURPORTS_OFFICIAL'],
    });
  });

  it("leaves schoolId out when none is picked, so the API uses the owner's school", () => {
    expect(registerInput({ platform: 'X', handle: 'a', schoolId: '' })).not.toHaveProperty(
      'schoolId',
    );
    expect(registerInput({ platform: 'X', handle: 'a', schoolId: 's1' }).schoolId).toBe('s1');
  });

  it('sends an empty signal list rather than nothing', () => {
    expect(registerInput({ platform: 'X', handle: 'a' }).signals).toEqual([]);
  });
});

describe('updateInput', () => {
  it('sends the version the user edited, for the optimistic lock', () => {
    const input = updateInput({
      id: 'acc-1',
      data: { platform: 'X', handle: 'a', schoolId: null, signals: [] },
      previousData: { id: 'acc-1', version: 4 },
    });
    expect(input).toMatchObject({ id: 'acc-1', version: 4, schoolId: null, signals: [] });
  });
});
