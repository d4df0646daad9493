import type { EntityManager } from '@mikro-orm/postgresql';
import { type PageInput, pageWindow } from '../server/pagination.js';
import { SqlWhere, countRows, instanceOf, listPage, query, type ListPage } from '../server/rows.js';
import DataLoader from 'dataloader';
import { recordAudit } from '../audit/audit.service.js';
import type { Actor } from '../auth/actor.js';
import { conflict, notFound } from '../server/errors.js';
import { OUTBOX_CHANNEL } from './outbox.js';
import { Notification, NotificationAttempt, type NotificationAttachment } from './notification.entity.js';
import type { NotificationFilter } from './notifications.types.js';

type Row = Record<string, unknown>;

const date = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));

/**
 * The Outbox list, newest first, on the read path of lists (server/rows.ts): one statement for
 * the page, a second only when `total` is selected. Attachment content never leaves the database
 * for a list: only name, type and size are read. The HTML body is not read either (the text body
 * says the same).
 */
export async function listNotifications(
  em: EntityManager,
  filter: NotificationFilter | null | undefined,
  page: PageInput | null | undefined,
): Promise<ListPage<Notification>> {
  const { clause } = pageWindow(page);
  const where = new SqlWhere();
  if (filter?.status) where.add('n.status = ?', filter.status);
  if (filter?.subjectId) where.add('n.subject_id = ?', filter.subjectId);
  const rows = await query<Row>(
    em,
    `select n.id, n.purpose, n.subject_type, n.subject_id, n.recipient_email, n.recipient_staff_id, n.subject,
            n.body_text, n.status, n.attempts, n.next_attempt_at, n.last_error, n.delivered_at, n.message_id,
            n.created_at, n.updated_at,
            (select coalesce(jsonb_agg(jsonb_build_object(
                       'filename', a->>'filename', 'contentType', a->>'contentType',
                       'size', octet_length(convert_to(a->>'content', 'UTF8')))), '[]'::jsonb)
               from jsonb_array_elements(n.attachments) a) as attachment_info
       from notification n
       ${where}
      order by n.created_at desc, n.id desc
      ${clause.sql}`,
    [...where.params, ...clause.params],
  );
  const items = rows.map((r) =>
    instanceOf(Notification, {
      id: r.id,
      purpose: r.purpose,
      subjectType: r.subject_type,
      subjectId: r.subject_id,
      recipientEmail: r.recipient_email,
      recipientStaff: typeof r.recipient_staff_id === 'string' ? { id: r.recipient_staff_id } : null,
      subject: r.subject,
      bodyText: r.body_text,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: date(r.next_attempt_at),
      lastError: r.last_error,
      deliveredAt: date(r.delivered_at),
      messageId: r.message_id,
      createdAt: date(r.created_at),
      updatedAt: date(r.updated_at),
      attachmentInfo: r.attachment_info as NotificationAttachment[],
    }),
  );
  return listPage(items, {}, () =>
    countRows(em, `select count(*)::int as total from notification n ${where}`, where.params),
  );
}

/** One notice with its attachment list (the content stays in the database). */
export async function getNotification(em: EntityManager, id: string): Promise<Notification> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const found = uuid.test(id) ? await em.findOne(Notification, { id }) : null;
  if (!found) throw notFound('Notification', id);
  return found;
}

/** Every try of the notices of one request, in one statement (no N+1 on a page). */
export function attemptLoader(em: EntityManager): DataLoader<string, NotificationAttempt[]> {
  return new DataLoader(async (ids) => {
    const rows = await query<Row>(
      em,
      `select id, notification_id, attempt, attempted_at, outcome, error, smtp_response, duration_ms
         from notification_attempt
        where notification_id in (select jsonb_array_elements_text(?::jsonb)::uuid)
        order by attempted_at, attempt`,
      [JSON.stringify(ids)],
    );
    const groups = new Map<string, NotificationAttempt[]>();
    for (const r of rows) {
      const attempt = instanceOf(NotificationAttempt, {
        id: r.id,
        attempt: r.attempt,
        attemptedAt: date(r.attempted_at),
        outcome: r.outcome,
        error: r.error,
        smtpResponse: r.smtp_response,
        durationMs: r.duration_ms,
      });
      const key = r.notification_id as string;
      groups.set(key, [...(groups.get(key) ?? []), attempt]);
    }
    return ids.map((id) => groups.get(id) ?? []);
  });
}

/**
 * Sends a FAILED notice again: back to QUEUED with a fresh set of tries (the delivery log keeps
 * every earlier one), due now, and the dispatchers nudged. For after the mail server is fixed or
 * an address corrected in the directory; audited. Anything not FAILED is refused: a queued or
 * retrying notice is already on its way, a delivered one must not go out twice.
 */
export async function retryNotification(
  em: EntityManager,
  actor: Actor,
  id: string,
  requestId: string | null,
): Promise<Notification> {
  const notice = await getNotification(em, id);
  return em.transactional(async (tx) => {
    const updated = await query<{ id: string; status: string }>(
      tx,
      `update notification
          set status = 'QUEUED', attempts = 0, next_attempt_at = now(), lease_owner = null,
              updated_at = now()
        where id = ? and status = 'FAILED'
        returning id`,
      [notice.id],
    );
    if (updated.length === 0) {
      throw conflict(
        `Only a message that failed can be sent again; this one is ${notice.status.toLowerCase()}.`,
      );
    }
    await query(tx, `select pg_notify('${OUTBOX_CHANNEL}', '')`);
    await recordAudit(tx, actor, requestId, {
      action: 'notification.retry',
      targetType: 'Notification',
      targetId: notice.id,
      change: { purpose: notice.purpose, subjectType: notice.subjectType, subjectId: notice.subjectId, attemptsBefore: notice.attempts },
    });
    const fresh = await tx.findOneOrFail(Notification, { id: notice.id }, { refresh: true });
    return fresh;
  });
}
