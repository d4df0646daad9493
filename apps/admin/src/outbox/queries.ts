import { graphqlRequest } from '../graphql/client';
import type { ResourceApi } from '../graphql/resource';
import { purposeLabel } from '../moderation/labels';
import type { NotificationRecord } from './types';

const FIELDS = `
  id purpose subjectType subjectId recipientEmail subject text
  attachments { filename contentType size }
  status attempts lastError nextAttemptAt deliveredAt createdAt
`;

export const NOTIFICATION_LIST = `
  query Notifications($filter: NotificationFilter, $page: PageInput) {
    notifications(filter: $filter, page: $page) {
      items { ${FIELDS} }
      total
    }
  }
`;

/** The mail outbox, newest first (district admin, auditor: notification.read). */
export const notificationsApi: ResourceApi = {
  list: { query: NOTIFICATION_LIST, field: 'notifications', filters: ['status', 'subjectId'] },
};

export const NOTIFICATION_ONE = `
  query Notification($id: ID!) {
    notification(id: $id) {
      ${FIELDS}
      attemptLog { attempt attemptedAt outcome error smtpResponse durationMs }
    }
  }
`;

/** One message by id, with its delivery log (every try, its outcome and the server's answer). */
export async function findNotification(id: string, signal?: AbortSignal): Promise<NotificationRecord> {
  const data = await graphqlRequest<{ notification: NotificationRecord }>(NOTIFICATION_ONE, { id }, { signal });
  return data.notification;
}

export const RETRY_NOTIFICATION = `
  mutation RetryNotification($id: ID!) {
    retryNotification(id: $id) { id status attempts }
  }
`;

/** Sends a FAILED message again (district admin; the API refuses anything not FAILED). */
export async function retryNotification(id: string): Promise<void> {
  await graphqlRequest(RETRY_NOTIFICATION, { id });
}

export const outboxMethods = {
  async getNotification(id: string, signal?: AbortSignal): Promise<{ data: NotificationRecord }> {
    return { data: await findNotification(id, signal) };
  },
};

/** Purposes other features give their mail (the removal notices of XXX are named in moderation/labels). */
const OTHER_PURPOSE_LABELS: Record<string, string> = {
  APPROVAL_DECISION: 'Decision on an approval request, to the requester',
  APPROVAL_DIGEST: 'Requests waiting for an approver (daily digest)',
  CONTENT_QUESTION: 'Question about planned content, to the supervising administrator',
  CONTENT_ANSWER: 'Answer to a question about planned content, to the asker',
  ACKNOWLEDGEMENT_REMINDER: 'Reminder to acknowledge the policy revision',
};

/** The purpose in words; a purpose this dashboard does not know yet is shown as the API names it. */
export function notificationPurposeLabel(purpose: string): string {
  return OTHER_PURPOSE_LABELS[purpose] ?? purposeLabel(purpose);
}

/**
 * Where the message's subject can be opened in the dashboard, by the subject types the API's
 * features write (moderation_case, approval_request, approval_digest, acknowledgement_round);
 * null for one it does not know, which the page then shows as type and id.
 */
export function notificationSubjectLink(subjectType: string, subjectId: string): { path: string; label: string } | null {
  const id = encodeURIComponent(subjectId);
  switch (subjectType) {
    case 'moderation_case':
      return { path: `/moderationCases/${id}/show`, label: 'The moderation case' };
    case 'approval_request':
      return { path: `/approvalRequests/${id}/show`, label: 'The approval request' };
    case 'content_question':
      return { path: `/contentQuestions/${id}/show`, label: 'The question about content' };
    case 'approval_digest':
      // The digest is about the approver's waiting requests, not one record.
      return { path: '/approvalRequests', label: 'Approval requests' };
    case 'acknowledgement_round':
      return { path: '/acknowledgements', label: 'The policy acknowledgement' };
    default:
      return null;
  }
}

/** "12.3 kB". */
export function sizeLabel(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** Whether the outbox still has work to do (the page then looks again every few seconds). */
export function anyPending(rows: readonly Pick<NotificationRecord, 'status'>[] | undefined): boolean {
  return !!rows?.some((n) => n.status === 'QUEUED' || n.status === 'RETRYING');
}
