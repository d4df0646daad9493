import type { Classification } from './classification.js';
import { type Decision, refuse } from './decision.js';

/** Lifecycle of a registered account. */
export const ACCOUNT_STATES = ['PENDING_APPROVAL', 'ACTIVE', 'SUSPENDED', 'RETIRED'] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

/** XXIX: a school-affiliated account waits for permission; a personal one needs none. */
export function initialAccountState(classification: Classification): AccountState {
  return classification === 'SCHOOL_AFFILIATED' ? 'PENDING_APPROVAL' : 'ACTIVE';
}

export function accountStateAfterReclassification(p: {
  previous: Classification;
  next: Classification;
  state: AccountState;
  hasApprovedAffiliation: boolean;
}): AccountState {
  if (p.state === 'RETIRED' || p.previous === p.next) return p.state;
  if (p.next === 'SCHOOL_AFFILIATED') {
    // IX: it has become affiliated, so XXIX's permission is needed unless already granted.
    return p.hasApprovedAffiliation ? p.state : 'PENDING_APPROVAL';
  }
  return 'ACTIVE';
}

export function mayActivateAccount(p: {
  classification: Classification;
  hasApprovedAffiliation: boolean;
}): Decision {
  if (p.classification === 'SCHOOL_AFFILIATED' && !p.hasApprovedAffiliation) {
    return refuse(
      'POLICY_VIOLATION',
      'A school-affiliated account becomes active only once its request is approved.',
      ['XXIX'],
    );
  }
  return { ok: true };
}

/** What an approval outcome does to the account it is about. */
export function accountStateOnApproval(
  outcome: 'APPROVED' | 'REVOKED' | 'EXPIRED',
  state: AccountState,
): AccountState {
  if (state === 'RETIRED') return state;
  if (outcome === 'APPROVED') return 'ACTIVE';
  return state === 'ACTIVE' || state === 'PENDING_APPROVAL' ? 'SUSPENDED' : state;
}

export type AttentionReason = 'PENDING_APPROVAL' | 'SUSPENDED' | 'NEEDS_NEW_OWNER' | 'RECLASSIFIED';

/** How long a re-classification stays flagged to the supervisor. */
export const RECLASSIFIED_ATTENTION_DAYS = 30;

export function attentionReasons(p: {
  classification: Classification;
  state: AccountState;
  ownerActive: boolean;
  reclassifiedAt: Date | null;
  now: Date;
}): AttentionReason[] {
  const reasons: AttentionReason[] = [];
  if (p.state === 'PENDING_APPROVAL') reasons.push('PENDING_APPROVAL');
  if (p.state === 'SUSPENDED') reasons.push('SUSPENDED');
  // XI: when the owner leaves, the supervisor keeps the credentials and must hand the account on.
  if (p.classification === 'SCHOOL_AFFILIATED' && !p.ownerActive && p.state !== 'RETIRED') {
    reasons.push('NEEDS_NEW_OWNER');
  }
  if (
    p.reclassifiedAt &&
    p.now.getTime() - p.reclassifiedAt.getTime() <= RECLASSIFIED_ATTENTION_DAYS * 86_400_000
  ) {
    reasons.push('RECLASSIFIED');
  }
  return reasons;
}
