import type { CreateParams, RaRecord } from 'react-admin';
import { graphqlRequest } from '../graphql/client';
import type { ResourceApi } from '../graphql/resource';
import type { ApprovalRequestRecord } from './types';

const ROW_FIELDS = `
  id kind state
  account { id handle platform contentKind }
  activity
  requester { id fullName email }
  approver { id fullName }
  decidedAt expiresAt createdAt
  canDecide canWithdraw canRevoke
`;

const FULL_FIELDS = `
  ${ROW_FIELDS}
  justification decisionNote version sections
  history { id action fromState toState note at actor { fullName } }
`;

export const APPROVAL_REQUEST_LIST = `
  query ApprovalRequests($filter: ApprovalRequestFilter, $page: PageInput) {
    approvalRequests(filter: $filter, page: $page) {
      items { ${ROW_FIELDS} }
      total
    }
  }
`;

export const APPROVAL_REQUEST_ONE = `
  query ApprovalRequest($id: ID!) {
    approvalRequest(id: $id) { ${FULL_FIELDS} }
  }
`;

export const SUBMIT_APPROVAL_REQUEST = `
  mutation SubmitApprovalRequest($input: SubmitApprovalRequestInput!) {
    submitApprovalRequest(input: $input) { ${FULL_FIELDS} }
  }
`;

export const DECIDE_APPROVAL_REQUEST = `
  mutation DecideApprovalRequest($id: ID!, $decision: ApprovalDecision!, $note: String) {
    decideApprovalRequest(id: $id, decision: $decision, note: $note) { ${FULL_FIELDS} }
  }
`;

export const WITHDRAW_APPROVAL_REQUEST = `
  mutation WithdrawApprovalRequest($id: ID!) {
    withdrawApprovalRequest(id: $id) { ${FULL_FIELDS} }
  }
`;

export const REVOKE_APPROVAL = `
  mutation RevokeApproval($id: ID!, $note: String!) {
    revokeApproval(id: $id, note: $note) { ${FULL_FIELDS} }
  }
`;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/**
 * A date picked in the form ("2026-06-30") lapses at the end of that day, local time; the API
 * takes a full timestamp.
 */
export function expiresAtInput(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  const day = text(value);
  if (!day) return null;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T23:59:59`) : new Date(day);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Form values -> SubmitApprovalRequestInput. */
export function submitInput(data: Record<string, unknown>): Record<string, unknown> {
  return {
    kind: data.kind,
    accountId: text(data.accountId),
    activity: text(data.activity),
    justification: text(data.justification) ?? '',
    expiresAt: expiresAtInput(data.expiresAt),
  };
}

function normalize(record: Record<string, unknown>): RaRecord {
  const account = record.account as { id?: string } | null | undefined;
  return { ...record, accountId: account?.id ?? null } as unknown as RaRecord;
}

export const approvalRequestsApi: ResourceApi = {
  list: {
    query: APPROVAL_REQUEST_LIST,
    field: 'approvalRequests',
    filters: ['state', 'kind', 'waitingForMe', 'requesterId', 'accountId'],
    // The API lists newest first and takes no sort argument.
  },
  one: { query: APPROVAL_REQUEST_ONE, field: 'approvalRequest' },
  create: {
    query: SUBMIT_APPROVAL_REQUEST,
    field: 'submitApprovalRequest',
    variables: (params: CreateParams) => ({ input: submitInput(params.data) }),
  },
  normalize,
};

type Result = Promise<{ data: ApprovalRequestRecord }>;

/** The inbox actions (XIX, XXII, XXIX); the API checks who may take each and when. */
export const approvalMethods = {
  async decideApprovalRequest(params: {
    id: string;
    decision: 'APPROVE' | 'DENY';
    note?: string | null;
  }): Result {
    const data = await graphqlRequest<{ decideApprovalRequest: Record<string, unknown> }>(
      DECIDE_APPROVAL_REQUEST,
      { id: params.id, decision: params.decision, note: text(params.note) },
    );
    return { data: normalize(data.decideApprovalRequest) as ApprovalRequestRecord };
  },
  async withdrawApprovalRequest(params: { id: string }): Result {
    const data = await graphqlRequest<{ withdrawApprovalRequest: Record<string, unknown> }>(
      WITHDRAW_APPROVAL_REQUEST,
      { id: params.id },
    );
    return { data: normalize(data.withdrawApprovalRequest) as ApprovalRequestRecord };
  },
  async revokeApproval(params: { id: string; note: string }): Result {
    const data = await graphqlRequest<{ revokeApproval: Record<string, unknown> }>(
      REVOKE_APPROVAL,
      { id: params.id, note: params.note.trim() },
    );
    return { data: normalize(data.revokeApproval) as ApprovalRequestRecord };
  },
};

export type ApprovalMethods = typeof approvalMethods;
