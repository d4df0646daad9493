import type { ApprovalKind, ApprovalState, SectionId } from '@steward/domain';

export type { ApprovalState };

export interface ApprovalHistoryEntry {
  id: string;
  action: string;
  fromState: ApprovalState | null;
  toState: ApprovalState;
  note: string | null;
  at: string;
  actor: { fullName: string } | null;
}

export interface ApprovalRequestRecord {
  id: string;
  kind: ApprovalKind;
  state: ApprovalState;
  account: { id: string; handle: string; platform: string; contentKind?: string } | null;
  accountId: string | null;
  activity: string | null;
  justification?: string;
  requester: { id: string; fullName: string; email: string };
  approver: { id: string; fullName: string } | null;
  decisionNote?: string | null;
  decidedAt: string | null;
  expiresAt: string | null;
  version?: number;
  sections?: SectionId[];
  createdAt: string;
  // The server says what the viewer may do now (role, scope, state and "not your own").
  canDecide: boolean;
  canWithdraw: boolean;
  canRevoke: boolean;
  history?: ApprovalHistoryEntry[];
}
