import { APPROVAL_KIND_INFO, type ApprovalKind } from '@steward/domain';
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
