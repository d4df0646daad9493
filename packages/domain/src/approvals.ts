import type { SectionId } from './catalog.js';
import type { AffiliationSignal, Classification } from './classification.js';
import { type Decision, refuse } from './decision.js';
import type { Role } from './permissions.js';

/** The permissions the policy requires, and the sections requiring them. */
export const APPROVAL_KINDS = ['AFFILIATED_ACCOUNT', 'DISTRICT_BRANDING', 'INSTRUCTIONAL_USE'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

export const APPROVAL_KIND_INFO: Record<ApprovalKind, { label: string; sections: SectionId[]; description: string }> = {
  AFFILIATED_ACCOUNT: {
    label: 'School-affiliated account or content',
    sections: ['VIII', 'IX', 'XXIX'],
    description: 'Creating, publishing or using school-affiliated content or accounts needs prior permission (XXIX).',
  },
  DISTRICT_BRANDING: {
    label: "Use of the district's name, programs, mascot or image",
    sections: ['XIX', 'XXIX'],
    description: "Using the district's name, programs, mascot, image or likeness on any account needs the supervising administrator's permission (XIX).",
  },
  INSTRUCTIONAL_USE: {
    label: 'Instructional use of social media',
    sections: ['XXII'],
    description: "Using social media for instruction needs the supervising administrator's prior approval (XXII).",
  },
};

export const APPROVAL_STATES = ['PENDING', 'APPROVED', 'DENIED', 'WITHDRAWN', 'REVOKED', 'EXPIRED'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

export const APPROVAL_ACTIONS = ['APPROVE', 'DENY', 'WITHDRAW', 'REVOKE', 'EXPIRE'] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

const DECIDING_SECTIONS: SectionId[] = ['XIX', 'XXII', 'XXIX'];

/** The state machine: from state, action -> next state. Everything else is illegal. */
const TRANSITIONS: Record<ApprovalState, Partial<Record<ApprovalAction, ApprovalState>>> = {
  PENDING: { APPROVE: 'APPROVED', DENY: 'DENIED', WITHDRAW: 'WITHDRAWN', EXPIRE: 'EXPIRED' },
  APPROVED: { REVOKE: 'REVOKED', EXPIRE: 'EXPIRED' },
  DENIED: {},
  WITHDRAWN: {},
  REVOKED: {},
  EXPIRED: {},
};

/** Denying and revoking must say why, so the requester learns what to change. */
const NOTE_REQUIRED: ReadonlySet<ApprovalAction> = new Set(['DENY', 'REVOKE']);

const VERB: Record<ApprovalAction, string> = {
  APPROVE: 'approved',
  DENY: 'denied',
  WITHDRAW: 'withdrawn',
  REVOKE: 'revoked',
  EXPIRE: 'expired',
};

export function transitionApproval(
  state: ApprovalState,
  action: ApprovalAction,
  note?: string | null,
): Decision<{ state: ApprovalState }> {
  const next = TRANSITIONS[state]?.[action];
  if (!next) {
    return refuse(
      'ILLEGAL_TRANSITION',
      `An approval request that is ${state} cannot be ${VERB[action]}.`,
      DECIDING_SECTIONS,
    );
  }
  if (NOTE_REQUIRED.has(action) && !note?.trim()) {
    return refuse(
      'NOTE_REQUIRED',
      `A note is required to ${action === 'DENY' ? 'deny a request' : 'revoke an approval'}.`,
      DECIDING_SECTIONS,
    );
  }
  return { ok: true, state: next };
}

export function isTerminal(state: ApprovalState): boolean {
  return Object.keys(TRANSITIONS[state]).length === 0;
}

export function allowedActions(state: ApprovalState): ApprovalAction[] {
  return APPROVAL_ACTIONS.filter((a) => TRANSITIONS[state][a] !== undefined);
}

/** The approver: the requester's supervising administrator, else a district admin (fallback). */
export function resolveApprover(p: {
  requesterId: string;
  requesterSupervisorId: string | null;
  districtAdminIds: readonly string[];
}): { approverId: string | null; fallback: boolean } {
  if (p.requesterSupervisorId && p.requesterSupervisorId !== p.requesterId) {
    return { approverId: p.requesterSupervisorId, fallback: false };
  }
  const admin = p.districtAdminIds.find((id) => id !== p.requesterId);
  return admin ? { approverId: admin, fallback: true } : { approverId: null, fallback: true };
}

/** Who may decide (or revoke) a request: never its requester (XIX, XXII, XXIX). */
export function mayDecideApproval(p: {
  deciderId: string;
  deciderRoles: readonly Role[];
  requesterId: string;
  requesterSupervisorId: string | null;
}): Decision {
  if (p.deciderId === p.requesterId) {
    return refuse('SELF_DECISION', 'No one decides their own request.', DECIDING_SECTIONS);
  }
  if (p.deciderRoles.includes('DISTRICT_ADMIN')) return { ok: true };
  if (p.deciderRoles.includes('SUPERVISOR') && p.requesterSupervisorId === p.deciderId) {
    return { ok: true };
  }
  return refuse(
    'NOT_APPROVER',
    "Only the requester's supervising administrator (or the district admin) decides this request.",
    DECIDING_SECTIONS,
  );
}

/** The approvals an account needs, from its classification and signals. */
export function requiredApprovalKinds(
  classification: Classification,
  signals: readonly AffiliationSignal[],
): ApprovalKind[] {
  const kinds: ApprovalKind[] = [];
  if (classification === 'SCHOOL_AFFILIATED') kinds.push('AFFILIATED_ACCOUNT');
  if (signals.includes('USES_DISTRICT_NAME') || signals.includes('USES_MASCOT_OR_IMAGE')) {
    kinds.push('DISTRICT_BRANDING');
  }
  return kinds;
}
