import {
  AFFILIATION_SIGNALS,
  classifyAccount,
  requiredApprovalKinds,
  suggestAffiliationSignals,
  type AffiliationSignal,
} from '@steward/domain';
import type { DistrictProfile } from '../organization/queries';

export interface PreviewInput {
  handle?: unknown;
  displayName?: unknown;
  bio?: unknown;
  signals?: unknown;
}

const asText = (value: unknown): string => (typeof value === 'string' ? value : '');

export function ticked(signals: unknown): AffiliationSignal[] {
  if (!Array.isArray(signals)) return [];
  return AFFILIATION_SIGNALS.filter((s) => signals.includes(s));
}

/**
 * What the form shows while it is being filled: the decision for the ticked signals (the same
 * domain function the API runs when saving: VIII, IX) and the signals the profile text suggests
 * (IX, XIX, XXIX), and the approvals the account will need (XIX, XXIX). Suggestions already
 * ticked are left out; STRONG ones may be applied in one click, the others only prompt the owner
 * to consider them.
 */
export function previewClassification(input: PreviewInput, profile: DistrictProfile | undefined) {
  const signals = ticked(input.signals);
  const decision = classifyAccount(signals);
  const suggestions = profile
    ? suggestAffiliationSignals(
        {
          handle: asText(input.handle),
          displayName: asText(input.displayName),
          bio: asText(input.bio),
        },
        profile,
      ).suggestions.filter((s) => !signals.includes(s.signal))
    : [];
  const approvals = requiredApprovalKinds(decision.classification, signals);
  // The API flags a personal account whose text strongly suggests a signal for the supervising
  // administrator's review (domain `affiliationReviewAfterSave`); the owner is told before saving.
  const willBeReviewed =
    decision.classification === 'PERSONAL' && suggestions.some((s) => s.confidence === 'STRONG');
  return { signals, decision, suggestions, approvals, willBeReviewed };
}

export type Preview = ReturnType<typeof previewClassification>;
