import { describe, expect, it } from 'vitest';
import {
  type AccountState,
  accountStateAfterReclassification,
  accountStateOnApproval,
  type AttentionReason,
  attentionReasons,
  initialAccountState,
  mayActivateAccount,
} from './accounts.js';
import type { Classification } from './classification.js';

describe('account lifecycle (XXIX)', () => {
  it.each<[Classification, AccountState]>([
    ['PERSONAL', 'ACTIVE'],
    ['SCHOOL_AFFILIATED', 'PENDING_APPROVAL'],
  ])('a new %s account starts %s', (classification, state) => {
    expect(initialAccountState(classification)).toBe(state);
  });

  type Reclassification = [
    behaviour: string,
    previous: Classification,
    next: Classification,
    state: AccountState,
    hasApprovedAffiliation: boolean,
    expected: AccountState,
  ];
  it.each<Reclassification>([
    [
      'personal -> affiliated waits for approval',
      'PERSONAL',
      'SCHOOL_AFFILIATED',
      'ACTIVE',
      false,
      'PENDING_APPROVAL',
    ],
    [
      'personal -> affiliated with approval keeps its state',
      'PERSONAL',
      'SCHOOL_AFFILIATED',
      'ACTIVE',
      true,
      'ACTIVE',
    ],
    [
      'personal -> affiliated, suspended with approval, stays suspended',
      'PERSONAL',
      'SCHOOL_AFFILIATED',
      'SUSPENDED',
      true,
      'SUSPENDED',
    ],
    [
      'affiliated -> personal becomes active',
      'SCHOOL_AFFILIATED',
      'PERSONAL',
      'PENDING_APPROVAL',
      false,
      'ACTIVE',
    ],
    [
      'affiliated -> personal lifts a suspension',
      'SCHOOL_AFFILIATED',
      'PERSONAL',
      'SUSPENDED',
      false,
      'ACTIVE',
    ],
    [
      'a retired account stays retired (to affiliated)',
      'PERSONAL',
      'SCHOOL_AFFILIATED',
      'RETIRED',
      false,
      'RETIRED',
    ],
    [
      'a retired account stays retired (to personal)',
      'SCHOOL_AFFILIATED',
      'PERSONAL',
      'RETIRED',
      true,
      'RETIRED',
    ],
    [
      'no change of classification changes nothing',
      'SCHOOL_AFFILIATED',
      'SCHOOL_AFFILIATED',
      'PENDING_APPROVAL',
      false,
      'PENDING_APPROVAL',
    ],
  ])('%s', (_behaviour, previous, next, state, hasApprovedAffiliation, expected) => {
    expect(
      accountStateAfterReclassification({ previous, next, state, hasApprovedAffiliation }),
    ).toBe(expected);
  });

  it.each<['APPROVED' | 'REVOKED' | 'EXPIRED', AccountState, AccountState]>([
    ['APPROVED', 'PENDING_APPROVAL', 'ACTIVE'],
    ['APPROVED', 'SUSPENDED', 'ACTIVE'],
    ['APPROVED', 'ACTIVE', 'ACTIVE'],
    ['APPROVED', 'RETIRED', 'RETIRED'],
    ['REVOKED', 'ACTIVE', 'SUSPENDED'],
    ['REVOKED', 'PENDING_APPROVAL', 'SUSPENDED'],
    ['REVOKED', 'SUSPENDED', 'SUSPENDED'],
    ['REVOKED', 'RETIRED', 'RETIRED'],
    ['EXPIRED', 'ACTIVE', 'SUSPENDED'],
    ['EXPIRED', 'PENDING_APPROVAL', 'SUSPENDED'],
    ['EXPIRED', 'RETIRED', 'RETIRED'],
  ])('an approval %s turns %s into %s', (outcome, state, expected) => {
    expect(accountStateOnApproval(outcome, state)).toBe(expected);
  });

  it('refuses to activate an affiliated account without approval, citing XXIX', () => {
    expect(
      mayActivateAccount({ classification: 'SCHOOL_AFFILIATED', hasApprovedAffiliation: false }),
    ).toMatchObject({ ok: false, code: 'POLICY_VIOLATION', sections: ['XXIX'] });
  });

  it.each<[Classification, boolean]>([
    ['SCHOOL_AFFILIATED', true],
    ['PERSONAL', false],
    ['PERSONAL', true],
  ])('activates a %s account (approved: %s)', (classification, hasApprovedAffiliation) => {
    expect(mayActivateAccount({ classification, hasApprovedAffiliation })).toEqual({ ok: true });
  });
});

describe('attentionReasons', () => {
  const now = new Date('2025-03-01T12:00:00Z');
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

  type Row = [
    behaviour: string,
    classification: Classification,
    state: AccountState,
    ownerActive: boolean,
    reclassifiedAt: Date | null,
    expected: AttentionReason[],
  ];
  it.each<Row>([
    ['an active account needs nothing', 'SCHOOL_AFFILIATED', 'ACTIVE', true, null, []],
    [
      'a pending account waits for approval',
      'SCHOOL_AFFILIATED',
      'PENDING_APPROVAL',
      true,
      null,
      ['PENDING_APPROVAL'],
    ],
    ['a suspended account', 'SCHOOL_AFFILIATED', 'SUSPENDED', true, null, ['SUSPENDED']],
    [
      'an affiliated account whose owner left needs a new owner (XI)',
      'SCHOOL_AFFILIATED',
      'ACTIVE',
      false,
      null,
      ['NEEDS_NEW_OWNER'],
    ],
    ['a retired account needs no new owner', 'SCHOOL_AFFILIATED', 'RETIRED', false, null, []],
    ['a personal account needs no new owner', 'PERSONAL', 'ACTIVE', false, null, []],
    ['re-classified today', 'SCHOOL_AFFILIATED', 'ACTIVE', true, daysAgo(0), ['RECLASSIFIED']],
    ['re-classified 30 days ago', 'PERSONAL', 'ACTIVE', true, daysAgo(30), ['RECLASSIFIED']],
    ['re-classified 31 days ago', 'PERSONAL', 'ACTIVE', true, daysAgo(31), []],
    [
      'several at once',
      'SCHOOL_AFFILIATED',
      'PENDING_APPROVAL',
      false,
      daysAgo(2),
      ['PENDING_APPROVAL', 'NEEDS_NEW_OWNER', 'RECLASSIFIED'],
    ],
  ])('%s', (_behaviour, classification, state, ownerActive, reclassifiedAt, expected) => {
    expect(attentionReasons({ classification, state, ownerActive, reclassifiedAt, now })).toEqual(
      expected,
    );
  });
});
