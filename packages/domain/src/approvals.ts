import type { SectionId } from './catalog.js';
import type { AffiliationSignal, Classification } from './classification.js';
import { type Decision, refuse } from './decision.js';
import type { Role } from './permissions.js';
import { type RuleDeclaration, SCREENS } from './rules.js';

/**
 * Approval requests: the permissions the policy makes staff obtain from their supervising
 * administrator before acting (XIX, XXII, XXIX), as a small state machine with a fixed approver.
 */
export const APPROVAL_KINDS = [
  'AFFILIATED_ACCOUNT',
  'DISTRICT_BRANDING',
  'INSTRUCTIONAL_USE',
] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

export const APPROVAL_KIND_INFO: Record<
  ApprovalKind,
  { label: string; sections: SectionId[]; description: string }
> = {
  AFFILIATED_ACCOUNT: {
    label: 'School-affiliated account or content',
    sections: ['VIII', 'IX', 'XXIX'],
    description:
      'Creating, publishing or using a school-affiliated account or other school-related ' +
      'content needs prior permission from the supervising administration (XXIX); VIII and IX ' +
      'say which accounts are school-affiliated.',
  },
  DISTRICT_BRANDING: {
    label: "Use of the district's name, programs, mascot or image",
    sections: ['XIX', 'XXIX'],
    description:
      "Using the district's name, programs, mascot, image or likeness on any account, personal " +
      "or school-affiliated, needs the supervising administrator's permission (XIX, XXIX).",
  },
  INSTRUCTIONAL_USE: {
    label: 'Instructional use of social media',
    sections: ['XXII'],
    description:
      "Using social media for teaching needs the supervising administrator's approval " +
      'beforehand (XXII).',
  },
};

export const APPROVAL_STATES = [
  'PENDING',
  'APPROVED',
  'DENIED',
  'WITHDRAWN',
  'REVOKED',
  'EXPIRED',
] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

export const APPROVAL_ACTIONS = ['APPROVE', 'DENY', 'WITHDRAW', 'REVOKE', 'EXPIRE'] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];

/** The sections that make a supervising administrator's permission necessary. */
const APPROVAL_SECTIONS: SectionId[] = ['XIX', 'XXII', 'XXIX'];

/**
 * From state, by action, to state. A decision is final: a denied request is not reopened (the
 * requester submits a new one), and only a granted permission can later be revoked or run out.
 */
const TRANSITIONS: Record<ApprovalState, Partial<Record<ApprovalAction, ApprovalState>>> = {
  PENDING: { APPROVE: 'APPROVED', DENY: 'DENIED', WITHDRAW: 'WITHDRAWN', EXPIRE: 'EXPIRED' },
  APPROVED: { REVOKE: 'REVOKED', EXPIRE: 'EXPIRED' },
  DENIED: {},
  WITHDRAWN: {},
  REVOKED: {},
  EXPIRED: {},
};

/** Saying no must say why, so the requester knows what to change (or what to stop doing). */
const NOTE_REQUIRED: ReadonlySet<ApprovalAction> = new Set(['DENY', 'REVOKE']);

const PARTICIPLE: Record<ApprovalAction, string> = {
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
      `An approval request that is ${state} cannot be ${PARTICIPLE[action]}.`,
      APPROVAL_SECTIONS,
    );
  }
  if (NOTE_REQUIRED.has(action) && !note?.trim()) {
    return refuse(
      'NOTE_REQUIRED',
      action === 'DENY'
        ? 'Say why the request is denied, so the requester knows what to change.'
        : 'Say why the approval is revoked, so the requester knows what to stop doing.',
      APPROVAL_SECTIONS,
    );
  }
  return { ok: true, state: next };
}

/** No action leads out of a terminal state. */
export function isTerminal(state: ApprovalState): boolean {
  return allowedActions(state).length === 0;
}

/** The actions that are legal from `state`, in APPROVAL_ACTIONS order. */
export function allowedActions(state: ApprovalState): ApprovalAction[] {
  return APPROVAL_ACTIONS.filter((action) => TRANSITIONS[state][action] !== undefined);
}

/**
 * Who decides a request: the requester's supervising administrator (XIX, XXII, XXIX). When the
 * requester has none, or is recorded as their own supervisor, the first district administrator
 * other than the requester decides instead (`fallback`). `approverId` is null when no one can.
 */
export function resolveApprover(p: {
  requesterId: string;
  requesterSupervisorId: string | null;
  districtAdminIds: readonly string[];
}): { approverId: string | null; fallback: boolean } {
  if (p.requesterSupervisorId && p.requesterSupervisorId !== p.requesterId) {
    return { approverId: p.requesterSupervisorId, fallback: false };
  }
  const admin = p.districtAdminIds.find((id) => id !== p.requesterId);
  return { approverId: admin ?? null, fallback: true };
}

/**
 * Whether the person recorded as someone's supervising administrator can act as one: still
 * active, and holding SUPERVISOR (or DISTRICT_ADMIN), which `mayDecideApproval` and the
 * permission matrix ask for. Anyone else (a colleague recorded as supervisor by the SIS, someone
 * who has left) could never decide, and what waits for them would wait forever, so a district
 * administrator decides instead (`resolveApprover`'s fallback).
 */
export function canActAsSupervisor(
  s: { active: boolean; roles: readonly Role[] } | null | undefined,
): boolean {
  return !!s && s.active && (s.roles.includes('SUPERVISOR') || s.roles.includes('DISTRICT_ADMIN'));
}

/**
 * Whether `deciderId` may decide (approve or deny) or revoke a request. Permission the policy
 * asks for is someone else's to give, so no one decides their own request, not even a district
 * administrator (XIX, XXII, XXIX).
 */
export function mayDecideApproval(p: {
  deciderId: string;
  deciderRoles: readonly Role[];
  requesterId: string;
  requesterSupervisorId: string | null;
}): Decision {
  if (p.deciderId === p.requesterId) {
    return refuse(
      'SELF_DECISION',
      'No one can decide their own request; it goes to their supervising administrator.',
      APPROVAL_SECTIONS,
    );
  }
  if (p.deciderRoles.includes('DISTRICT_ADMIN')) return { ok: true };
  if (p.deciderRoles.includes('SUPERVISOR') && p.requesterSupervisorId === p.deciderId) {
    return { ok: true };
  }
  return refuse(
    'NOT_APPROVER',
    "Only the requester's supervising administrator, or a district administrator, can decide " +
      'this request.',
    APPROVAL_SECTIONS,
  );
}

/**
 * The permissions an account needs, from its classification and signals: every
 * school-affiliated account (XXIX), and also any use of the district's name or mascot (XIX),
 * which applies to personal accounts too.
 */
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

/** This module's rules, for the policy coverage map (coverage.ts). */
export const APPROVAL_RULES: readonly RuleDeclaration[] = [
  {
    id: 'approvals.requests',
    name:
      'Permission is asked for with an approval request of a kind (school-affiliated account or ' +
      "content, district name or mascot, instructional use); saying no needs a note, and only a " +
      'granted permission can be revoked or run out',
    sections: ['XIX', 'XXII', 'XXIX'],
    kind: 'WORKFLOW',
    functions: ['transitionApproval', 'allowedActions', 'requiredApprovalKinds'],
    operations: [
      'submitApprovalRequest',
      'decideApprovalRequest',
      'withdrawApprovalRequest',
      'revokeApproval',
    ],
    screen: SCREENS.approvals,
    tests: 'approvals.test.ts',
  },
  {
    id: 'approvals.mayDecideApproval',
    name:
      "Only the requester's supervising administrator (a district administrator as fallback) " +
      'decides a request, and no one decides their own',
    sections: ['XIX', 'XXII', 'XXIX'],
    kind: 'ENFORCED',
    functions: ['mayDecideApproval', 'resolveApprover'],
    operations: ['submitApprovalRequest', 'decideApprovalRequest', 'revokeApproval'],
    screen: SCREENS.approvals,
    tests: 'approvals.test.ts',
  },
];
