import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';
import { SocialAccount } from '../accounts/social-account.entity.js';
import { ApprovalRequest } from '../approvals/approval-request.entity.js';
import { Organization } from '../organization/organization.entity.js';
import type { Student } from '../sis/sis.entities.js';
import { Staff } from '../staff/staff.entity.js';
import type { Loaders } from './loaders.js';
import { partialPrototype, type Shape } from './projection.js';

/**
 * The read path of lists (README "Performance"): a page is one hand-written SQL statement with
 * the relations the list shows joined once, read as plain rows (no entity hydration, no identity
 * map), and the total is a second, cheap statement run only when a client selects `total`.
 * The rows are shaped like the entities (relations as `{ id }` references), so the same GraphQL
 * types and field resolvers serve them; joined relations prime the request's DataLoaders so no
 * field resolver fetches them again. Writes keep MikroORM's unit of work.
 */

type Row = Record<string, unknown>;

/** A reference to a related row, as an unloaded ManyToOne looks: only its id. */
function ref<T>(id: unknown): T | null {
  return typeof id === 'string' ? ({ id } as T) : null;
}

/**
 * A row as an instance of its GraphQL type without running the entity's constructor or
 * MikroORM's property setters. type-graphql hands an instance to field resolvers as it is (a
 * plain object it would copy into `new Class()`, which costs an entity's initializers and change
 * tracking per row), and the class's getters (e.g. `Staff.fullName`) work.
 *
 * MikroORM puts a setter for every property on the entity's prototype. Rows get a prototype of
 * their own in between, holding plain writable data properties of the same names: assigning a
 * value then finds that data property first and simply creates the row's own property, which is
 * as fast as filling a plain object (defining properties one by one was the hot spot).
 */
const shadows = new WeakMap<object, object>();

export function instanceOf<T>(type: abstract new (...args: never[]) => T, values: Record<string, unknown>): T {
  return Object.assign(Object.create(shadowOf(type, values)), values) as T;
}

/** The shadow prototype of `type`, with a data property for each key of `values`. */
function shadowOf(type: abstract new (...args: never[]) => unknown, values: Record<string, unknown>): object {
  let proto = shadows.get(type);
  if (!proto) {
    proto = Object.create(type.prototype) as object;
    shadows.set(type, proto);
  }
  for (const key in values) {
    if (!Object.hasOwn(proto, key)) {
      Object.defineProperty(proto, key, { value: undefined, writable: true, configurable: true });
    }
  }
  return proto;
}

/**
 * A row read by a projected list (server/projection.ts): an instance of `type` holding `values`,
 * on which reading any of `absent` (the properties whose columns were not read) throws.
 */
export function partialInstanceOf<T>(
  type: abstract new (...args: never[]) => T,
  values: Record<string, unknown>,
  absent: readonly string[],
): T {
  return Object.assign(Object.create(partialPrototype(type, absent, shadowOf(type, values))), values) as T;
}

/** A statement's text for the driver (`$n` placeholders) and its prepared-statement name. */
interface Statement {
  text: string;
  name: string | undefined;
}

/**
 * Statement texts seen so far. Lists are a bounded set of texts (one per combination of filters),
 * each prepared once per pooled connection, so PostgreSQL parses and plans it once and then only
 * binds and executes. Past the bound, texts run unnamed (parsed each time), as before.
 */
const statements = new Map<string, Statement>();
const MAX_PREPARED = 200;

function statementFor(sql: string): Statement {
  let statement = statements.get(sql);
  if (!statement) {
    // The texts passed here use knex's value placeholder `?` only: no `??` (knex's identifier
    // binding) and no `\?` escapes (knex's raw step and its positional step disagree on those),
    // so both paths (this one and `tx.raw`) read a text the same way.
    if (/\?\?|\\\?/.test(sql)) throw new Error(`query(): \`??\` and \`\\?\` are not supported: ${sql.slice(0, 120)}`);
    let n = 0;
    const text = sql.replace(/\?/g, () => `$${++n}`);
    const name = statements.size < MAX_PREPARED ? `steward_${statements.size}` : undefined;
    statement = { text, name };
    if (name) statements.set(sql, statement);
  }
  return statement;
}

/**
 * PostgreSQL's answers when a prepared statement no longer fits the tables (a migration changed
 * a column a statement selects, while this process kept its connections: "cached plan must not
 * change result type") or is gone from the connection (a pooler that does not keep them).
 */
const STALE_PREPARED = new Set(['0A000', '26000']);

/**
 * Runs a statement with its parameters bound by the driver. MikroORM's `execute` first inlines
 * every value into the SQL text (escaping included), and knex's raw path compiles the statement
 * again on every call: together a measurable share of a list request's CPU. Outside a
 * transaction a statement goes to a pooled connection of the ORM's own pool directly, as a
 * prepared statement (a stale one is retried once unprepared, and that text stays unprepared
 * from then on); inside one it runs through the transaction's knex (the same connection). Either
 * way knex's `query` event fires, which the statement-count tests listen to.
 */
export async function query<T>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T[]> {
  const tx = em.getTransactionContext<Knex.Transaction>();
  if (tx) {
    const result = (await tx.raw(sql, params as Knex.RawBinding[])) as { rows: T[] };
    return result.rows;
  }
  if (params.includes(undefined)) throw new Error(`Undefined binding in a read: ${sql.slice(0, 120)}`);
  const client = em.getConnection().getKnex().client as KnexClient;
  const statement = statementFor(sql);
  const values = params as unknown[];
  const connection = await client.acquireConnection();
  try {
    client.emit('query', { sql: statement.text, bindings: params, method: 'raw' });
    try {
      return (await connection.query<T>({ name: statement.name, text: statement.text, values })).rows;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (!statement.name || typeof code !== 'string' || !STALE_PREPARED.has(code)) throw error;
      statement.name = undefined;
      return (await connection.query<T>({ text: statement.text, values })).rows;
    }
  } finally {
    await client.releaseConnection(connection);
  }
}

/** The part of knex's client the direct read path uses (a pooled `pg` client). */
interface KnexClient {
  emit(event: 'query', data: { sql: string; bindings: readonly unknown[]; method: string }): void;
  acquireConnection(): Promise<{
    query<R>(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: R[] }>;
  }>;
  releaseConnection(connection: unknown): Promise<void>;
}

/** MikroORM's driver returns timestamps as text; the GraphQL types carry Dates. */
function date(value: unknown): Date | null {
  return value === null || value === undefined ? null : new Date(value as string);
}

/** `alias.col as prefixcol, ...` for a column list. */
export function columns(alias: string, names: readonly string[], prefix = ''): string {
  // Built once per (list, alias, prefix): a list's statement text is then the same string
  // object request after request, which also keeps the prepared-statement lookup cheap.
  let byAlias = columnLists.get(names);
  if (!byAlias) {
    byAlias = new Map();
    columnLists.set(names, byAlias);
  }
  const key = `${alias} ${prefix}`;
  let text = byAlias.get(key);
  if (text === undefined) {
    text = names.map((c) => `${alias}.${c} as ${prefix}${c}`).join(', ');
    byAlias.set(key, text);
  }
  return text;
}
const columnLists = new WeakMap<readonly string[], Map<string, string>>();

export const STAFF_COLUMNS = [
  'id',
  'sourced_id',
  'email',
  'given_name',
  'family_name',
  'position',
  'school_id',
  'supervisor_id',
  'roles',
  'active',
  'oidc_subject',
  'created_at',
  'updated_at',
] as const;

export function staffFrom(row: Row, p = ''): Staff {
  return instanceOf(Staff, {
    id: row[`${p}id`],
    sourcedId: row[`${p}sourced_id`],
    email: row[`${p}email`],
    givenName: row[`${p}given_name`],
    familyName: row[`${p}family_name`],
    position: row[`${p}position`],
    school: ref(row[`${p}school_id`]),
    supervisor: ref(row[`${p}supervisor_id`]),
    roles: row[`${p}roles`],
    active: row[`${p}active`],
    oidcSubject: row[`${p}oidc_subject`] ?? null,
    createdAt: date(row[`${p}created_at`]),
    updatedAt: date(row[`${p}updated_at`]),
  });
}

export const ORGANIZATION_COLUMNS = [
  'id',
  'sourced_id',
  'kind',
  'name',
  'short_name',
  'parent_id',
  'profile',
  'active',
  'created_at',
  'updated_at',
] as const;

export function organizationFrom(row: Row, p = ''): Organization | null {
  if (row[`${p}id`] === null || row[`${p}id`] === undefined) return null;
  return instanceOf(Organization, {
    id: row[`${p}id`],
    sourcedId: row[`${p}sourced_id`],
    kind: row[`${p}kind`],
    name: row[`${p}name`],
    shortName: row[`${p}short_name`],
    parent: ref(row[`${p}parent_id`]),
    profile: row[`${p}profile`],
    active: row[`${p}active`],
    createdAt: date(row[`${p}created_at`]),
    updatedAt: date(row[`${p}updated_at`]),
  });
}

export const ACCOUNT_COLUMNS = [
  'id',
  'content_kind',
  'platform',
  'handle',
  'url',
  'display_name',
  'bio',
  'owner_id',
  'school_id',
  'signals',
  'classification',
  'classification_sections',
  'classification_explanation',
  'state',
  'reclassified_at',
  'suggestions',
  'suggested_at',
  'review_status',
  'review_signals',
  'review_flagged_at',
  'reviewed_by_id',
  'reviewed_at',
  'review_note',
  'version',
  'created_at',
  'updated_at',
] as const;

export function accountFrom(row: Row, p = ''): SocialAccount | null {
  if (row[`${p}id`] === null || row[`${p}id`] === undefined) return null;
  return instanceOf(SocialAccount, {
    id: row[`${p}id`],
    contentKind: row[`${p}content_kind`] ?? 'SOCIAL_ACCOUNT',
    platform: row[`${p}platform`],
    handle: row[`${p}handle`],
    url: row[`${p}url`],
    displayName: row[`${p}display_name`],
    bio: row[`${p}bio`],
    owner: ref(row[`${p}owner_id`]),
    school: ref(row[`${p}school_id`]),
    signals: row[`${p}signals`],
    classification: row[`${p}classification`],
    classificationSections: row[`${p}classification_sections`],
    classificationExplanation: row[`${p}classification_explanation`],
    state: row[`${p}state`],
    reclassifiedAt: date(row[`${p}reclassified_at`]),
    suggestions: row[`${p}suggestions`] ?? [],
    suggestedAt: date(row[`${p}suggested_at`]),
    reviewStatus: row[`${p}review_status`] ?? null,
    reviewSignals: row[`${p}review_signals`] ?? [],
    reviewFlaggedAt: date(row[`${p}review_flagged_at`]),
    reviewedBy: ref(row[`${p}reviewed_by_id`]),
    reviewedAt: date(row[`${p}reviewed_at`]),
    reviewNote: row[`${p}review_note`] ?? null,
    version: row[`${p}version`],
    createdAt: date(row[`${p}created_at`]),
    updatedAt: date(row[`${p}updated_at`]),
  });
}

/**
 * The social accounts list's projection (server/projection.ts): what the dashboard's register
 * and similar lists select. `attention` reads the classification, state, reclassification,
 * affiliation review and the owner's `active` (`accountAttention`); `classificationReasons` the
 * signals. Any other field reads the full rows (`accountFrom`).
 */
export const ACCOUNT_LIST_SHAPE: Shape = {
  id: true,
  contentKind: true,
  platform: true,
  handle: true,
  url: true,
  displayName: true,
  signals: true,
  classification: true,
  classificationReasons: { signal: true, sections: true, explanation: true },
  state: true,
  reclassifiedAt: true,
  attention: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  owner: { id: true, givenName: true, familyName: true, fullName: true, email: true, active: true },
  school: { id: true, name: true, shortName: true, kind: true },
};

export const ACCOUNT_LIST_COLUMNS = [
  'id',
  'content_kind',
  'platform',
  'handle',
  'url',
  'display_name',
  'owner_id',
  'school_id',
  'signals',
  'classification',
  'state',
  'reclassified_at',
  'review_status',
  'version',
  'created_at',
  'updated_at',
] as const;
export const STAFF_LIST_COLUMNS = ['id', 'given_name', 'family_name', 'email', 'active'] as const;
export const ORGANIZATION_LIST_COLUMNS = ['id', 'kind', 'name', 'short_name'] as const;

/** The properties a projected row lacks (a test holds these to the full mappers' keys). */
export const ACCOUNT_LIST_ABSENT = [
  'bio',
  'classificationSections',
  'classificationExplanation',
  'suggestions',
  'suggestedAt',
  'reviewSignals',
  'reviewFlaggedAt',
  'reviewedBy',
  'reviewedAt',
  'reviewNote',
] as const;
export const STAFF_LIST_ABSENT = [
  'sourcedId',
  'position',
  'school',
  'supervisor',
  'roles',
  'oidcSubject',
  'createdAt',
  'updatedAt',
] as const;
export const ORGANIZATION_LIST_ABSENT = ['sourcedId', 'parent', 'profile', 'active', 'createdAt', 'updatedAt'] as const;

/** A projected accounts-list row (`ACCOUNT_LIST_COLUMNS`, owner `o_`, school `s_`). */
export function accountListFrom(row: Row): SocialAccount {
  const owner = partialInstanceOf(
    Staff,
    {
      id: row.o_id,
      email: row.o_email,
      givenName: row.o_given_name,
      familyName: row.o_family_name,
      active: row.o_active,
    },
    STAFF_LIST_ABSENT,
  );
  const school =
    row.s_id === null || row.s_id === undefined
      ? null
      : partialInstanceOf(
          Organization,
          { id: row.s_id, kind: row.s_kind, name: row.s_name, shortName: row.s_short_name },
          ORGANIZATION_LIST_ABSENT,
        );
  return partialInstanceOf(
    SocialAccount,
    {
      id: row.id,
      contentKind: row.content_kind ?? 'SOCIAL_ACCOUNT',
      platform: row.platform,
      handle: row.handle,
      url: row.url,
      displayName: row.display_name,
      owner,
      school,
      signals: row.signals,
      classification: row.classification,
      state: row.state,
      reclassifiedAt: date(row.reclassified_at),
      reviewStatus: row.review_status ?? null,
      version: row.version,
      createdAt: date(row.created_at),
      updatedAt: date(row.updated_at),
    },
    ACCOUNT_LIST_ABSENT,
  );
}

export const REQUEST_COLUMNS = [
  'id',
  'kind',
  'state',
  'account_id',
  'activity',
  'justification',
  'requester_id',
  'approver_id',
  'decided_by_id',
  'decision_note',
  'decided_at',
  'expires_at',
  'version',
  'created_at',
  'updated_at',
] as const;

export function requestFrom(row: Row, p = ''): ApprovalRequest {
  return instanceOf(ApprovalRequest, {
    id: row[`${p}id`],
    kind: row[`${p}kind`],
    state: row[`${p}state`],
    account: ref(row[`${p}account_id`]),
    activity: row[`${p}activity`],
    justification: row[`${p}justification`],
    requester: ref(row[`${p}requester_id`]),
    approver: ref(row[`${p}approver_id`]),
    decidedBy: ref(row[`${p}decided_by_id`]),
    decisionNote: row[`${p}decision_note`],
    decidedAt: date(row[`${p}decided_at`]),
    expiresAt: date(row[`${p}expires_at`]),
    version: row[`${p}version`],
    createdAt: date(row[`${p}created_at`]),
    updatedAt: date(row[`${p}updated_at`]),
  });
}

/** Conditions joined with AND, with their bound parameters in order (`?` placeholders). */
export class SqlWhere {
  private readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(sql: string, ...params: unknown[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    return this;
  }

  toString(): string {
    return this.parts.length > 0 ? `where ${this.parts.map((p) => `(${p})`).join(' and ')}` : '';
  }
}

/** `%text%` for ILIKE, with the pattern characters of the text escaped. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[%_\\]/g, '\\$&')}%`;
}

/** What a list read returns besides its rows: the related records it joined, to prime loaders. */
export interface Related {
  staff?: Staff[];
  organizations?: (Organization | null)[];
  accounts?: (SocialAccount | null)[];
  students?: Student[];
}

/** A page whose total is counted only if a client selects it (a lazy `total` field). */
export interface ListPage<T> {
  items: T[];
  readonly total: Promise<number>;
  related: Related;
}

/**
 * Builds the page: `count` runs the second statement the first time `total` is read (GraphQL
 * reads it only when selected). A page past the end still reports the true total.
 */
export function listPage<T>(
  items: T[],
  related: Related,
  count: () => Promise<number>,
  known?: number,
): ListPage<T> {
  let total: Promise<number> | null = known === undefined ? null : Promise.resolve(known);
  return {
    items,
    related,
    get total() {
      total ??= count();
      return total;
    },
  };
}

/**
 * The total as one more column of the page statement, when a client selects `total`: an
 * uncorrelated scalar subquery, which PostgreSQL runs once per statement (an InitPlan), so a
 * page with its total is one statement and one round trip. Its parameters come first (the select
 * list precedes the page's own WHERE). An empty page (past the end) has no row to carry it:
 * `pageTotal` is then undefined and `listPage` falls back to the separate count.
 */
export function totalColumn(countSql: string | null): string {
  return countSql ? `, (${countSql}) as page_total` : '';
}

export function pageTotal(rows: readonly Row[]): number | undefined {
  const value = rows[0]?.page_total;
  return typeof value === 'number' ? value : undefined;
}

/**
 * Whether the current field's selection reads `total` (directly, or through a fragment), so a
 * list adds its count to the page statement only then.
 */
export function selectsTotal(info: GraphQLResolveInfo | undefined): boolean {
  if (!info) return true;
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>): boolean =>
    (set?.selections ?? []).some((node) => {
      if (node.kind === Kind.FIELD) return node.name.value === 'total';
      if (node.kind === Kind.INLINE_FRAGMENT) return visit(node.selectionSet, seen);
      const name = node.name.value;
      if (seen.has(name)) return false;
      seen.add(name);
      return visit(info.fragments[name]?.selectionSet, seen);
    });
  return info.fieldNodes.some((field) => visit(field.selectionSet, new Set()));
}

export async function countRows(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const [row] = await query<{ total: number }>(em, sql, params);
  return row?.total ?? 0;
}

/** Hands the joined records to the request's DataLoaders, so field resolvers find them there. */
export function primeLoaders(loaders: Loaders, related: Related): void {
  for (const staff of related.staff ?? []) loaders.staff.prime(staff.id, staff);
  for (const org of related.organizations ?? []) if (org) loaders.organization.prime(org.id, org);
  for (const account of related.accounts ?? []) if (account) loaders.account.prime(account.id, account);
  for (const student of related.students ?? []) loaders.student.prime(student.id, student);
}
