import { describe, expect, it } from 'vitest';
import { administratorsInput, registerInput, resolveReviewInput, updateInput } from './queries';
import { savedNotice } from './useSavedNotice';

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
      contentKind: 'SOCIAL_ACCOUNT',
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

describe('resolveReviewInput', () => {
  it('sends the signals to apply with the version reviewed', () => {
    expect(
      resolveReviewInput({
        id: 'acc-1',
        version: 3,
        action: 'APPLY_SIGNALS',
        signals: ['USES_DISTRICT_NAME'],
        note: ' ',
      }),
    ).toEqual({ id: 'acc-1', version: 3, action: 'APPLY_SIGNALS', signals: ['USES_DISTRICT_NAME'], note: null });
  });

  it('sends the note, and no signals, to confirm personal', () => {
    expect(
      resolveReviewInput({ id: 'acc-1', version: 3, action: 'CONFIRM_PERSONAL', note: ' Her surname. ' }),
    ).toEqual({ id: 'acc-1', version: 3, action: 'CONFIRM_PERSONAL', signals: null, note: 'Her surname.' });
  });
});

describe('savedNotice', () => {
  it("tells the owner, in the API's words, who will review a flagged account", () => {
    const message = 'Your supervising administrator, Nadia Brennan, will review it.';
    expect(
      savedNotice('Account registered.', {
        affiliationReview: {
          status: 'PENDING',
          signals: ['USES_DISTRICT_NAME'],
          flaggedAt: null,
          reviewedAt: null,
          note: null,
          message,
          canResolve: false,
          reviewer: null,
          reviewedBy: null,
        },
      }),
    ).toBe(`Account registered. ${message}`);
  });

  it('says only "saved" otherwise', () => {
    expect(savedNotice('Account saved.', { affiliationReview: null })).toBe('Account saved.');
  });
});

describe('registering other school-affiliated content (XXIX)', () => {
  it('sends a web page with its kind and address, leaving platform and handle to the API', () => {
    expect(
      registerInput({ contentKind: 'WEB_PAGE', url: ' https://north.example.org/music ', signals: [] }),
    ).toMatchObject({
      contentKind: 'WEB_PAGE',
      platform: null,
      handle: null,
      url: 'https://north.example.org/music',
    });
  });
});

describe('administratorsInput (XXIX)', () => {
  const current = [{ id: 's1' }, { id: 's2' }];

  it('keeps everyone and adds a typed email, lower-cased', () => {
    expect(administratorsInput(current, { add: { email: ' Ana@Example.org ' } })).toEqual([
      { staffId: 's1' },
      { staffId: 's2' },
      { email: 'ana@example.org' },
    ]);
  });

  it('adds a picked staff member once', () => {
    expect(administratorsInput(current, { add: { staffId: 's3' } })).toHaveLength(3);
    expect(administratorsInput(current, { add: { staffId: 's2' } })).toHaveLength(2);
  });

  it('removes one and keeps the rest', () => {
    expect(administratorsInput(current, { remove: 's1' })).toEqual([{ staffId: 's2' }]);
  });
});
