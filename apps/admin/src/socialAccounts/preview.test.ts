import { describe, expect, it } from 'vitest';
import { signalLabel } from './labels';
import { previewClassification } from './preview';

const profile = {
  names: ['Ralston Public Schools', 'Ralston Schools', 'Ralston'],
  abbreviations: ['RPS'],
  mascots: ['Rams'],
  schoolNames: ['Ralston North Elementary', 'Ralston South Middle School', 'Ralston High School'],
};

describe('previewClassification', () => {
  it('is personal with nothing ticked, and needs no approval (VIII, IX)', () => {
    const p = previewClassification({ handle: 'tom_hikes', signals: [] }, profile);
    expect(p.decision.classification).toBe('PERSONAL');
    expect(p.approvals).toEqual([]);
  });

  it('turns school-affiliated when "lists my position" is ticked (IX), needing approval (XXIX)', () => {
    const p = previewClassification({ signals: ['LISTS_STAFF_POSITION'] }, profile);
    expect(p.decision.classification).toBe('SCHOOL_AFFILIATED');
    expect(p.decision.sections).toContain('IX');
    expect(p.approvals).toContain('AFFILIATED_ACCOUNT');
  });

  it('suggests signals from the profile text, leaving out those already ticked', () => {
    const text = { displayName: 'Ralston High Band', bio: 'Band director at Ralston High School' };
    const before = previewClassification({ ...text, signals: [] }, profile);
    const suggested = before.suggestions.map((s) => s.signal);
    expect(suggested).toContain('USES_DISTRICT_NAME');

    const after = previewClassification({ ...text, signals: ['USES_DISTRICT_NAME'] }, profile);
    expect(after.suggestions.map((s) => s.signal)).not.toContain('USES_DISTRICT_NAME');
  });

  it.each([
    [
      'the issue\'s coach account, nothing ticked',
      {
        handle: 'RalstonRamsFootball_x',
        displayName: 'Ralston Rams Football',
        bio: 'Game day updates for Rams families. Head coach at Ralston High.',
        signals: [],
      },
      true,
    ],
    ['a hobby account naming the town', { displayName: 'Ralston Hiking Club', signals: [] }, false],
    [
      'the same coach account with a signal ticked: it goes to approval instead',
      { displayName: 'Ralston Rams Football', signals: ['PURPORTS_OFFICIAL'] },
      false,
    ],
  ])('tells the owner before saving whether the supervisor will review it: %s', (_what, input, expected) => {
    expect(previewClassification(input, profile).willBeReviewed).toBe(expected);
  });

  it('ignores values that are not signals, and suggests nothing before the profile loads', () => {
    const p = previewClassification({ handle: 'RPS_band', signals: ['NOPE', 3] }, undefined);
    expect(p.signals).toEqual([]);
    expect(p.suggestions).toEqual([]);
  });
});

describe('signalLabel', () => {
  it('labels the position checkbox so the owner reads it as theirs', () => {
    expect(signalLabel('LISTS_STAFF_POSITION')).toMatch(/lists my position/i);
  });
});
