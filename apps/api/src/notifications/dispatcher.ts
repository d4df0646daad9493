import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Transporter } from 'nodemailer';
import type { Logger } from '../logger.js';
import { query } from '../server/rows.js';
import { OUTBOX_CHANNEL, deliveredHooks, type DeliveredNotification } from './outbox.js';
import type { StoredAttachment } from './notification.entity.js';

/**
 * Delivers the outbox (README "Mail"). Every API process runs one; they share the table safely:
 *
 * 1. Claim: one statement picks due rows with `FOR UPDATE SKIP LOCKED` (two dispatchers never
 *    pick the same row), leases them (`lease_owner`, `next_attempt_at` pushed to the lease's
 *    end), counts the attempt and writes a SENDING `notification_attempt`. It commits at once, so
 *    no transaction stays open while talking to the mail server.
 * 2. Send with nodemailer, outside any transaction.
 * 3. Mark: DELIVERED (with the `onDelivered` hooks, in one transaction), or RETRYING with an
 *    exponential, capped, jittered back-off, or FAILED (a 5xx answer, or the last attempt).
 *
 * The crash case: a process that dies before step 1 commits left nothing claimed; one that dies
 * during step 2 or before step 3 commits leaves a lease that expires, and the row is picked
 * again (its SENDING attempt is then recorded as LEASE_EXPIRED). So a notice is never lost. If
 * the death falls exactly between the server's "250 OK" and the mark, the notice is sent once
 * more: at-least-once is the honest bound of SMTP plus a database. Each notice keeps one
 * Message-ID across tries, so a receiving system can drop that duplicate.
 *
 * Delivery and final failure are not user actions, so they go to `notification_attempt`, not to
 * the audit trail: the audited event is the mutation that enqueued the notice (same transaction),
 * and the attempts table is the delivery log, one row per try.
 */

export interface DispatcherOptions {
  orm: MikroORM;
  transport: Transporter;
  from: string;
  logger: Logger;
  /** How often due rows are looked for when nothing nudges (OUTBOX_POLL_MS). */
  pollMs: number;
  /** Tries before a notice is FAILED (OUTBOX_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** How long a claim holds a row; longer than the slowest send (transport timeouts below). */
  leaseMs?: number;
  /** Sends in flight at once per process. */
  concurrency?: number;
  /** The back-off never waits longer than this. */
  backoffCapMs?: number;
}

/** nodemailer's own defaults wait minutes on a dead server; a notice can be retried instead. */
export const TRANSPORT_TIMEOUTS = { connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 };
const DEFAULT_LEASE_MS = 5 * 60_000;

interface ClaimedRow {
  id: string;
  purpose: string;
  subject_type: string;
  subject_id: string;
  recipient_email: string;
  recipient_staff_id: string | null;
  subject: string;
  body_text: string;
  body_html: string | null;
  attachments: StoredAttachment[];
  attempts: number;
  message_id: string;
  attempt_id: string;
}

interface PendingMark {
  row: ClaimedRow;
  response: string;
  durationMs: number;
  /** Failed marks so far. */
  failures: number;
}

/**
 * After this many failed marks with hooks, the notice is marked DELIVERED without them (and the
 * hook failure logged at error): otherwise its lease would expire and a hook's bug would send
 * the mail again every few minutes.
 */
const MAX_HOOK_FAILURES = 5;

/** The minimal face of a pooled `pg` client (what knex hands out). */
interface RawConnection {
  query(sql: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  on(event: 'notification', listener: (msg: { channel: string }) => void): void;
  on(event: 'error' | 'end', listener: (error?: Error) => void): void;
  removeAllListeners(event: string): void;
}

/**
 * Retry delay after `attempts` tries: OUTBOX_POLL_MS x 2^(attempts-1), capped, times a jitter in
 * [0.75, 1.25) so processes that failed together do not retry together. With the defaults (1 s,
 * 12 tries, one hour cap) the tries span a little over an hour.
 */
export function backoffMs(attempts: number, pollMs: number, capMs: number, random = Math.random()): number {
  const base = Math.min(capMs, pollMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.75 + random * 0.5));
}

/** An SMTP 5xx answer is final (RFC 5321 4.2.1); anything else (4xx, no connection) may pass. */
export function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown })?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

function errorText(error: unknown): string {
  const e = error as { response?: string; message?: string; code?: string };
  const text = e?.response ?? e?.message ?? String(error);
  return (e?.code && !text.includes(e.code) ? `${e.code}: ${text}` : text).slice(0, 1000);
}

export class Dispatcher {
  /** Names this process in leases and attempts (host, pid, and a random part for tests). */
  readonly id = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly leaseMs: number;
  private readonly concurrency: number;
  private readonly capMs: number;
  private readonly domain: string;
  private stopping = false;
  private wake = false;
  private wakeUp: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private conn: RawConnection | null = null;
  private readonly pendingMarks: PendingMark[] = [];

  constructor(private readonly options: DispatcherOptions) {
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.concurrency = options.concurrency ?? 4;
    this.capMs = options.backoffCapMs ?? 3_600_000;
    // The Message-ID's right-hand side is the sender's domain (RFC 5322 3.6.4).
    this.domain = /@([^>\s]+)>?\s*$/.exec(options.from)?.[1] ?? 'steward.invalid';
  }

  start(): void {
    if (this.loop) return;
    this.loop = this.run();
  }

  /** Look for due rows now (after a commit that enqueued mail), not at the next poll. */
  nudge(): void {
    this.wake = true;
    this.wakeUp?.();
  }

  /** Stops polling, waits for the sends in flight and their marks, releases the connection. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wakeUp?.();
    await this.loop;
    this.loop = null;
    // A sent notice whose mark failed gets a last chance, or its lease expires and it is resent.
    if (this.pendingMarks.length > 0) await this.retryPendingMarks();
    await this.releaseConnection();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      this.wake = false;
      let claimed = 0;
      try {
        claimed = await this.pass();
      } catch (error) {
        // The database restarting, say: the next pass tries again.
        this.options.logger.warn({ err: error }, 'outbox pass failed; retrying at the next poll');
        await this.releaseConnection();
      }
      if (this.stopping) break;
      // A full batch means more may be due; a nudge during the pass means new rows.
      if (claimed >= this.concurrency || this.wake) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs);
        this.wakeUp = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wakeUp = null;
    }
  }

  /** One round: finish pending marks, claim due rows, send them. Returns how many were claimed. */
  async pass(): Promise<number> {
    const conn = await this.connection();
    await this.retryPendingMarks();
    if (this.stopping) return 0;
    // A notice whose every try ended with its sender gone (a message that crashes the process,
    // say) would otherwise be claimed again forever: once its tries are used up it is FAILED,
    // shown on the Outbox, where the district admin can send it again.
    await conn.query(
      `with gone as (
         update notification
            set status = 'FAILED', lease_owner = null, updated_at = now(),
                last_error = 'Gave up after ' || attempts || ' tries: the process sending it stopped each time before recording the result.'
          where status in ('QUEUED', 'RETRYING') and next_attempt_at <= now() and attempts >= $1
         returning id)
       update notification_attempt a
          set outcome = 'LEASE_EXPIRED',
              error = 'The process sending it stopped before recording the result; it may have been delivered.'
         from gone where a.notification_id = gone.id and a.outcome = 'SENDING'`,
      [this.options.maxAttempts],
    );
    const { rows } = await conn.query(
      `with due as (
         select id from notification
          where status in ('QUEUED', 'RETRYING') and next_attempt_at <= now() and attempts < $5
          order by next_attempt_at, id
          limit $1
          for update skip locked),
       claimed as (
         update notification n
            set attempts = n.attempts + 1,
                next_attempt_at = now() + make_interval(secs => $2::double precision / 1000),
                lease_owner = $3,
                message_id = coalesce(n.message_id, '<' || n.id || '@' || $4 || '>'),
                updated_at = now()
           from due where n.id = due.id
         returning n.id, n.purpose, n.subject_type, n.subject_id, n.recipient_email, n.recipient_staff_id,
                   n.subject, n.body_text, n.body_html, n.attachments, n.attempts, n.message_id),
       expired as (
         update notification_attempt a
            set outcome = 'LEASE_EXPIRED',
                error = 'The process sending it stopped before recording the result; it may have been delivered.'
           from claimed where a.notification_id = claimed.id and a.outcome = 'SENDING'),
       attempt as (
         insert into notification_attempt (notification_id, attempt, dispatcher)
         select id, attempts, $3 from claimed
         returning id, notification_id)
       select claimed.*, attempt.id as attempt_id from claimed join attempt on attempt.notification_id = claimed.id`,
      [this.concurrency, this.leaseMs, this.id, this.domain, this.options.maxAttempts],
    );
    // allSettled: stop() must be able to wait for every send of the batch, whatever happens.
    await Promise.allSettled((rows as unknown as ClaimedRow[]).map((row) => this.deliver(row)));
    return rows.length;
  }

  private async deliver(row: ClaimedRow): Promise<void> {
    const started = performance.now();
    let response: string;
    try {
      const info = await this.options.transport.sendMail({
        from: this.options.from,
        to: row.recipient_email,
        subject: row.subject,
        text: row.body_text,
        html: row.body_html ?? undefined,
        messageId: row.message_id,
        headers: { 'X-Steward-Notification': row.id, 'Auto-Submitted': 'auto-generated' },
        attachments: row.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
      });
      response = String(info.response ?? '').slice(0, 1000);
    } catch (error) {
      try {
        await this.markNotDelivered(row, error, Math.round(performance.now() - started));
      } catch (markError) {
        // The lease expires and the notice is tried again; nothing is lost.
        this.options.logger.warn({ err: markError, notificationId: row.id }, 'could not record a failed try');
      }
      return;
    }
    const mark = { row, response, durationMs: Math.round(performance.now() - started), failures: 0 };
    try {
      await this.markDelivered(mark);
    } catch (error) {
      // Sent but not marked: keep trying the mark (never the send) at each pass.
      this.options.logger.warn({ err: error, notificationId: row.id }, 'notice sent but not yet marked delivered');
      mark.failures = 1;
      this.pendingMarks.push(mark);
    }
  }

  private async markDelivered({ row, response, durationMs }: PendingMark, withHooks = true): Promise<void> {
    await this.options.orm.em.fork().transactional(async (tx) => {
      // Marks of one subject take turns: two notices of a case delivered at the same moment
      // must not each run the hook without seeing the other's mark (each would conclude "not
      // both delivered yet"). The second waits here and then reads the first one committed.
      await query(tx, 'select pg_advisory_xact_lock(hashtext(?), hashtext(?))', [row.subject_type, row.subject_id]);
      const [marked] = await query<{ delivered_at: string; attempts: number }>(
        tx,
        `update notification
            set status = 'DELIVERED', delivered_at = now(), last_error = null, next_attempt_at = null,
                lease_owner = null, updated_at = now()
          where id = ? and status <> 'DELIVERED'
          returning delivered_at, attempts`,
        [row.id],
      );
      await query(
        tx,
        `update notification_attempt set outcome = 'DELIVERED', smtp_response = ?, duration_ms = ? where id = ?`,
        [response, durationMs, row.attempt_id],
      );
      if (!marked) return; // another process marked it first (its lease had expired): hooks ran there
      const delivered: DeliveredNotification = {
        id: row.id,
        purpose: row.purpose,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        recipientEmail: row.recipient_email,
        recipientStaffId: row.recipient_staff_id,
        messageId: row.message_id,
        attempts: marked.attempts,
        deliveredAt: new Date(marked.delivered_at),
      };
      if (withHooks) for (const hook of deliveredHooks(row.subject_type)) await hook(tx, delivered);
    });
    this.options.logger.info(
      { notificationId: row.id, purpose: row.purpose, attempt: row.attempts, ms: durationMs },
      'notice delivered',
    );
  }

  private async retryPendingMarks(): Promise<void> {
    for (const mark of this.pendingMarks.splice(0)) {
      const withHooks = mark.failures < MAX_HOOK_FAILURES;
      try {
        await this.markDelivered(mark, withHooks);
        if (!withHooks) {
          this.options.logger.error(
            { notificationId: mark.row.id, subjectType: mark.row.subject_type, subjectId: mark.row.subject_id },
            'notice marked DELIVERED without its onDelivered hooks, which kept failing: its subject needs a look',
          );
        }
      } catch (error) {
        mark.failures += 1;
        this.options.logger.warn({ err: error, notificationId: mark.row.id }, 'marking a sent notice failed again');
        this.pendingMarks.push(mark);
      }
    }
  }

  private async markNotDelivered(row: ClaimedRow, error: unknown, durationMs: number): Promise<void> {
    const permanent = isPermanent(error);
    const final = permanent || row.attempts >= this.options.maxAttempts;
    const message = errorText(error);
    const delay = backoffMs(row.attempts, this.options.pollMs, this.capMs);
    const conn = await this.connection();
    // Only while this process still holds the lease: if it expired and another process has the
    // row now, that process records the outcome.
    await conn.query(
      `with n as (
         update notification
            set status = $2, last_error = $3, lease_owner = null, updated_at = now(),
                next_attempt_at = case when $2 = 'FAILED' then null
                                       else now() + make_interval(secs => $4::double precision / 1000) end
          where id = $1 and lease_owner = $5 and status in ('QUEUED', 'RETRYING')
          returning id)
       update notification_attempt
          set outcome = $6, error = $3, smtp_response = $7, duration_ms = $8
        where id = $9`,
      [
        row.id,
        final ? 'FAILED' : 'RETRYING',
        message,
        delay,
        this.id,
        final ? 'FAILED' : 'RETRY',
        (error as { response?: string })?.response?.slice(0, 1000) ?? null,
        durationMs,
        row.attempt_id,
      ],
    );
    const facts = {
      notificationId: row.id,
      purpose: row.purpose,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      attempt: row.attempts,
      error: message,
    };
    if (final) {
      this.options.logger.error(
        { ...facts, permanent },
        permanent ? 'notice refused by the mail server: FAILED' : 'notice failed on its last attempt: FAILED',
      );
    } else {
      this.options.logger.warn({ ...facts, retryInMs: delay }, 'notice not delivered; will retry');
    }
  }

  /**
   * One pooled connection held for the dispatcher's life: it LISTENs for the NOTIFY that
   * `enqueueNotifications` sends on commit, and runs the claim and failure statements. Running
   * them on the raw driver connection (not through knex) keeps the dispatcher's background
   * statements out of the request statement counts (read-path tests).
   */
  private async connection(): Promise<RawConnection> {
    if (this.conn) return this.conn;
    const client = this.options.orm.em.getConnection().getKnex().client;
    const conn = (await client.acquireConnection()) as RawConnection;
    try {
      await conn.query(`listen ${OUTBOX_CHANNEL}`);
    } catch (error) {
      client.releaseConnection(conn);
      throw error;
    }
    conn.on('notification', (msg) => {
      if (msg.channel === OUTBOX_CHANNEL) this.nudge();
    });
    // Guarded: the pool may hand this connection to someone else once released.
    const lost = () => {
      if (this.conn === conn) void this.releaseConnection();
    };
    conn.on('error', lost);
    conn.on('end', lost);
    this.conn = conn;
    return conn;
  }

  private async releaseConnection(): Promise<void> {
    const conn = this.conn;
    if (!conn) return;
    this.conn = null;
    conn.removeAllListeners('notification');
    // Back to the pool without LISTEN; on a broken connection this fails and knex discards it.
    await conn.query(`unlisten ${OUTBOX_CHANNEL}`).catch(() => undefined);
    this.options.orm.em.getConnection().getKnex().client.releaseConnection(conn);
  }
}
