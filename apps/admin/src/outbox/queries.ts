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

/** The purpose in words (the removal notices of XXX; others as the API names them). */
export function notificationPurposeLabel(purpose: string): string {
  return purposeLabel(purpose);
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
