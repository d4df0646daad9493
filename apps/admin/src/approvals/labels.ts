import { APPROVAL_KIND_INFO, type ApprovalKind } from '@steward/domain';
import { entryName, platformLabel } from '../socialAccounts/labels';
import type { ApprovalState } from './types';

export const APPROVAL_STATE_LABELS: Record<ApprovalState, string> = {
  PENDING: 'Pending',
  APPROVED: 'Approved',
  DENIED: 'Denied',
  WITHDRAWN: 'Withdrawn',
  REVOKED: 'Revoked',
  EXPIRED: 'Expired',
};

export function kindLabel(kind: ApprovalKind | string): string {
  return APPROVAL_KIND_INFO[kind as ApprovalKind]?.label ?? kind;
}

export const KIND_CHOICES = (Object.keys(APPROVAL_KIND_INFO) as ApprovalKind[]).map((k) => ({
  id: k,
  name: kindLabel(k),
}));

export const STATE_CHOICES = (Object.keys(APPROVAL_STATE_LABELS) as ApprovalState[]).map((s) => ({
  id: s,
  name: APPROVAL_STATE_LABELS[s],
}));

/**
 * What a request is about, in words: "@RalstonFootball (X)", "north.example.org/music · Web
 * page" (other content, XXIX), or its kind for an activity.
 */
export function requestSubject(r: {
  kind: ApprovalKind | string;
  account: { handle: string; platform: string; contentKind?: string | null } | null;
}): string {
  if (r.account?.contentKind && r.account.contentKind !== 'SOCIAL_ACCOUNT') return entryName(r.account);
  if (r.account) return `@${r.account.handle} (${platformLabel(r.account.platform)})`;
  return kindLabel(r.kind).toLowerCase();
}

/**
 * A request as buttons name it for assistive technology (4.1.2, 2.4.6): "Approve" alone does
 * not say what is approved. E.g. "Derek Mbeki's request for @RalstonFootball (X)".
 */
export function requestName(r: {
  kind: ApprovalKind | string;
  account: { handle: string; platform: string; contentKind?: string | null } | null;
  requester?: { fullName: string } | null;
}): string {
  const who = r.requester?.fullName ? `${r.requester.fullName}'s request` : 'the request';
  return `${who} for ${requestSubject(r)}`;
}
