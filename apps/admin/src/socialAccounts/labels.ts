import {
  AFFILIATED_CONTENT_KIND_INFO,
  AFFILIATED_CONTENT_KINDS,
  type AffiliatedContentKind,
  AFFILIATION_SIGNALS,
  type AccountState,
  type AffiliationReviewStatus,
  type AttentionReason,
  PLATFORMS,
  SIGNAL_INFO,
  type AffiliationSignal,
  type Classification,
  type Platform,
} from '@steward/domain';

/** The words the policy uses: "School-Affiliated Account" and "Personal Account" (VIII, IX). */
export const CLASSIFICATION_LABELS: Record<Classification, string> = {
  PERSONAL: 'Personal',
  SCHOOL_AFFILIATED: 'School-affiliated',
};

export const ACCOUNT_STATE_LABELS: Record<AccountState, string> = {
  PENDING_APPROVAL: 'Pending approval',
  ACTIVE: 'Active',
  SUSPENDED: 'Suspended',
  RETIRED: 'Retired',
};

export const ATTENTION_LABELS: Record<AttentionReason, string> = {
  PENDING_APPROVAL: 'Awaiting approval',
  SUSPENDED: 'Suspended',
  NEEDS_NEW_OWNER: 'Needs a new owner',
  RECLASSIFIED: 'Reclassified',
  AFFILIATION_REVIEW: 'Classification review',
};

export const REVIEW_STATUS_LABELS: Record<AffiliationReviewStatus, string> = {
  PENDING: 'Waiting for the supervising administrator',
  CONFIRMED_PERSONAL: 'Confirmed personal',
  APPLIED: 'Signals applied',
};

const PLATFORM_NAMES: Partial<Record<string, string>> = {
  FACEBOOK: 'Facebook',
  INSTAGRAM: 'Instagram',
  X: 'X',
  TIKTOK: 'TikTok',
  YOUTUBE: 'YouTube',
  LINKEDIN: 'LinkedIn',
  THREADS: 'Threads',
  BLUESKY: 'Bluesky',
  WEB: 'Website',
  OTHER: 'Other',
};

export function platformLabel(platform: Platform | string): string {
  return PLATFORM_NAMES[platform] ?? platform;
}

export const PLATFORM_CHOICES = PLATFORMS.map((p) => ({ id: p, name: platformLabel(p) }));

/** The kinds of register entry (XXIX), in the domain's words. */
export function contentKindLabel(kind: AffiliatedContentKind | string | null | undefined): string {
  if (!kind) return AFFILIATED_CONTENT_KIND_INFO.SOCIAL_ACCOUNT.label;
  return AFFILIATED_CONTENT_KIND_INFO[kind as AffiliatedContentKind]?.label ?? kind;
}

export const CONTENT_KIND_CHOICES = AFFILIATED_CONTENT_KINDS.map((k) => ({
  id: k,
  name: contentKindLabel(k),
}));

/** A web page (or other content) is known by its address; the rest by their handle. */
export function identifiedByAddress(kind: AffiliatedContentKind | string | null | undefined): boolean {
  return AFFILIATED_CONTENT_KIND_INFO[kind as AffiliatedContentKind]?.identifiedBy === 'URL';
}

/**
 * How an entry is named in lists, titles and buttons: "@rams_band · Instagram" for an account,
 * "north.example.org/music · Web page" for a web page (it has no @handle).
 */
export function entryName(r: {
  contentKind?: AffiliatedContentKind | string | null;
  handle: string;
  platform: Platform | string;
}): string {
  if (identifiedByAddress(r.contentKind)) return `${r.handle} · ${contentKindLabel(r.contentKind)}`;
  const kind = r.contentKind && r.contentKind !== 'SOCIAL_ACCOUNT' ? ` ${contentKindLabel(r.contentKind).toLowerCase()}` : '';
  return `@${r.handle} · ${platformLabel(r.platform)}${kind}`;
}

/**
 * The label of a signal's checkbox: the domain's words, except for the staff position. The form
 * is filled in by the account's owner, who must read that one as being about them ("my
 * position"), whatever the domain's wording of the policy's "prominently lists their position"
 * (IX) is at the time.
 */
export function signalLabel(signal: AffiliationSignal): string {
  if (signal === 'LISTS_STAFF_POSITION') return 'Lists my position with the district';
  return SIGNAL_INFO[signal]?.label ?? signal;
}

export const SIGNAL_CHOICES = AFFILIATION_SIGNALS.map((s) => ({ id: s, name: signalLabel(s) }));

export function choicesOf<T extends string>(labels: Record<T, string>) {
  return (Object.keys(labels) as T[]).map((id) => ({ id, name: labels[id] }));
}
