import {
  grantedScope,
  isAllowed,
  MIN_EXPLANATION,
  type ModerationAction,
  type ModerationState,
  mayAttempt,
  type Role,
  transitionModeration,
  validateRemoval,
} from '@steward/domain';
import type { CaseAccount, ModerationCaseRecord } from './types';

/**
 * What the case page offers to whom, from the domain's permission matrix and state machine (the
 * same ones the API enforces, and the API refuses anyway). It only avoids offering a step the
 * API would refuse and audit as a refused attempt.
 */
export interface CaseActions {
  remove: boolean;
  dismiss: boolean;
  assign: boolean;
  addNote: boolean;
  recordQuestion: boolean;
  answer: boolean;
  restore: boolean;
  close: boolean;
  placeHold: boolean;
  releaseHold: boolean;
}

export interface Viewer {
  id: string | null;
  roles: readonly Role[];
}

/** Whether the state machine allows the step now (a written note is asked for in the dialog). */
export function stepAllowed(state: ModerationState, action: ModerationAction): boolean {
  return transitionModeration(state, action, 'x'.repeat(MIN_EXPLANATION)).ok;
}

/**
 * moderation.record on this account: its owner or an administrator of it, the owner's
 * supervising administrator, the Director of External Relations, the district admin (XXX).
 */
export function mayRecordOn(viewer: Viewer, account: CaseAccount | null | undefined): boolean {
  if (!mayAttempt(viewer.roles, 'moderation.record')) return false;
  if (grantedScope(viewer.roles, 'moderation.record') === 'DISTRICT') return true;
  if (!account || !viewer.id) return false;
  if (account.administrators?.some((a) => a.id === viewer.id)) return true;
  return isAllowed(
    viewer.roles,
    'moderation.record',
    { staffId: viewer.id, schoolId: null },
    {
      ownerId: account.owner?.id ?? null,
      ownerSupervisorId: account.owner?.supervisor?.id ?? null,
      schoolId: account.school?.id ?? null,
    },
  );
}

const WORKED: readonly ModerationState[] = ['OPEN', 'REMOVED', 'REPORTED'];

export function caseActions(
  viewer: Viewer,
  record: Pick<ModerationCaseRecord, 'state' | 'account' | 'removedAt' | 'legalHold' | 'purgedAt'> &
    Partial<Pick<ModerationCaseRecord, 'canRecord' | 'canAnswer' | 'canHold'>>,
): CaseActions {
  // The server's answer for role and scope when it gives one (it knows the account's people
  // even when the viewer may not read the account); the matrix otherwise.
  const record_ =
    typeof record.canRecord === 'boolean' ? record.canRecord : mayRecordOn(viewer, record.account);
  const answers =
    typeof record.canAnswer === 'boolean' ? record.canAnswer : mayAttempt(viewer.roles, 'moderation.answer');
  const holds =
    typeof record.canHold === 'boolean' ? record.canHold : mayAttempt(viewer.roles, 'moderation.hold');
  const removed = record.state !== 'OPEN' && record.state !== 'DISMISSED';
  return {
    remove: record_ && stepAllowed(record.state, 'REMOVE'),
    dismiss: record_ && stepAllowed(record.state, 'DISMISS'),
    assign: record_ && WORKED.includes(record.state),
    addNote: record_,
    // Questions are about a removal (XXX): recorded once content has been removed.
    recordQuestion: record_ && (removed || !!record.removedAt),
    answer: answers,
    restore: answers && stepAllowed(record.state, 'RESTORE'),
    close: record_ && stepAllowed(record.state, 'CLOSE'),
    placeHold: holds && !record.legalHold && !record.purgedAt,
    releaseHold: holds && !!record.legalHold,
  };
}

/**
 * The domain's removal check, split by field so that each error is said under its own field
 * (3.3.1): the reasons, then the explanation.
 */
export function removalErrors(
  reasons: readonly string[],
  explanation: string | null | undefined,
): { reasons: string | null; explanation: string | null } {
  const long = 'x'.repeat(MIN_EXPLANATION);
  const forReasons = validateRemoval(reasons, long);
  const forExplanation = validateRemoval(['OBSCENE'], explanation);
  return {
    reasons: forReasons.ok ? null : forReasons.message,
    explanation: forExplanation.ok ? null : forExplanation.message,
  };
}

/** Who a case may be assigned to: the account's owner and administrators, and the viewer when
 * they are the Director (XXX); the API checks it again. */
export function assigneeChoices(
  viewer: Viewer & { fullName?: string | null },
  account: CaseAccount | null | undefined,
): { id: string; name: string }[] {
  const out = new Map<string, string>();
  if (account?.owner) out.set(account.owner.id, `${account.owner.fullName} (owner)`);
  for (const a of account?.administrators ?? []) {
    if (!out.has(a.id)) out.set(a.id, `${a.fullName} (administrator)`);
  }
  if (viewer.id && viewer.roles.includes('EXTERNAL_RELATIONS') && !out.has(viewer.id)) {
    out.set(viewer.id, `${viewer.fullName ?? 'You'} (Director of External Relations)`);
  }
  return [...out].map(([id, name]) => ({ id, name }));
}
