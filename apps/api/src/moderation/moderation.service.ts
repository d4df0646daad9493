import { LockMode, OptimisticLockError, type EntityManager } from '@mikro-orm/postgresql';
import {
  FINAL_MODERATION_STATES,
  isReported,
  MODERATION_STATES,
  mayAssignModerationCase,
  mayPurgeEvidence,
  mayOpenModerationCase,
  moderationDueAt,
  moderationRetentionUntil,
  REMOVAL_NOTICES,
  transitionModeration,
  validateRemoval,
  type CaseNoteVisibility,
  type ContentKind,
  type ModerationAction,
  type ModerationState,
  type Operation,
  type RemovalNotice,
  type RemovalReason,
} from '@steward/domain';
import { SocialAccount } from '../accounts/social-account.entity.js';
import { type Actor } from '../auth/actor.js';
import { ACCOUNT_PEOPLE_COLUMNS, type AccountPeople, mayOnAccountPeople, requireActor, scopeSql } from '../auth/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Config } from '../config.js';
import { enqueueNotifications, onDelivered, type DeliveredNotification } from '../notifications/outbox.js';
import { badInput, conflict, forbidden, fromRefusal, notFound, policyViolation } from '../server/errors.js';
import { pageWindow, type PageInput } from '../server/pagination.js';
import {
  ACCOUNT_COLUMNS,
  accountFrom,
  columns,
  countRows,
  instanceOf,
  type ListPage,
  listPage,
  ORGANIZATION_COLUMNS,
  organizationFrom,
  query,
  SqlWhere,
  STAFF_COLUMNS,
  staffFrom,
} from '../server/rows.js';
import { Staff } from '../staff/staff.entity.js';
import { EVIDENCE_ALGORITHM, evidenceDigest, type EvidenceFields } from './evidence.js';
import {
  ModerationCase,
  ModerationCaseNote,
  ModerationSnapshot,
  RemovalQuestion,
} from './moderation.entities.js';
import { removalNotices, SUBJECT_TYPE, type Recipient } from './notices.js';
import { triage } from './triage.js';

type Row = Record<string, unknown>;

/** What decides who may see and work a case: its account's people (XXX). */
export type CaseScopeFacts = AccountPeople;

/** Whether the caller may perform `operation` on a case with these facts (its account's people). */
export const mayOnCase = mayOnAccountPeople;

/** What each verb is called in a refusal. */
const VERB: Partial<Record<Operation, string>> = {
  'moderation.read': 'see',
  'moderation.record': 'work on',
  'moderation.answer': 'answer for',
  'moderation.hold': 'place a hold on',
};

export interface SnapshotInput {
  kind: ContentKind;
  platformContentId: string;
  authorName?: string | null;
  authorHandle?: string | null;
  text: string;
  mediaUrls?: string[] | null;
  permalink?: string | null;
  postedAt?: Date | null;
}

export interface ModerationListFilter {
  state?: ModerationState | null;
  accountId?: string | null;
  schoolId?: string | null;
  reason?: RemovalReason | null;
  assignedToMe?: boolean | null;
  unassigned?: boolean | null;
  overdue?: boolean | null;
}

/** A delivered-or-not notice of a case, as the case page shows it. */
export interface NoticeRow {
  case_id: string;
  purpose: string;
  recipient_email: string;
  status: string;
  attempts: number;
  last_error: string | null;
  delivered_at: string | null;
}

export const CASE_COLUMNS = [
  'id',
  'account_id',
  'state',
  'evidence_digest',
  'reasons',
  'explanation',
  'decision_note',
  'assignee_id',
  'opened_by_id',
  'opened_at',
  'due_at',
  'removed_by_id',
  'removed_at',
  'reported_at',
  'closed_at',
  'triage',
  'retention_until',
  'legal_hold_reason',
  'legal_hold_by_id',
  'legal_hold_at',
  'purged_at',
  'version',
  'created_at',
  'updated_at',
] as const;

const SNAPSHOT_COLUMNS = [
  'case_id',
  'kind',
  'platform_content_id',
  'author_name',
  'author_handle',
  'text',
  'media_urls',
  'permalink',
  'posted_at',
  'captured_at',
  'captured_by_id',
] as const;

function date(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(value as string);
}

function ref<T>(id: unknown): T | null {
  return typeof id === 'string' ? ({ id } as T) : null;
}

export function caseFrom(row: Row, p = ''): ModerationCase {
  return instanceOf(ModerationCase, {
    id: row[`${p}id`],
    account: ref(row[`${p}account_id`]),
    state: row[`${p}state`],
    evidenceDigest: row[`${p}evidence_digest`],
    reasonCodes: row[`${p}reasons`] ?? [],
    explanation: row[`${p}explanation`] ?? null,
    decisionNote: row[`${p}decision_note`] ?? null,
    assignee: ref(row[`${p}assignee_id`]),
    openedBy: ref(row[`${p}opened_by_id`]),
    openedAt: date(row[`${p}opened_at`]),
    dueAt: date(row[`${p}due_at`]),
    removedBy: ref(row[`${p}removed_by_id`]),
    removedAt: date(row[`${p}removed_at`]),
    reportedAt: date(row[`${p}reported_at`]),
    closedAt: date(row[`${p}closed_at`]),
    triageFlags: row[`${p}triage`] ?? [],
    retentionUntil: date(row[`${p}retention_until`]),
    legalHoldReason: row[`${p}legal_hold_reason`] ?? null,
    legalHoldBy: ref(row[`${p}legal_hold_by_id`]),
    legalHoldAt: date(row[`${p}legal_hold_at`]),
    purgedAt: date(row[`${p}purged_at`]),
    version: row[`${p}version`],
    createdAt: date(row[`${p}created_at`]),
    updatedAt: date(row[`${p}updated_at`]),
  });
}

export function snapshotFrom(row: Row, p = ''): ModerationSnapshot | null {
  if (row[`${p}case_id`] === null || row[`${p}case_id`] === undefined) return null;
  return instanceOf(ModerationSnapshot, {
    caseId: row[`${p}case_id`],
    kind: row[`${p}kind`],
    platformContentId: row[`${p}platform_content_id`],
    authorName: row[`${p}author_name`] ?? null,
    authorHandle: row[`${p}author_handle`] ?? null,
    text: row[`${p}text`],
    mediaUrls: row[`${p}media_urls`] ?? [],
    permalink: row[`${p}permalink`] ?? null,
    postedAt: date(row[`${p}posted_at`]),
    capturedAt: date(row[`${p}captured_at`]),
    capturedBy: ref(row[`${p}captured_by_id`]),
  });
}

const NOTICE_JSON = `json_build_object('case_id', n.subject_id, 'purpose', n.purpose, 'recipient_email', n.recipient_email,
  'status', n.status, 'attempts', n.attempts, 'last_error', n.last_error, 'delivered_at', n.delivered_at)`;

/** The notices of some cases, in the order of XXX (copy first), latest first within a purpose. */
export async function loadNotices(em: EntityManager, caseIds: readonly string[]): Promise<NoticeRow[]> {
  if (caseIds.length === 0) return [];
  return query<NoticeRow>(
    em,
    `select n.subject_id as case_id, n.purpose, n.recipient_email, n.status, n.attempts, n.last_error, n.delivered_at
       from notification n
      where n.subject_type = '${SUBJECT_TYPE}' and n.subject_id = any(?::text[])
      order by n.purpose, n.created_at desc`,
    [[...caseIds]],
  );
}

/**
 * Text PostgreSQL cannot store as given is refused as bad input, not left to fail in a
 * statement: a NUL byte (a database error) and a lone UTF-16 surrogate (stored as U+FFFD, so the
 * evidence digest, computed over the text as sent, could never be recomputed from the row).
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function storable(v: string, field: string): string {
  if (v.includes('\u0000') || LONE_SURROGATE.test(v)) {
    throw badInput(`${field} contains characters that cannot be stored (a NUL byte or a broken character).`, field);
  }
  return v;
}

function cleanText(value: string | null | undefined, field: string, max: number, min = 1): string {
  const v = storable((value ?? '').trim(), field);
  if (v.length < min) {
    throw badInput(min > 1 ? `${field} needs at least ${min} characters.` : `${field} is required.`, field);
  }
  if (v.length > max) throw badInput(`${field} must be at most ${max} characters.`, field);
  return v;
}

function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  const v = value?.trim();
  if (!v) return null;
  storable(v, field);
  if (v.length > max) throw badInput(`${field} must be at most ${max} characters.`, field);
  return v;
}

function webAddress(value: string | null | undefined, field: string): string | null {
  const v = value?.trim();
  if (!v) return null;
  try {
    const url = new URL(v);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error();
    return url.toString();
  } catch {
    throw badInput(`${field} must be an http(s) address.`, field);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else cannot name a record (and must not reach PostgreSQL as one). */
function existingId(what: string, id: string): string {
  if (!UUID.test(id)) throw notFound(what, id);
  return id;
}

function filterId(id: string, field: string): string {
  if (!UUID.test(id)) throw badInput(`${field} is not an id.`, field);
  return id;
}

function staffId(actor: Actor): string {
  if (actor.kind !== 'STAFF') throw forbidden('Only people work moderation cases.');
  return actor.staffId;
}

/** The settings moderation reads: the response time, the retention schedule, the dashboard's address. */
export type ModerationConfig = Pick<Config, 'moderation' | 'publicUrl'>;

/**
 * Moderation cases (XXX-XXXV): the use cases behind the GraphQL operations. Every mutation runs
 * in one transaction with its audit event; a removal writes its two notices in that same
 * transaction through the outbox, and the outbox's delivery hook reports the case.
 */

export class ModerationService {
  constructor(
    private readonly config: ModerationConfig,
    options: { reportDeliveries?: boolean } = {},
  ) {
    // Cases move to REPORTED from the outbox's delivery transaction (XXX: both notices delivered).
    // The API's service does it; a seed or a CLI that delivers nothing need not.
    if (options.reportDeliveries ?? true) registerModerationHooks(this);
  }

  private get schedule() {
    return {
      retentionDays: this.config.moderation.retentionDays,
      dismissedRetentionDays: this.config.moderation.dismissedRetentionDays,
    };
  }

  /** The account's people, for scope (one statement). */
  async scopeFacts(em: EntityManager, accountId: string): Promise<(CaseScopeFacts & { account: Row }) | null> {
    if (!UUID.test(accountId)) return null;
    const [row] = await query<Row>(
      em,
      `select a.id, a.handle, a.platform, a.classification, a.owner_id, o.supervisor_id as owner_supervisor_id,
              coalesce(a.school_id, o.school_id) as school_id,
              coalesce((select array_agg(x.staff_id) from social_account_administrator x where x.social_account_id = a.id), '{}') as administrator_ids
         from social_account a join staff o on o.id = a.owner_id
        where a.id = ?`,
      [accountId],
    );
    if (!row) return null;
    return {
      account: row,
      ownerId: row.owner_id as string,
      ownerSupervisorId: (row.owner_supervisor_id as string | null) ?? null,
      schoolId: (row.school_id as string | null) ?? null,
      administratorIds: (row.administrator_ids as string[]) ?? [],
    };
  }

  private assertOnCase(actor: Actor | null, operation: Operation, facts: CaseScopeFacts, what = 'this case'): Actor {
    const a = requireActor(actor);
    if (!mayOnCase(a, operation, facts)) {
      throw forbidden(
        `You may not ${VERB[operation] ?? operation} ${what}: it is on an account outside your scope ` +
          "(moderation follows the account: its owner, its administrators, the owner's supervisor, district roles).",
        ['XXX'],
      );
    }
    return a;
  }

  /**
   * Loads a case for a mutation, locked (FOR UPDATE) and fresh, with its scope checked for
   * `operation`. The lock orders a person's step after (or before) the outbox's move to REPORTED,
   * which locks the row too, so that move never makes a person's step fail; two people acting on
   * one case at once take turns, and the second sees what the first did.
   */
  private async caseFor(tx: EntityManager, actor: Actor, id: string, operation: Operation) {
    const found = await tx.findOne(
      ModerationCase,
      { id: existingId('Moderation case', id) },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (!found) throw notFound('Moderation case', id);
    const facts = await this.scopeFacts(tx, found.account.id);
    if (!facts) throw notFound('Social account', found.account.id);
    this.assertOnCase(actor, operation, facts);
    return { found, facts };
  }

  async get(em: EntityManager, actor: Actor | null, id: string): Promise<ModerationCase> {
    const found = await em.findOne(ModerationCase, { id: existingId('Moderation case', id) });
    if (!found) throw notFound('Moderation case', id);
    const facts = await this.scopeFacts(em, found.account.id);
    if (!facts) throw notFound('Moderation case', id);
    this.assertOnCase(actor, 'moderation.read', facts);
    return found;
  }

  /** The caller's read scope as SQL over `a` (account) and `o` (its owner). */
  private scopeWhere(actor: Actor, where: SqlWhere): void {
    const scope = scopeSql(actor, 'moderation.read', ACCOUNT_PEOPLE_COLUMNS);
    if (scope) where.add(scope.sql, ...scope.params);
  }

  private filterWhere(actor: Actor, filter: ModerationListFilter | null | undefined, withState: boolean): SqlWhere {
    const where = new SqlWhere();
    this.scopeWhere(actor, where);
    const me = actor.kind === 'STAFF' ? actor.staffId : null;
    if (withState && filter?.state) where.add('c.state = ?', filter.state);
    if (filter?.accountId) where.add('c.account_id = ?', filterId(filter.accountId, 'filter.accountId'));
    if (filter?.schoolId) where.add('coalesce(a.school_id, o.school_id) = ?', filterId(filter.schoolId, 'filter.schoolId'));
    if (filter?.reason) where.add('? = any(c.reasons)', filter.reason);
    if (filter?.assignedToMe) where.add('c.assignee_id = ?', me);
    if (filter?.unassigned) where.add('c.assignee_id is null');
    if (filter?.overdue === true) where.add(`c.state in ('OPEN', 'REMOVED') and c.due_at < now()`);
    if (filter?.overdue === false) where.add(`not (c.state in ('OPEN', 'REMOVED') and c.due_at < now())`);
    return where;
  }

  /**
   * The queue, one statement: cases that need someone (still OPEN or REMOVED, and unassigned or
   * overdue) first, then the rest, newest first within each. Each half walks the
   * `(opened_at desc, id desc)` index and stops at the page's end (carrying the case's columns, so
   * the case table is not read again); the page then joins what the dashboard's queue shows
   * (account, owner, school, snapshot; the people it names, the account's administrators and the
   * notices as JSON per row, which keeps the join list short enough for the planner to order
   * it whole), all primed into loaders.
   */
  async list(
    em: EntityManager,
    actor: Actor,
    filter: ModerationListFilter | null | undefined,
    page: PageInput | null | undefined,
  ): Promise<ListPage<ModerationCase> & { snapshots: (ModerationSnapshot | null)[]; notices: NoticeRow[]; administrators: Map<string, Staff[]> }> {
    const { clause, through } = pageWindow(page);
    const where = this.filterWhere(actor, filter, true);
    // The domain's moderationNeedsAttention, as SQL.
    const attention = `c.state in ('OPEN', 'REMOVED') and (c.assignee_id is null or c.due_at < now())`;
    // Each half reads the page's rows whole (case, account, owner, school, snapshot): with a
    // LIMIT the planner walks the queue index and looks each relation up by its key, row by row.
    const half = (bucket: number, condition: string) =>
      `(select ${bucket} as bucket, ${columns('c', CASE_COLUMNS)},
               ${columns('a', ACCOUNT_COLUMNS, 'a_')}, ${columns('o', STAFF_COLUMNS, 'o_')},
               ${columns('sc', ORGANIZATION_COLUMNS, 'sc_')}, ${columns('sn', SNAPSHOT_COLUMNS, 'sn_')}
          from moderation_case c
          join social_account a on a.id = c.account_id
          join staff o on o.id = a.owner_id
          left join organization sc on sc.id = a.school_id
          left join moderation_snapshot sn on sn.case_id = c.id
          ${where} ${where.toString() ? 'and' : 'where'} (${condition})
         order by c.opened_at desc, c.id desc ${through.sql})`;
    const rows = await query<Row>(
      em,
      `with queue as (${half(0, attention)} union all ${half(1, `not (${attention})`)})
       select q.*,
              (select coalesce(json_agg(row_to_json(st)), '[]') from staff st
                where st.id = any(array[q.o_supervisor_id, q.assignee_id, q.opened_by_id, q.sn_captured_by_id])) as c_people,
              (select coalesce(json_agg(row_to_json(st) order by st.family_name, st.given_name), '[]')
                 from social_account_administrator x join staff st on st.id = x.staff_id
                where x.social_account_id = q.a_id) as a_administrators,
              (select coalesce(json_agg(${NOTICE_JSON} order by n.purpose, n.created_at desc), '[]')
                 from notification n where n.subject_type = '${SUBJECT_TYPE}' and n.subject_id = q.id::text) as c_notices
         from queue q
        order by q.bucket, q.opened_at desc, q.id desc
        ${clause.sql}`,
      [...where.params, ...through.params, ...where.params, ...through.params, ...clause.params],
    );
    const items = rows.map((row) => caseFrom(row));
    const administrators = new Map<string, Staff[]>();
    for (const row of rows) {
      administrators.set(row.a_id as string, (row.a_administrators as Row[]).map((s) => staffFrom(s)));
    }
    const staff = rows.flatMap((row) => [staffFrom(row, 'o_'), ...(row.c_people as Row[]).map((s) => staffFrom(s))]);
    const page_ = listPage(
      items,
      {
        staff: [...staff, ...[...administrators.values()].flat()],
        accounts: rows.map((row) => accountFrom(row, 'a_')),
        organizations: rows.map((row) => organizationFrom(row, 'sc_')),
      },
      () =>
        countRows(
          em,
          `select count(*)::int as total from moderation_case c join social_account a on a.id = c.account_id
             join staff o on o.id = a.owner_id ${where}`,
          where.params,
        ),
    );
    return Object.assign(page_, {
      snapshots: rows.map((row) => snapshotFrom(row, 'sn_')),
      notices: rows.flatMap((row) => row.c_notices as NoticeRow[]),
      administrators,
    });
  }

  /** How many cases the caller may see are in each state (the queue's counts). */
  async counts(em: EntityManager, actor: Actor, filter: ModerationListFilter | null | undefined) {
    const where = this.filterWhere(actor, filter, false);
    const rows = await query<{ state: ModerationState; count: number }>(
      em,
      `select c.state, count(*)::int as count from moderation_case c join social_account a on a.id = c.account_id
         join staff o on o.id = a.owner_id ${where} group by c.state`,
      where.params,
    );
    const byState = new Map(rows.map((r) => [r.state, r.count]));
    return MODERATION_STATES.map((state) => ({ state, count: byState.get(state) ?? 0 }));
  }

  async open(
    em: EntityManager,
    actor: Actor,
    input: { accountId: string; snapshot: SnapshotInput },
    requestId: string,
  ): Promise<ModerationCase> {
    const me = staffId(actor);
    const s = input.snapshot;
    const text = s.text ?? '';
    if (!text.trim()) throw badInput('The snapshot needs the text of the content.', 'snapshot.text');
    if (text.length > 20_000) throw badInput('The text must be at most 20,000 characters.', 'snapshot.text');
    storable(text, 'snapshot.text');
    const platformContentId = cleanText(s.platformContentId, 'snapshot.platformContentId', 200);
    const mediaUrls = (s.mediaUrls ?? []).map((u) => webAddress(u, 'snapshot.mediaUrls') as string).filter(Boolean);
    if (mediaUrls.length > 20) throw badInput('At most 20 media addresses.', 'snapshot.mediaUrls');
    const capturedAt = new Date();
    if (s.postedAt && s.postedAt.getTime() > capturedAt.getTime() + 5 * 60_000) {
      throw badInput('postedAt is in the future.', 'snapshot.postedAt');
    }
    return em.transactional(async (tx) => {
      const facts = await this.scopeFacts(tx, input.accountId);
      if (!facts) throw notFound('Social account', input.accountId);
      // Scope first: someone else's account says nothing about itself, not even that it is personal.
      this.assertOnCase(actor, 'moderation.record', facts, 'content on this account');
      const may = mayOpenModerationCase(facts.account.classification as 'PERSONAL' | 'SCHOOL_AFFILIATED');
      if (!may.ok) throw fromRefusal(may);
      const [open] = await query<{ id: string }>(
        tx,
        `select c.id from moderation_case c join moderation_snapshot sn on sn.case_id = c.id
          where c.account_id = ? and sn.platform_content_id = ? and c.state in ('OPEN', 'REMOVED') limit 1`,
        [input.accountId, platformContentId],
      );
      if (open) throw conflict(`A case for this content is already being worked: ${open.id}.`);

      const moderationCase = tx.create(ModerationCase, {
        account: tx.getReference(SocialAccount, input.accountId),
        openedBy: tx.getReference(Staff, me),
        openedAt: capturedAt,
        dueAt: moderationDueAt(capturedAt, this.config.moderation.responseHours),
        evidenceDigest: '',
      });
      const fields: EvidenceFields = {
        caseId: moderationCase.id,
        accountId: input.accountId,
        kind: s.kind,
        platformContentId,
        authorName: optionalText(s.authorName, 'snapshot.authorName', 200),
        authorHandle: optionalText(s.authorHandle, 'snapshot.authorHandle', 200)?.replace(/^@+/, '') ?? null,
        text,
        mediaUrls,
        permalink: webAddress(s.permalink, 'snapshot.permalink'),
        postedAt: s.postedAt ?? null,
        capturedAt,
        capturedById: me,
      };
      const evidence = evidenceDigest(fields);
      moderationCase.evidenceDigest = evidence.digest;
      moderationCase.triageFlags = await triage(tx, text, actor);
      await tx.flush();
      // The snapshot after its case (the foreign key); one INSERT, never an UPDATE afterwards.
      tx.create(ModerationSnapshot, {
        caseId: moderationCase.id,
        kind: fields.kind,
        platformContentId: fields.platformContentId,
        authorName: fields.authorName,
        authorHandle: fields.authorHandle,
        text: fields.text,
        mediaUrls: [...fields.mediaUrls],
        permalink: fields.permalink,
        postedAt: fields.postedAt,
        capturedAt,
        capturedBy: tx.getReference(Staff, me),
        canonical: evidence.canonical,
        digest: evidence.digest,
      });
      await tx.flush();
      await recordAudit(tx, actor, requestId, {
        action: 'moderation.open',
        targetType: 'ModerationCase',
        targetId: moderationCase.id,
        // Never the content itself: the audit trail is append-only and outlives the purge.
        change: {
          account: input.accountId,
          kind: fields.kind,
          platformContentId,
          digest: evidence.digest,
          algorithm: EVIDENCE_ALGORITHM,
          dueAt: moderationCase.dueAt,
          triage: moderationCase.triageFlags.map((f) => f.section),
          sections: ['XXX'],
        },
      });
      return moderationCase;
    });
  }

  /** Runs one audited change of a case; the loser of a concurrent change gets CONFLICT. */
  private async change(
    em: EntityManager,
    actor: Actor,
    id: string,
    operation: Operation,
    apply: (tx: EntityManager, found: ModerationCase, facts: CaseScopeFacts & { account: Row }) => Promise<{ action: string; change: Record<string, unknown> }>,
    requestId: string,
  ): Promise<ModerationCase> {
    try {
      return await em.transactional(async (tx) => {
        const { found, facts } = await this.caseFor(tx, actor, id, operation);
        const { action, change } = await apply(tx, found, facts);
        await tx.flush();
        await recordAudit(tx, actor, requestId, {
          action,
          targetType: 'ModerationCase',
          targetId: found.id,
          change,
        });
        return found;
      });
    } catch (error) {
      if (error instanceof OptimisticLockError) {
        throw conflict('Someone else changed this case at the same moment; reload it.');
      }
      throw error;
    }
  }

  /** A state machine step: the domain decides, retention starts when a final state is reached. */
  private step(found: ModerationCase, action: ModerationAction, note: string | null, now: Date) {
    const from = found.state;
    const next = transitionModeration(from, action, note);
    if (!next.ok) throw fromRefusal(next);
    found.state = next.state;
    if (FINAL_MODERATION_STATES.includes(next.state)) {
      found.retentionUntil = moderationRetentionUntil(next.state, now, this.schedule);
    }
    if (next.state === 'CLOSED' || next.state === 'DISMISSED' || next.state === 'RESTORED') found.closedAt = now;
    return { from, to: next.state };
  }

  /** The people the notices of XXX go to; a removal is refused when either office is vacant. */
  private async recipients(tx: EntityManager): Promise<Record<RemovalNotice, Recipient>> {
    const find = async (role: string, office: string, notice: string) => {
      const [person] = await tx.find(
        Staff,
        { roles: { $contains: [role] }, active: true },
        { orderBy: { createdAt: 'asc', id: 'asc' }, limit: 1 },
      );
      if (!person) {
        throw policyViolation(
          `No active staff member holds the ${role} role, so the ${notice} that XXX requires cannot be ` +
            `sent. Ask district IT to give the ${office} that role, then record the removal again.`,
          ['XXX'],
        );
      }
      return { staffId: person.id, email: person.email, name: person.fullName };
    };
    return {
      COPY_TO_SUPERINTENDENT: await find('SUPERINTENDENT', 'superintendent', 'copy of the content'),
      REASON_TO_EXTERNAL_RELATIONS: await find(
        'EXTERNAL_RELATIONS',
        'Director of External Relations',
        'written notice of the reason',
      ),
    };
  }

  remove(em: EntityManager, actor: Actor, id: string, reasons: string[], explanation: string, requestId: string) {
    const me = staffId(actor);
    return this.change(
      em,
      actor,
      id,
      'moderation.record',
      async (tx, found, facts) => {
        const valid = validateRemoval(reasons, explanation);
        if (!valid.ok) throw fromRefusal(valid);
        cleanText(explanation, 'explanation', 5000);
        const now = new Date();
        const { from, to } = this.step(found, 'REMOVE', null, now);
        found.reasonCodes = valid.reasons;
        found.explanation = explanation.trim();
        found.removedBy = tx.getReference(Staff, me);
        found.removedAt = now;
        const recipients = await this.recipients(tx);
        const snapshot = await tx.findOne(ModerationSnapshot, { caseId: found.id });
        if (!snapshot) throw conflict('The evidence of this case was purged; nothing can be removed any more.');
        const remover = await tx.findOneOrFail(Staff, { id: me });
        const notes = await tx.find(
          ModerationCaseNote,
          { moderationCase: found.id, visibility: 'RECORD' },
          { orderBy: { createdAt: 'asc' }, populate: ['author'] },
        );
        const drafts = removalNotices(
          {
            caseId: found.id,
            account: { handle: facts.account.handle as string, platform: facts.account.platform as string },
            reasons: valid.reasons,
            explanation: found.explanation,
            removedBy: { name: remover.fullName, email: remover.email },
            removedAt: now,
            author: { name: snapshot.authorName, handle: snapshot.authorHandle },
            kind: snapshot.kind,
            platformContentId: snapshot.platformContentId,
            permalink: snapshot.permalink,
            recordNotes: notes.map((n) => ({ author: n.author?.fullName ?? 'someone', body: n.body, at: n.createdAt })),
            evidence: { canonical: snapshot.canonical, digest: snapshot.digest },
          },
          recipients,
          this.config.publicUrl,
        );
        const noticeIds = await enqueueNotifications(tx, drafts);
        return {
          action: 'moderation.remove',
          change: {
            from,
            to,
            reasons: valid.reasons,
            sections: valid.sections,
            explanation: found.explanation,
            notices: REMOVAL_NOTICES.map((purpose, i) => ({
              purpose,
              id: noticeIds[i],
              to: recipients[purpose].email,
            })),
          },
        };
      },
      requestId,
    );
  }

  dismiss(em: EntityManager, actor: Actor, id: string, note: string, requestId: string) {
    return this.change(em, actor, id, 'moderation.record', async (_tx, found) => {
      const { from, to } = this.step(found, 'DISMISS', note, new Date());
      found.decisionNote = cleanText(note, 'note', 5000);
      return {
        action: 'moderation.dismiss',
        change: { from, to, note: found.decisionNote, retentionUntil: found.retentionUntil, sections: ['XXX'] },
      };
    }, requestId);
  }

  close(em: EntityManager, actor: Actor, id: string, note: string | null | undefined, requestId: string) {
    return this.change(em, actor, id, 'moderation.record', async (_tx, found) => {
      const { from, to } = this.step(found, 'CLOSE', note ?? null, new Date());
      if (note?.trim()) found.decisionNote = optionalText(note, 'note', 5000);
      return {
        action: 'moderation.close',
        change: { from, to, note: note?.trim() || null, retentionUntil: found.retentionUntil, sections: ['XXX'] },
      };
    }, requestId);
  }

  /** XXX: the Director of External Relations orders removed content back, in writing. */
  restore(em: EntityManager, actor: Actor, id: string, note: string, requestId: string) {
    return this.change(em, actor, id, 'moderation.answer', async (_tx, found) => {
      const { from, to } = this.step(found, 'RESTORE', note, new Date());
      found.decisionNote = cleanText(note, 'note', 5000);
      return {
        action: 'moderation.restore',
        change: { from, to, note: found.decisionNote, retentionUntil: found.retentionUntil, sections: ['XXX'] },
      };
    }, requestId);
  }

  assign(em: EntityManager, actor: Actor, id: string, assigneeId: string | null | undefined, requestId: string) {
    return this.change(em, actor, id, 'moderation.record', async (tx, found, facts) => {
      if (!['OPEN', 'REMOVED', 'REPORTED'].includes(found.state)) {
        throw conflict(`A case that is ${found.state} is finished; there is nothing to assign.`);
      }
      const before = found.assignee?.id ?? null;
      if (assigneeId) {
        const assignee = UUID.test(assigneeId) ? await tx.findOne(Staff, { id: assigneeId }) : null;
        if (!assignee) throw badInput(`Staff member ${assigneeId} does not exist.`, 'assigneeId');
        const may = mayAssignModerationCase(
          { id: assignee.id, roles: assignee.roles, active: assignee.active },
          { ownerId: facts.ownerId, administratorIds: facts.administratorIds },
        );
        if (!may.ok) throw fromRefusal(may);
        found.assignee = assignee;
      } else {
        found.assignee = null;
      }
      return { action: 'moderation.assign', change: { from: before, to: assigneeId ?? null } };
    }, requestId);
  }

  addNote(em: EntityManager, actor: Actor, id: string, body: string, visibility: CaseNoteVisibility, requestId: string) {
    const me = staffId(actor);
    const text = cleanText(body, 'body', 5000);
    return this.change(em, actor, id, 'moderation.record', async (tx, found) => {
      const note = tx.create(ModerationCaseNote, {
        moderationCase: found,
        author: tx.getReference(Staff, me),
        body: text,
        visibility,
      });
      // A new note is a change of the case: its version moves, so a stale page sees it.
      found.updatedAt = new Date();
      return { action: 'moderation.note', change: { note: note.id, visibility } };
    }, requestId);
  }

  /** Records a question about a removal; the Director of External Relations answers it (XXX). */
  ask(
    em: EntityManager,
    actor: Actor,
    id: string,
    input: { askerName: string; askerContact?: string | null; question: string },
    requestId: string,
  ) {
    const me = staffId(actor);
    const askerName = cleanText(input.askerName, 'askerName', 200);
    const askerContact = optionalText(input.askerContact, 'askerContact', 300);
    const question = cleanText(input.question, 'question', 5000);
    return this.change(em, actor, id, 'moderation.record', async (tx, found) => {
      if (!found.removedAt) {
        throw conflict('Nothing was removed on this case; questions about a removal are recorded once it is removed.');
      }
      const q = tx.create(RemovalQuestion, {
        moderationCase: found,
        askerName,
        askerContact,
        question,
        recordedBy: tx.getReference(Staff, me),
      });
      found.updatedAt = new Date();
      // The asker's name and contact stay out of the append-only trail.
      return { action: 'moderation.ask', change: { question: q.id, sections: ['XXX'] } };
    }, requestId);
  }

  async answer(em: EntityManager, actor: Actor, questionId: string, answer: string, requestId: string) {
    const me = staffId(actor);
    const text = cleanText(answer, 'answer', 5000);
    const question = await em.findOne(RemovalQuestion, { id: existingId('Question', questionId) });
    if (!question) throw notFound('Question', questionId);
    return this.change(em, actor, question.moderationCase.id, 'moderation.answer', async (tx, found) => {
      const q = await tx.findOneOrFail(RemovalQuestion, { id: questionId }, { refresh: true });
      if (q.answeredAt) throw conflict('This question was already answered.');
      q.answer = text;
      q.answeredBy = tx.getReference(Staff, me);
      q.answeredAt = new Date();
      found.updatedAt = new Date();
      return { action: 'moderation.answer', change: { question: q.id, sections: ['XXX'] } };
    }, requestId);
  }

  placeHold(em: EntityManager, actor: Actor, id: string, reason: string, requestId: string) {
    const me = staffId(actor);
    const text = cleanText(reason, 'reason', 2000, 10);
    return this.change(em, actor, id, 'moderation.hold', async (tx, found) => {
      if (found.legalHoldAt) throw conflict('This case is already under a legal hold.');
      if (found.purgedAt) throw conflict('The evidence of this case was already purged; only the digest remains.');
      found.legalHoldReason = text;
      found.legalHoldBy = tx.getReference(Staff, me);
      found.legalHoldAt = new Date();
      return { action: 'moderation.hold', change: { reason: text, retentionUntil: found.retentionUntil, sections: ['XIV', 'XXX'] } };
    }, requestId);
  }

  releaseHold(em: EntityManager, actor: Actor, id: string, reason: string, requestId: string) {
    const text = cleanText(reason, 'reason', 2000, 10);
    return this.change(em, actor, id, 'moderation.hold', async (_tx, found) => {
      if (!found.legalHoldAt) throw conflict('This case is not under a legal hold.');
      const previous = { reason: found.legalHoldReason, by: found.legalHoldBy?.id ?? null, at: found.legalHoldAt };
      found.legalHoldReason = null;
      found.legalHoldBy = null;
      found.legalHoldAt = null;
      return { action: 'moderation.releaseHold', change: { reason: text, previous, retentionUntil: found.retentionUntil, sections: ['XIV', 'XXX'] } };
    }, requestId);
  }

  /**
   * Recomputes the digest from the stored snapshot fields (never from the stored canonical text
   * alone, which a tamperer would edit too) and compares it with the digest recorded on the case
   * at capture, which the database never lets change.
   */
  async verify(em: EntityManager, actor: Actor | null, id: string) {
    const found = await this.get(em, actor, id);
    const snapshot = await em.findOne(ModerationSnapshot, { caseId: id }, { refresh: true });
    const base = { caseId: id, algorithm: EVIDENCE_ALGORITHM, storedDigest: found.evidenceDigest, checkedAt: new Date() };
    if (!snapshot) return { ...base, intact: false, purged: true, computedDigest: null };
    const computed = evidenceDigest({
      caseId: found.id,
      accountId: found.account.id,
      kind: snapshot.kind,
      platformContentId: snapshot.platformContentId,
      authorName: snapshot.authorName,
      authorHandle: snapshot.authorHandle,
      text: snapshot.text,
      mediaUrls: snapshot.mediaUrls,
      permalink: snapshot.permalink,
      postedAt: snapshot.postedAt,
      capturedAt: snapshot.capturedAt,
      capturedById: snapshot.capturedBy?.id ?? null,
    });
    const intact =
      computed.digest === found.evidenceDigest &&
      snapshot.digest === found.evidenceDigest &&
      snapshot.canonical === computed.canonical;
    return { ...base, intact, purged: false, computedDigest: computed.digest };
  }

  /**
   * The outbox's delivery hook, in the transaction that marks a notice DELIVERED: once both
   * notices of XXX are delivered, a REMOVED case becomes REPORTED. The case row is locked first,
   * so two dispatchers delivering the two notices at once serialize here and the second one sees
   * the first's delivery (each statement reads what committed before it, under READ COMMITTED).
   */
  async onNoticeDelivered(em: EntityManager, n: DeliveredNotification): Promise<void> {
    await this.reportIfDelivered(em, n.subjectId);
  }

  /** REMOVED -> REPORTED once every notice of XXX is delivered; in the caller's transaction. */
  private async reportIfDelivered(em: EntityManager, caseId: string): Promise<void> {
    const [found] = await query<{ id: string; state: ModerationState }>(
      em,
      'select id, state from moderation_case where id = ?::uuid for update',
      [caseId],
    );
    if (found?.state !== 'REMOVED') return;
    const delivered = await query<{ purpose: string; id: string }>(
      em,
      `select purpose, id from notification where subject_type = '${SUBJECT_TYPE}' and subject_id = ? and status = 'DELIVERED'`,
      [caseId],
    );
    if (!isReported(delivered.map((d) => d.purpose as RemovalNotice))) return;
    const next = transitionModeration(found.state, 'REPORT');
    if (!next.ok) return;
    const now = new Date();
    const retentionUntil = moderationRetentionUntil(next.state, now, this.schedule);
    await query(
      em,
      `update moderation_case set state = ?, reported_at = ?, retention_until = ?, version = version + 1, updated_at = ?
        where id = ?`,
      [next.state, now, retentionUntil, now, found.id],
    );
    // A machine event (actor null: SYSTEM), like the approvals' expiry sweep.
    await recordAudit(em, null, null, {
      action: 'moderation.report',
      targetType: 'ModerationCase',
      targetId: found.id,
      change: { from: 'REMOVED', to: next.state, notices: delivered.map((d) => d.id), retentionUntil, sections: ['XXX'] },
    });
  }

  /**
   * The safety net of the delivery hook: a REMOVED case whose notices are all DELIVERED is
   * reported here, each in its own transaction through the same hook. The outbox marks a notice
   * DELIVERED without its hooks after they failed five times (rather than send the mail again), so
   * without this sweep such a case would stay REMOVED and overdue. Runs once a minute (main.ts).
   */
  async reportDeliveredCases(em: EntityManager): Promise<number> {
    const stuck = await query<{ id: string }>(
      em,
      `select c.id from moderation_case c
        where c.state = 'REMOVED'
          and (select count(distinct n.purpose) from notification n
                where n.subject_type = '${SUBJECT_TYPE}' and n.subject_id = c.id::text
                  and n.status = 'DELIVERED') >= ${REMOVAL_NOTICES.length}`,
    );
    for (const { id } of stuck) {
      await em.fork().transactional((tx) => this.reportIfDelivered(tx, id));
    }
    return stuck.length;
  }

  /**
   * The retention purge (`npm run moderation:purge`): removes the snapshot of every case past its
   * retention date and not under a legal hold, in one transaction with one audit event. The
   * database's trigger checks the same conditions again and leaves the tombstone (`purged_at`);
   * the triage flags (which quote the content) are emptied and the copy attached to the
   * superintendent's notice is dropped from the outbox.
   */
  async purge(
    em: EntityManager,
    options: { dryRun?: boolean; batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<{ due: number; purged: number; caseIds: string[]; dryRun: boolean }> {
    const dryRun = options.dryRun ?? false;
    const batchSize = options.batchSize ?? 500;
    return em.fork().transactional(async (tx) => {
      // The domain's rule (mayPurgeEvidence) decides; the query only narrows to candidates, and
      // the database's trigger checks the same conditions once more on delete.
      const candidates = await query<{ id: string; retention_until: string | null; legal_hold_at: string | null; purged_at: string | null }>(
        tx,
        `select c.id, c.retention_until, c.legal_hold_at, c.purged_at from moderation_case c
          where c.purged_at is null and c.legal_hold_at is null and c.retention_until <= now()
          order by c.retention_until, c.id for update of c`,
      );
      const now = new Date();
      const ids = candidates
        .filter(
          (c) =>
            mayPurgeEvidence(
              { retentionUntil: date(c.retention_until), legalHold: c.legal_hold_at !== null, purged: c.purged_at !== null },
              now,
            ).ok,
        )
        .map((c) => c.id);
      if (dryRun) return { due: ids.length, purged: 0, caseIds: ids, dryRun };
      let purged = 0;
      for (let i = 0; i < ids.length; i += batchSize) {
        const batch = ids.slice(i, i + batchSize);
        const deleted = await query<{ case_id: string }>(
          tx,
          'delete from moderation_snapshot where case_id = any(?::uuid[]) returning case_id',
          [batch],
        );
        await query(tx, `update moderation_case set triage = '[]'::jsonb where id = any(?::uuid[])`, [batch]);
        await query(
          tx,
          `update notification set attachments = '[]'::jsonb, updated_at = now()
            where subject_type = '${SUBJECT_TYPE}' and subject_id = any(?::text[]) and attachments <> '[]'::jsonb`,
          [batch],
        );
        purged += deleted.length;
        options.onProgress?.(Math.min(i + batch.length, ids.length), ids.length);
      }
      await recordAudit(tx, null, null, {
        action: 'moderation.purge',
        targetType: 'ModerationCase',
        targetId: null,
        change: { purged, caseIds: ids, sections: ['XIV', 'XXX'] },
      });
      return { due: ids.length, purged, caseIds: ids, dryRun };
    });
  }
}

/**
 * The outbox runs delivery hooks by subject type; moderation's is registered once per process
 * and calls the most recently created service (one per app, with that app's retention schedule).
 */
let reporting: ModerationService | null = null;
async function reportWhenDelivered(em: EntityManager, n: DeliveredNotification): Promise<void> {
  await reporting?.onNoticeDelivered(em, n);
}
export function registerModerationHooks(service: ModerationService): void {
  reporting = service;
  onDelivered(SUBJECT_TYPE, reportWhenDelivered);
}
