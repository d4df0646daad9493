import { REMOVAL_REASONS, type RemovalReason } from '@steward/domain';
import type { CreateParams, RaRecord } from 'react-admin';
import { graphqlRequest } from '../graphql/client';
import type { ResourceApi } from '../graphql/resource';
import type {
  CaseNoteVisibility,
  ContentKind,
  EvidenceVerification,
  ModerationCaseRecord,
  ModerationStateCount,
  RecordRemovalValues,
} from './types';

const STAFF = 'id fullName';

// The account with what decides who may act on it (owner, their supervisor, administrators).
const ACCOUNT_FIELDS = `
  id handle platform
  owner { id fullName supervisor { id } }
  administrators { ${STAFF} }
  school { id name }
`;

const SNAPSHOT_FIELDS = `
  kind platformContentId authorName authorHandle text mediaUrls permalink postedAt capturedAt
  capturedBy { ${STAFF} }
`;

const NOTICE_FIELDS = 'purpose recipientEmail status attempts lastError deliveredAt';

const ROW_FIELDS = `
  id state evidenceDigest explanation decisionNote
  account { ${ACCOUNT_FIELDS} }
  accountHandle accountPlatform
  canRecord canAnswer canHold
  snapshot { ${SNAPSHOT_FIELDS} }
  reasons { reason section label }
  assignee { ${STAFF} }
  openedBy { ${STAFF} }
  openedAt removedAt reportedAt closedAt dueAt overdue
  notices { ${NOTICE_FIELDS} }
`;

const FULL_FIELDS = `
  ${ROW_FIELDS}
  removedBy { ${STAFF} }
  questions {
    id askerName askerContact question askedAt answer answeredAt
    recordedBy { ${STAFF} } answeredBy { ${STAFF} }
  }
  notes { id body visibility createdAt author { ${STAFF} } }
  triage { reason section why excerpt }
  retentionUntil purgedAt version updatedAt
  legalHold { reason placedAt placedBy { ${STAFF} } }
`;

export const MODERATION_CASE_LIST = `
  query ModerationCases($filter: ModerationCaseFilter, $page: PageInput) {
    moderationCases(filter: $filter, page: $page) {
      items { ${ROW_FIELDS} }
      total
    }
  }
`;

export const MODERATION_CASE_COUNTS = `
  query ModerationCaseCounts($filter: ModerationCaseFilter) {
    moderationCaseCounts(filter: $filter) { state count }
  }
`;

export const MODERATION_CASE_ONE = `
  query ModerationCase($id: ID!) {
    moderationCase(id: $id) { ${FULL_FIELDS} }
  }
`;

export const VERIFY_EVIDENCE = `
  query VerifyEvidence($caseId: ID!) {
    verifyEvidence(caseId: $caseId) {
      caseId intact purged algorithm storedDigest computedDigest checkedAt
    }
  }
`;

/** School-affiliated accounts the viewer may see, with who may record on each (XXX). */
export const RECORDABLE_ACCOUNTS = `
  query RecordableAccounts($page: PageInput) {
    socialAccounts(filter: { classification: SCHOOL_AFFILIATED }, page: $page) {
      items { ${ACCOUNT_FIELDS} classification state displayName }
      total
    }
  }
`;

export const OPEN_MODERATION_CASE = `
  mutation OpenModerationCase($input: OpenModerationCaseInput!) {
    openModerationCase(input: $input) { ${FULL_FIELDS} }
  }
`;

export const REMOVE_MODERATED_CONTENT = `
  mutation RemoveModeratedContent($caseId: ID!, $reasons: [RemovalReason!]!, $explanation: String!) {
    removeModeratedContent(caseId: $caseId, reasons: $reasons, explanation: $explanation) { ${FULL_FIELDS} }
  }
`;

export const DISMISS_MODERATION_CASE = `
  mutation DismissModerationCase($caseId: ID!, $note: String!) {
    dismissModerationCase(caseId: $caseId, note: $note) { ${FULL_FIELDS} }
  }
`;

export const ASSIGN_MODERATION_CASE = `
  mutation AssignModerationCase($caseId: ID!, $assigneeId: ID) {
    assignModerationCase(caseId: $caseId, assigneeId: $assigneeId) { ${FULL_FIELDS} }
  }
`;

export const ADD_CASE_NOTE = `
  mutation AddCaseNote($caseId: ID!, $body: String!, $visibility: CaseNoteVisibility!) {
    addCaseNote(caseId: $caseId, body: $body, visibility: $visibility) { ${FULL_FIELDS} }
  }
`;

export const ASK_ABOUT_REMOVAL = `
  mutation AskAboutRemoval($caseId: ID!, $input: RemovalQuestionInput!) {
    askAboutRemoval(caseId: $caseId, input: $input) { ${FULL_FIELDS} }
  }
`;

export const ANSWER_REMOVAL_QUESTION = `
  mutation AnswerRemovalQuestion($questionId: ID!, $answer: String!) {
    answerRemovalQuestion(questionId: $questionId, answer: $answer) { ${FULL_FIELDS} }
  }
`;

export const RESTORE_MODERATED_CONTENT = `
  mutation RestoreModeratedContent($caseId: ID!, $note: String!) {
    restoreModeratedContent(caseId: $caseId, note: $note) { ${FULL_FIELDS} }
  }
`;

export const CLOSE_MODERATION_CASE = `
  mutation CloseModerationCase($caseId: ID!, $note: String) {
    closeModerationCase(caseId: $caseId, note: $note) { ${FULL_FIELDS} }
  }
`;

export const PLACE_LEGAL_HOLD = `
  mutation PlaceLegalHold($caseId: ID!, $reason: String!) {
    placeLegalHold(caseId: $caseId, reason: $reason) { ${FULL_FIELDS} }
  }
`;

export const RELEASE_LEGAL_HOLD = `
  mutation ReleaseLegalHold($caseId: ID!, $reason: String!) {
    releaseLegalHold(caseId: $caseId, reason: $reason) { ${FULL_FIELDS} }
  }
`;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

const KINDS: readonly ContentKind[] = ['POST', 'COMMENT', 'REPLY', 'MESSAGE'];

/** Media addresses from the form's text area: one per line (or comma), each once, blanks dropped. */
export function mediaUrlsInput(value: RecordRemovalValues['mediaUrls']): string[] {
  const parts = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[\n,]/) : [];
  return [...new Set(parts.map((p) => (typeof p === 'string' ? p.trim() : '')).filter(Boolean))];
}

/**
 * A `datetime-local` value ("2026-11-20T18:45", the viewer's time) as a full timestamp; empty or
 * invalid means "not known" (null).
 */
export function postedAtInput(value: RecordRemovalValues['postedAt']): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  const raw = text(value);
  if (!raw) return null;
  const date = new Date(raw);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Form values -> OpenModerationCaseInput. The handle is kept without a leading "@". */
export function openCaseInput(values: RecordRemovalValues) {
  const kind = KINDS.includes(values.kind as ContentKind) ? (values.kind as ContentKind) : 'COMMENT';
  return {
    accountId: String(values.accountId ?? ''),
    snapshot: {
      kind,
      platformContentId: text(values.platformContentId) ?? '',
      authorName: text(values.authorName),
      authorHandle: text(values.authorHandle)?.replace(/^@+/, '') ?? null,
      // The text is evidence: kept exactly as pasted (no trimming inside), only the ends.
      text: typeof values.text === 'string' ? values.text.trim() : '',
      mediaUrls: mediaUrlsInput(values.mediaUrls),
      permalink: text(values.permalink),
      postedAt: postedAtInput(values.postedAt),
    },
  };
}

/** The chosen reasons in the policy's order, each once (the API refuses any other). */
export function reasonsInput(values: readonly unknown[] | null | undefined): RemovalReason[] {
  const chosen = new Set((values ?? []).filter((v): v is string => typeof v === 'string'));
  return REMOVAL_REASONS.filter((r) => chosen.has(r));
}

function normalize(record: Record<string, unknown>): RaRecord {
  const account = record.account as { id?: string; school?: { id?: string } | null } | null | undefined;
  return {
    ...record,
    accountId: account?.id ?? null,
    schoolId: account?.school?.id ?? null,
  } as unknown as RaRecord;
}

/** The queue's filter keys, as ModerationCaseFilter names them. */
export const CASE_FILTERS = [
  'state',
  'accountId',
  'schoolId',
  'reason',
  'assignedToMe',
  'unassigned',
  'overdue',
] as const;

export const moderationCasesApi: ResourceApi = {
  list: {
    query: MODERATION_CASE_LIST,
    field: 'moderationCases',
    filters: CASE_FILTERS,
    // The API orders the queue (unassigned and overdue first, then newest) and takes no sort.
  },
  one: { query: MODERATION_CASE_ONE, field: 'moderationCase' },
  create: {
    query: OPEN_MODERATION_CASE,
    field: 'openModerationCase',
    variables: (params: CreateParams) => ({ input: openCaseInput(params.data) }),
  },
  normalize,
};

type Result = Promise<{ data: ModerationCaseRecord }>;

async function caseMutation(query: string, field: string, variables: Record<string, unknown>): Result {
  const data = await graphqlRequest<Record<string, Record<string, unknown>>>(query, variables);
  return { data: normalize(data[field] ?? {}) as unknown as ModerationCaseRecord };
}

/** Filter values of the queue without `state` (the counts are per state). */
export function countsFilter(filter: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of CASE_FILTERS) {
    if (key === 'state') continue;
    const value = filter?.[key];
    if (value === undefined || value === null || value === '' || value === false) continue;
    out[key] = value;
  }
  return out;
}

export interface RecordableAccount {
  id: string;
  handle: string;
  platform: string;
  displayName: string | null;
  classification: string;
  state: string;
  owner: { id: string; fullName: string; supervisor: { id: string } | null } | null;
  administrators: { id: string; fullName: string }[];
  school: { id: string; name: string } | null;
}

/** The case steps (XXX-XXXV); the API checks who may take each and when, and audits it. */
export const moderationMethods = {
  async getModerationCaseCounts(filter?: Record<string, unknown>): Promise<{ data: ModerationStateCount[] }> {
    const data = await graphqlRequest<{ moderationCaseCounts: ModerationStateCount[] }>(
      MODERATION_CASE_COUNTS,
      { filter: countsFilter(filter) },
    );
    return { data: data.moderationCaseCounts };
  },
  async verifyEvidence(caseId: string): Promise<{ data: EvidenceVerification }> {
    const data = await graphqlRequest<{ verifyEvidence: EvidenceVerification }>(VERIFY_EVIDENCE, {
      caseId,
    });
    return { data: data.verifyEvidence };
  },
  async getRecordableAccounts(): Promise<{ data: RecordableAccount[] }> {
    const data = await graphqlRequest<{ socialAccounts: { items: RecordableAccount[] } }>(
      RECORDABLE_ACCOUNTS,
      { page: { page: 1, perPage: 100 } },
    );
    return { data: data.socialAccounts.items };
  },
  openModerationCase(values: RecordRemovalValues): Result {
    return caseMutation(OPEN_MODERATION_CASE, 'openModerationCase', { input: openCaseInput(values) });
  },
  removeModeratedContent(params: { caseId: string; reasons: readonly string[]; explanation: string }): Result {
    return caseMutation(REMOVE_MODERATED_CONTENT, 'removeModeratedContent', {
      caseId: params.caseId,
      reasons: reasonsInput(params.reasons),
      explanation: params.explanation.trim(),
    });
  },
  dismissModerationCase(params: { caseId: string; note: string }): Result {
    return caseMutation(DISMISS_MODERATION_CASE, 'dismissModerationCase', {
      caseId: params.caseId,
      note: params.note.trim(),
    });
  },
  assignModerationCase(params: { caseId: string; assigneeId: string | null }): Result {
    return caseMutation(ASSIGN_MODERATION_CASE, 'assignModerationCase', {
      caseId: params.caseId,
      assigneeId: params.assigneeId || null,
    });
  },
  addCaseNote(params: { caseId: string; body: string; visibility: CaseNoteVisibility }): Result {
    return caseMutation(ADD_CASE_NOTE, 'addCaseNote', {
      caseId: params.caseId,
      body: params.body.trim(),
      visibility: params.visibility,
    });
  },
  askAboutRemoval(params: {
    caseId: string;
    askerName: string;
    askerContact?: string | null;
    question: string;
  }): Result {
    return caseMutation(ASK_ABOUT_REMOVAL, 'askAboutRemoval', {
      caseId: params.caseId,
      input: {
        askerName: params.askerName.trim(),
        askerContact: text(params.askerContact),
        question: params.question.trim(),
      },
    });
  },
  answerRemovalQuestion(params: { questionId: string; answer: string }): Result {
    return caseMutation(ANSWER_REMOVAL_QUESTION, 'answerRemovalQuestion', {
      questionId: params.questionId,
      answer: params.answer.trim(),
    });
  },
  restoreModeratedContent(params: { caseId: string; note: string }): Result {
    return caseMutation(RESTORE_MODERATED_CONTENT, 'restoreModeratedContent', {
      caseId: params.caseId,
      note: params.note.trim(),
    });
  },
  closeModerationCase(params: { caseId: string; note?: string | null }): Result {
    return caseMutation(CLOSE_MODERATION_CASE, 'closeModerationCase', {
      caseId: params.caseId,
      note: text(params.note),
    });
  },
  placeLegalHold(params: { caseId: string; reason: string }): Result {
    return caseMutation(PLACE_LEGAL_HOLD, 'placeLegalHold', {
      caseId: params.caseId,
      reason: params.reason.trim(),
    });
  },
  releaseLegalHold(params: { caseId: string; reason: string }): Result {
    return caseMutation(RELEASE_LEGAL_HOLD, 'releaseLegalHold', {
      caseId: params.caseId,
      reason: params.reason.trim(),
    });
  },
};

export type ModerationMethods = typeof moderationMethods;
