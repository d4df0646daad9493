import type { Classification } from './classification.js';
import { type Decision, refuse } from './decision.js';

/** The lifecycle of a registered social media account. */
export const ACCOUNT_STATES = ['PENDING_APPROVAL', 'ACTIVE', 'SUSPENDED', 'RETIRED'] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

/**
 * A personal account needs no one's permission; a school-affiliated one waits for it (XXIX).
 */
export function initialAccountState(classification: Classification): AccountState {
  return classification === 'SCHOOL_AFFILIATED' ? 'PENDING_APPROVAL' : 'ACTIVE';
}

/**
 * The state after the account's classification changes. A personal account that became
 * school-affiliated (IX) needs permission before use (XXIX), unless it already has it; one that
 * became personal needs none, so it is active again. A retired account stays retired.
 */
export function accountStateAfterReclassification(p: {
  previous: Classification;
  next: Classification;
  state: AccountState;
  hasApprovedAffiliation: boolean;
}): AccountState {
  if (p.state === 'RETIRED' || p.previous === p.next) return p.state;
  if (p.next === 'SCHOOL_AFFILIATED') {
    return p.hasApprovedAffiliation ? p.state : 'PENDING_APPROVAL';
  }
  return 'ACTIVE';
}

/** XXIX: a school-affiliated account may be used only with approved permission. */
export function mayActivateAccount(p: {
  classification: Classification;
  hasApprovedAffiliation: boolean;
}): Decision {
  if (p.classification === 'SCHOOL_AFFILIATED' && !p.hasApprovedAffiliation) {
    return refuse(
      'POLICY_VIOLATION',
      'A school-affiliated account can become active only after its request is approved by the ' +
        "owner's supervising administrator.",
      ['XXIX'],
    );
  }
  return { ok: true };
}

/**
 * What an approval outcome does to the account it is about: granted permission makes it active;
 * when permission is revoked or runs out, the account may no longer be used and is suspended
 * (XXIX). A retired account is not brought back.
 */
export function accountStateOnApproval(
  outcome: 'APPROVED' | 'REVOKED' | 'EXPIRED',
  state: AccountState,
): AccountState {
  if (state === 'RETIRED') return state;
  if (outcome === 'APPROVED') return 'ACTIVE';
  return state === 'ACTIVE' || state === 'PENDING_APPROVAL' ? 'SUSPENDED' : state;
}

export type AttentionReason = 'PENDING_APPROVAL' | 'SUSPENDED' | 'NEEDS_NEW_OWNER' | 'RECLASSIFIED';

/** How long a re-classified account stays flagged for its supervising administrator. */
export const RECLASSIFIED_ATTENTION_DAYS = 30;
const DAY_MS = 86_400_000;

/** Why an account needs a supervising administrator's attention, if it does. */
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
  // XI: the district keeps control of an affiliated account when its owner leaves; someone must
  // take it over (or retire it) rather than leave it with a former employee.
  if (p.classification === 'SCHOOL_AFFILIATED' && !p.ownerActive && p.state !== 'RETIRED') {
    reasons.push('NEEDS_NEW_OWNER');
  }
  if (
    p.reclassifiedAt !== null &&
    p.now.getTime() - p.reclassifiedAt.getTime() <= RECLASSIFIED_ATTENTION_DAYS * DAY_MS
  ) {
    reasons.push('RECLASSIFIED');
  }
  return reasons;
}
