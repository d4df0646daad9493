import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SocialAccount } from '../accounts/social-account.entity.js';
import { ApprovalHistoryEntry, ApprovalRequest } from '../approvals/approval-request.entity.js';
import { AccountCredential } from '../credentials/account-credential.entity.js';
import { Organization } from '../organization/organization.entity.js';
import { Guardian, MediaRelease, Student } from '../sis/sis.entities.js';
import { loadReleaseFacts, type ReleaseFacts } from '../sis/students.service.js';
import { Staff } from '../staff/staff.entity.js';

/**
 * Per-request batching of related records, so a page of N rows costs one query per relation,
 * not N (no N+1). Each loader caches for the request only.
 */
export function byIdLoader<T extends { id: string }>(
  em: EntityManager,
  entity: new (...args: never[]) => T,
): RecordLoader<T> {
  return new RecordLoader<T>(async (ids) => {
    const rows = (await em.find(entity, { id: { $in: [...ids] } } as never)) as T[];
    const map = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => map.get(id) ?? null);
  });
}

/** `f(value)` now if the value is at hand, else when the promise settles (see `loadNow`). */
export function andThen<T, R>(value: T | Promise<T>, f: (value: T) => R | Promise<R>): R | Promise<R> {
  return value instanceof Promise ? value.then(f) : f(value);
}

/**
 * A by-id loader that also answers synchronously for records this request already holds (a
 * list primes the rows it joined): `loadNow` returns the record itself, so a field resolver
 * over 25 or 100 rows creates no promise per row; a record not yet held is loaded (batched).
 */
export class RecordLoader<T> extends DataLoader<string, T | null> {
  private readonly held = new Map<string, T>();
  /** Keys asked for through `load`: DataLoader keeps what it loaded, and a later prime of the
   * same key changes nothing there, so it must not be held here either (both answer alike). */
  private readonly loading = new Set<string>();

  override load(key: string): Promise<T | null> {
    this.loading.add(key);
    return super.load(key);
  }

  override prime(key: string, value: T | null | PromiseLike<T | null> | Error): this {
    const plain = value !== null && !(value instanceof Error) && typeof (value as PromiseLike<T>).then !== 'function';
    if (plain && !this.loading.has(key) && !this.held.has(key)) this.held.set(key, value as T);
    return super.prime(key, value);
  }

  override clear(key: string): this {
    this.held.delete(key);
    this.loading.delete(key);
    return super.clear(key);
  }

  override clearAll(): this {
    this.held.clear();
    this.loading.clear();
    return super.clearAll();
  }

  loadNow(key: string): T | Promise<T | null> {
    return this.held.get(key) ?? this.load(key);
  }
}

/** Groups rows of `entity` by a foreign key, one query for all keys. */
function groupLoader<T>(
  load: (ids: string[]) => Promise<T[]>,
  keyOf: (row: T) => string,
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (ids) => {
    const rows = await load([...ids]);
    const groups = new Map<string, T[]>();
    for (const row of rows) {
      const key = keyOf(row);
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    return ids.map((id) => groups.get(id) ?? []);
  });
}

export function createLoaders(em: EntityManager) {
  return {
    organization: byIdLoader(em, Organization),
    staff: byIdLoader(em, Staff),
    account: byIdLoader(em, SocialAccount),
    credentialByAccount: groupLoader(
      (ids) => em.find(AccountCredential, { account: { $in: ids } }),
      (c) => c.account.id,
    ),
    administratorsByAccount: groupLoader(
      async (ids) => {
        const accounts = await em.find(
          SocialAccount,
          { id: { $in: ids } },
          { populate: ['administrators'] },
        );
        return accounts.flatMap((a) => a.administrators.getItems().map((s) => ({ a: a.id, s })));
      },
      (row) => row.a,
    ),
    requestsByAccount: groupLoader(
      (ids) =>
        em.find(
          ApprovalRequest,
          { account: { $in: ids } },
          { orderBy: { createdAt: 'desc' }, populate: ['requester'] },
        ),
      (r) => r.account?.id ?? '',
    ),
    student: byIdLoader(em, Student),
    guardian: byIdLoader(em, Guardian),
    /** What the release rule needs per student (primed by the student list). */
    releaseFacts: new DataLoader<string, ReleaseFacts | null>(async (ids) => {
      const facts = await loadReleaseFacts(em, ids);
      return ids.map((id) => facts.get(id) ?? null);
    }),
    releasesByStudent: groupLoader(
      (ids) =>
        em.find(MediaRelease, { student: { $in: ids } }, { orderBy: { signedOn: 'desc', createdAt: 'desc' } }),
      (r) => r.student.id,
    ),
    guardiansByStudent: groupLoader(
      async (ids) =>
        em.execute<{ student_id: string; id: string; relationship: string }[]>(
          `select l.student_id, g.id, l.relationship from student_guardian l join guardian g on g.id = l.guardian_id
            where l.student_id in (select (jsonb_array_elements_text(?::jsonb))::uuid) order by g.family_name, g.given_name`,
          [JSON.stringify(ids)],
        ),
      (row) => row.student_id,
    ),
    historyByRequest: groupLoader(
      (ids) => em.find(ApprovalHistoryEntry, { request: { $in: ids } }, { orderBy: { at: 'asc' } }),
      (h) => h.request.id,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
