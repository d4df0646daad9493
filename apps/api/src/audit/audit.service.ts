import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../auth/actor.js';
import { pageWindow, type PageInput } from '../server/pagination.js';
import { countRows, instanceOf, type ListPage, listPage, SqlWhere, query } from '../server/rows.js';
import { AuditEvent } from './audit-event.entity.js';

/** The hash that stands before the first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** Any field whose name looks like one of these never reaches the audit trail (III, XI). */
const SECRET_FIELD = /secret|password|passphrase|token|apikey|api_key|keyhash|ciphertext/i;

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_FIELD.test(k) ? '[REDACTED]' : redact(v);
    }
    return out;
  }
  return value;
}

/** JSON with keys sorted at every level, so the same event always hashes the same way. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface AuditRow {
  id: string;
  occurred_at: Date | string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  actor_roles: string[];
  action: string;
  target_type: string;
  target_id: string | null;
  request_id: string | null;
  change: unknown;
  prev_hash: string;
  hash: string;
}

/** The hash of one event: everything it says, plus the previous event's hash. */
export function eventHash(row: Omit<AuditRow, 'id' | 'hash'>): string {
  const occurredAt = new Date(row.occurred_at).toISOString();
  const body = canonicalJson({
    occurredAt,
    actorType: row.actor_type,
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    actorRoles: row.actor_roles,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    requestId: row.request_id,
    change: row.change ?? null,
  });
  return createHash('sha256').update(row.prev_hash).update('\n').update(body).digest('hex');
}

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null;
  change?: Record<string, unknown> | null;
}

// Any constant works; it names the lock that serializes appends to the chain.
const AUDIT_CHAIN_LOCK = 4051_0001;

/**
 * Appends an event to the chain inside the caller's transaction: if the business change rolls
 * back, so does its audit event, and a change cannot commit without one. The advisory lock makes
 * concurrent transactions append one at a time, so each sees the true previous hash.
 */
export async function recordAudit(
  em: EntityManager,
  actor: Actor | null,
  requestId: string | null,
  entry: AuditEntry,
): Promise<void> {
  if (!em.isInTransaction()) {
    throw new Error('recordAudit must run inside the transaction of the change it records');
  }
  await em.execute('select pg_advisory_xact_lock(?)', [AUDIT_CHAIN_LOCK]);
  const [last] = await em.execute<{ hash: string }[]>(
    'select hash from audit_event order by id desc limit 1',
  );
  const row = {
    occurred_at: new Date(),
    actor_type: actor?.kind ?? 'SYSTEM',
    actor_id: actor?.kind === 'STAFF' ? actor.staffId : (actor?.keyId ?? null),
    actor_label: actor?.label ?? 'system',
    actor_roles: actor ? [...actor.roles] : [],
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId ?? null,
    request_id: requestId,
    change: entry.change ? (redact(entry.change) as Record<string, unknown>) : null,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  // Round-trip through JSON so the hash is computed over exactly what jsonb will give back.
  row.change = row.change ? JSON.parse(JSON.stringify(row.change)) : null;
  const hash = eventHash(row);
  await em.execute(
    `insert into audit_event (occurred_at, actor_type, actor_id, actor_label, actor_roles, action,
       target_type, target_id, request_id, change, prev_hash, hash)
     values (?, ?, ?, ?, ?::text[], ?, ?, ?, ?, ?::jsonb, ?, ?)`,
    [
      row.occurred_at,
      row.actor_type,
      row.actor_id,
      row.actor_label,
      `{${row.actor_roles.join(',')}}`,
      row.action,
      row.target_type,
      row.target_id,
      row.request_id,
      row.change === null ? null : JSON.stringify(row.change),
      row.prev_hash,
      hash,
    ],
  );
}

export interface ChainReport {
  ok: boolean;
  checkedEvents: number;
  firstBrokenEventId: string | null;
  problem: string | null;
}

/**
 * Walks the whole chain in id order, in pages, recomputing every hash. Reports the first event
 * whose content no longer matches its hash, or whose link to the previous event is broken
 * (an edited, inserted or deleted row).
 */
export async function verifyChain(em: EntityManager, pageSize = 1000): Promise<ChainReport> {
  let prevHash = GENESIS_HASH;
  let afterId = '0';
  let checked = 0;
  for (;;) {
    const rows = await query<AuditRow>(
      em,
      `select id::text as id, occurred_at, actor_type, actor_id, actor_label, actor_roles, action,
              target_type, target_id, request_id, change, prev_hash, hash
         from audit_event where id > ?::bigint order by audit_event.id limit ?`,
      [afterId, pageSize],
    );
    for (const row of rows) {
      if (row.prev_hash !== prevHash) {
        return {
          ok: false,
          checkedEvents: checked,
          firstBrokenEventId: row.id,
          problem:
            'its link to the previous event is broken: an event before it was removed, ' +
            'inserted or rewritten',
        };
      }
      if (eventHash(row) !== row.hash) {
        return {
          ok: false,
          checkedEvents: checked,
          firstBrokenEventId: row.id,
          problem: 'its content does not match its hash: the row was edited after it was written',
        };
      }
      prevHash = row.hash;
      afterId = row.id;
      checked += 1;
    }
    if (rows.length < pageSize) break;
  }
  return { ok: true, checkedEvents: checked, firstBrokenEventId: null, problem: null };
}

export interface AuditEventListFilter {
  action?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  actorId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** One page of the trail, newest first: one statement, plus a count only if `total` is read. */
export async function listEvents(
  em: EntityManager,
  filter: AuditEventListFilter | null | undefined,
  page: PageInput | null | undefined,
): Promise<ListPage<AuditEvent>> {
  const { clause } = pageWindow(page);
  const where = new SqlWhere();
  if (filter?.action) where.add('action = ?', filter.action);
  if (filter?.targetType) where.add('target_type = ?', filter.targetType);
  if (filter?.targetId) where.add('target_id = ?', filter.targetId);
  if (filter?.actorId) where.add('actor_id = ?', filter.actorId);
  if (filter?.from) where.add('occurred_at >= ?', filter.from);
  if (filter?.to) where.add('occurred_at < ?', filter.to);
  const rows = await query<AuditRow>(
      em,
    `select id::text as id, occurred_at, actor_type, actor_id, actor_label, actor_roles, action,
            target_type, target_id, request_id, change, prev_hash, hash
       from audit_event ${where}
      order by audit_event.id desc -- the bigint, not the text alias, so the primary key serves
      ${clause.sql}`,
    [...where.params, ...clause.params],
  );
  const items = rows.map((row) =>
    instanceOf(AuditEvent, {
        id: row.id,
        occurredAt: new Date(row.occurred_at),
        actorType: row.actor_type,
        actorId: row.actor_id,
        actorLabel: row.actor_label,
        actorRoles: row.actor_roles,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        requestId: row.request_id,
        change: row.change,
        prevHash: row.prev_hash,
        hash: row.hash,
    }),
  );
  return listPage(items, {}, () =>
    countRows(em, `select count(*)::int as total from audit_event ${where}`, where.params),
  );
}
