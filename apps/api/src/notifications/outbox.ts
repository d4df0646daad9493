import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { query } from '../server/rows.js';

/**
 * The transactional outbox (README "Mail"; docs/moderation-contract.md). A feature that must send
 * mail writes its notices with `enqueueNotifications` inside its own audited transaction: the rows
 * commit or roll back with the change that called for them, so a notice exists exactly when the
 * removal (or approval...) it reports does. The dispatcher (dispatcher.ts) delivers them later.
 */

export interface NotificationDraft {
  /** e.g. 'COPY_TO_SUPERINTENDENT', 'REASON_TO_EXTERNAL_RELATIONS'. */
  purpose: string;
  /** e.g. 'moderation_case'. */
  subjectType: string;
  /** e.g. the case id. */
  subjectId: string;
  recipientEmail: string;
  recipientStaffId?: string | null;
  subject: string;
  text: string;
  html?: string | null;
  attachments?: { filename: string; contentType: string; content: string /* utf-8 */ }[];
}

/** What an `onDelivered` hook receives: the notice as it was marked DELIVERED. */
export interface DeliveredNotification {
  id: string;
  purpose: string;
  subjectType: string;
  subjectId: string;
  recipientEmail: string;
  recipientStaffId: string | null;
  messageId: string | null;
  attempts: number;
  deliveredAt: Date;
}

export type DeliveredHook = (em: EntityManager, n: DeliveredNotification) => Promise<void>;

/** The PostgreSQL channel the dispatchers LISTEN on; NOTIFY is delivered only on commit. */
export const OUTBOX_CHANNEL = 'steward_outbox';

const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

export class OutboxError extends Error {}

function check(draft: NotificationDraft, index: number): void {
  const where = `notification draft ${index}`;
  if (!EMAIL.test(draft.recipientEmail)) throw new OutboxError(`${where}: recipientEmail is not an address`);
  for (const field of ['purpose', 'subjectType', 'subjectId', 'subject'] as const) {
    if (!draft[field]?.trim()) throw new OutboxError(`${where}: ${field} is empty`);
  }
  // A line break in a header field is how header injection starts; nodemailer folds, we refuse.
  if (/[\r\n]/.test(draft.subject)) throw new OutboxError(`${where}: the subject has a line break`);
  for (const a of draft.attachments ?? []) {
    if (!a.filename || /[\r\n/\\]/.test(a.filename)) throw new OutboxError(`${where}: bad attachment filename`);
    if (Buffer.byteLength(a.content, 'utf8') > MAX_ATTACHMENT_BYTES) {
      throw new OutboxError(`${where}: attachment ${a.filename} is larger than 5 MB`);
    }
  }
}

/**
 * Inserts the notices with the caller's EntityManager, i.e. in the caller's transaction (call it
 * inside `em.transactional`; outside one, each call commits on its own). One statement for the
 * whole batch, which also NOTIFYs the dispatchers: PostgreSQL delivers that signal only when the
 * transaction commits (never on rollback), to every API process, so delivery starts at once
 * instead of at the next poll.
 *
 * Nothing is written to the audit trail here: the caller's mutation is the audited event, and
 * its change can name the notice ids this returns.
 */
export async function enqueueNotifications(em: EntityManager, drafts: NotificationDraft[]): Promise<string[]> {
  if (drafts.length === 0) return [];
  drafts.forEach(check);
  // Ids are made here, so they come back in the drafts' order whatever order the rows take.
  const rows = drafts.map((d) => ({
    id: randomUUID(),
    purpose: d.purpose,
    subject_type: d.subjectType,
    subject_id: d.subjectId,
    recipient_email: d.recipientEmail.trim(),
    recipient_staff_id: d.recipientStaffId ?? null,
    subject: d.subject,
    body_text: d.text,
    body_html: d.html ?? null,
    attachments: (d.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      content: a.content,
    })),
  }));
  await query(
    em,
    `with ins as (
       insert into notification (id, purpose, subject_type, subject_id, recipient_email, recipient_staff_id,
                                 subject, body_text, body_html, attachments)
       select id, purpose, subject_type, subject_id, recipient_email, recipient_staff_id,
              subject, body_text, body_html, coalesce(attachments, '[]'::jsonb)
         from jsonb_to_recordset(?::jsonb) as x(id uuid, purpose text, subject_type text, subject_id text,
                                               recipient_email text, recipient_staff_id uuid, subject text,
                                               body_text text, body_html text, attachments jsonb)
       returning id)
     select pg_notify('${OUTBOX_CHANNEL}', '') from ins limit 1`,
    [JSON.stringify(rows)],
  );
  return rows.map((r) => r.id);
}

const hooks = new Map<string, DeliveredHook[]>();

/**
 * Registers a hook run in the same transaction that marks a notice of `subjectType` DELIVERED
 * (moderation moves a case to REPORTED when both of its notices are delivered). The marks of one
 * subject (type and id) run one at a time, under a transaction-level advisory lock, so a hook
 * sees every other notice of its subject that was marked before it. Hooks must be
 * idempotent and quick; if one throws, the mark rolls back and the dispatcher retries the mark
 * (never the send) at its next passes; after five failures it marks the notice DELIVERED without
 * the hooks and logs an error, rather than let the lease expire and the mail go out again.
 */
export function onDelivered(subjectType: string, hook: DeliveredHook): void {
  const list = hooks.get(subjectType) ?? [];
  if (!list.includes(hook)) list.push(hook);
  hooks.set(subjectType, list);
}

/** The hooks registered for a subject type (the dispatcher runs them). */
export function deliveredHooks(subjectType: string): readonly DeliveredHook[] {
  return hooks.get(subjectType) ?? [];
}
