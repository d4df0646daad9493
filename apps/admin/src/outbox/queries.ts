import { graphqlRequest } from '../graphql/client';
import { ApiError } from '../graphql/errors';
import { MAX_PER_PAGE } from '../graphql/listParams';
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

/** How many pages of the outbox a message is looked for in (newest first). */
const PAGES_SEARCHED = 20;

/**
 * One message by id. The API lists the outbox and has no single read, so the message is found
 * in the list (newest first, 100 at a time): recent messages, which are the ones people open,
 * come in the first page.
 */
export async function findNotification(id: string, signal?: AbortSignal): Promise<NotificationRecord> {
  for (let page = 1; page <= PAGES_SEARCHED; page++) {
    const data = await graphqlRequest<{ notifications: { items: NotificationRecord[]; total: number } }>(
      NOTIFICATION_LIST,
      { filter: {}, page: { page, perPage: MAX_PER_PAGE } },
      { signal },
    );
    const found = data.notifications.items.find((n) => n.id === id);
    if (found) return found;
    if (page * MAX_PER_PAGE >= data.notifications.total) break;
  }
  throw new ApiError(`Message ${id} is not in the outbox.`, 'NOT_FOUND', []);
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
