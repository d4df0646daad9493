import { LockMode, OptimisticLockError, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import {
  INTERACTION_DESCRIPTION_MAX,
  INTERACTION_DESCRIPTION_MIN,
  INTERACTION_TARGET_MAX,
  interactionState,
  mayConfirmInteraction,
  mayRequireInteraction,
  mayRetireInteraction,
  type AccountState,
  type Classification,
  type InteractionStanding,
  type InteractionState,
  type Operation,
} from '@steward/domain';
import { SocialAccount } from '../accounts/social-account.entity.js';
import { type Actor } from '../auth/actor.js';
import { ACCOUNT_PEOPLE_COLUMNS, mayOnAccountPeople, requireActor, scopeSql } from '../auth/scope.js';
import { recordAudit } from '../audit/audit.service.js';
import { badInput, conflict, forbidden, fromRefusal, notFound } from '../server/errors.js';
import { pageWindow, type PageInput } from '../server/pagination.js';
import { countRows, listPage, type ListPage, query, SqlWhere, staffFrom } from '../server/rows.js';
import { Staff } from '../staff/staff.entity.js';
import { InteractionConfirmation, RequiredInteraction } from './obligations.entities.js';
import type { AccountPeople, RequiredInteractionView } from './obligations.types.js';
import { existingId, filterId, optionalText, requiredText, staffIdOf } from './text.js';

type Row = Record<string, unknown>;

/** Whether the caller may perform `operation` on something of an account with these people. */
export const mayOnAccount = mayOnAccountPeople;

const VERB: Partial<Record<Operation, string>> = {
  'interaction.read': 'see',
  'interaction.require': 'set or retire',
  'interaction.confirm': 'confirm',
};

/** The account's people, handle and standing, one statement (for mutations). */
const ACCOUNT_FACTS = `select a.id, a.handle, a.classification, a.state, a.reclassified_at, a.owner_id, o.supervisor_id as owner_supervisor_id,
       coalesce(a.school_id, o.school_id) as school_id,
       coalesce((select array_agg(x.staff_id order by x.staff_id) from social_account_administrator x where x.social_account_id = a.id), '{}') as administrator_ids
  from social_account a join staff o on o.id = a.owner_id`;

function peopleOf(row: Row): AccountPeople {
  return {
    ownerId: row.owner_id as string,
    ownerSupervisorId: (row.owner_supervisor_id as string | null) ?? null,
    schoolId: (row.school_id as string | null) ?? null,
    administratorIds: (row.administrator_ids as string[] | null) ?? [],
  };
}

/**
 * One row per requirement, with everything its view needs: the account's people now, the
 * confirmations, and the people it names (as staff rows, to prime the staff loader).
 */
const INTERACTION_SELECT = `select i.id, i.account_id, i.description, i.target, i.required_by_id, i.required_at,
       i.retired_by_id, i.retired_at, i.retire_note, i.version,
       a.handle as a_handle, a.platform as a_platform, a.classification as a_classification, a.state as a_state,
       a.reclassified_at as a_reclassified_at,
       a.owner_id, o.supervisor_id as owner_supervisor_id, coalesce(a.school_id, o.school_id) as school_id,
       coalesce((select array_agg(x.staff_id order by x.staff_id) from social_account_administrator x where x.social_account_id = a.id), '{}') as administrator_ids,
       coalesce((select json_agg(json_build_object('staff_id', c.staff_id, 'confirmed_at', c.confirmed_at) order by c.confirmed_at, c.staff_id)
                   from required_interaction_confirmation c where c.interaction_id = i.id), '[]') as confirmations,
       (select coalesce(json_agg(row_to_json(st)), '[]') from staff st
         where st.id = any(array[i.required_by_id, i.retired_by_id, a.owner_id]
                 || array(select x.staff_id from social_account_administrator x where x.social_account_id = a.id)
                 || array(select c.staff_id from required_interaction_confirmation c where c.interaction_id = i.id))) as people
  from required_interaction i
  join social_account a on a.id = i.account_id
  join staff o on o.id = a.owner_id`;

/**
 * The SQL form of the domain's `interactionStands` for a requirement nobody retired: its account
 * is school-affiliated, not retired, and was not reclassified after the requirement was set.
 */
const STANDING_SQL = `(i.retired_at is null and a.classification = 'SCHOOL_AFFILIATED' and a.state <> 'RETIRED'
  and (a.reclassified_at is null or a.reclassified_at <= i.required_at))`;

/** The SQL form of the view's state (domain `interactionState`), for the state filter. */
const AWAITING_SQL = `${STANDING_SQL} and exists (
  select 1 from (select a.owner_id as id union select x.staff_id from social_account_administrator x where x.social_account_id = a.id) p
   where not exists (select 1 from required_interaction_confirmation c where c.interaction_id = i.id and c.staff_id = p.id))`;

/**
 * The list's order: unretired ones first, newest first; the order of required_interaction_list_index,
 * which the page walks (a lapsed one sorts with the standing ones: its state says so).
 */
const LIST_ORDER = 'order by (i.retired_at is not null), i.required_at desc, i.id desc';

/** An account's own requirements (a handful): standing ones first, then retired and lapsed ones. */
const ACCOUNT_ORDER = `order by (not ${STANDING_SQL}), i.required_at desc, i.id desc`;

/** The facts `interactionStands` needs, from a row whose account columns carry `prefix`. */
function standingOf(row: Row, prefix: '' | 'a_', requiredAt: Date): InteractionStanding {
  const reclassifiedAt = row[`${prefix}reclassified_at`] as string | Date | null;
  return {
    classification: row[`${prefix}classification`] as Classification,
    accountState: row[`${prefix}state`] as AccountState,
    requiredAt,
    reclassifiedAt: reclassifiedAt ? new Date(reclassifiedAt) : null,
  };
}

export function interactionFrom(row: Row): RequiredInteractionView {
  const people = peopleOf(row);
  const confirmationRows = (row.confirmations as { staff_id: string; confirmed_at: string }[]).map((c) => ({
    staffId: c.staff_id,
    confirmedAt: new Date(c.confirmed_at),
  }));
  const retiredAt = row.retired_at ? new Date(row.retired_at as string) : null;
  const standing = standingOf(row, 'a_', new Date(row.required_at as string));
  const { state, awaitingIds } = interactionState({
    ...standing,
    retired: retiredAt !== null,
    ownerId: people.ownerId,
    administratorIds: people.administratorIds,
    confirmedByIds: confirmationRows.map((c) => c.staffId),
  });
  return {
    id: row.id as string,
    accountId: row.account_id as string,
    accountHandle: row.a_handle as string,
    accountPlatform: row.a_platform as RequiredInteractionView['accountPlatform'],
    description: row.description as string,
    target: (row.target as string | null) ?? null,
    requiredAt: standing.requiredAt,
    retiredAt,
    retireNote: (row.retire_note as string | null) ?? null,
    state,
    version: row.version as number,
    requiredById: (row.required_by_id as string | null) ?? null,
    retiredById: (row.retired_by_id as string | null) ?? null,
    classification: standing.classification,
    accountState: standing.accountState,
    reclassifiedAt: standing.reclassifiedAt,
    people,
    confirmationRows,
    awaitingIds,
  };
}

export interface InteractionListFilter {
  accountId?: string | null;
  awaitingMyConfirmation?: boolean | null;
  state?: InteractionState | null;
}

/** A handle ("@name", "name") or an http(s) address; anything else is refused. */
function cleanTarget(value: string | null | undefined): string | null {
  const v = optionalText(value, 'target', INTERACTION_TARGET_MAX);
  if (v === null) return null;
  if (/^https?:\/\//i.test(v)) {
    try {
      return new URL(v).toString();
    } catch {
      throw badInput('target must be a handle (@name) or an http(s) address.', 'target');
    }
  }
  if (!/^@?[\p{L}\p{N}._-]{1,100}$/u.test(v)) {
    throw badInput('target must be a handle (@name) or an http(s) address.', 'target');
  }
  return v.startsWith('@') ? v : `@${v}`;
}

/**
 * Required interactions of school-affiliated accounts (XII): the use cases behind the GraphQL
 * operations. Each mutation is one transaction with its audit event; the rules are the domain's.
 */
export class InteractionsService {
  private assertOn(actor: Actor | null, operation: Operation, people: AccountPeople, what: string): Actor {
    const a = requireActor(actor);
    if (!mayOnAccount(a, operation, people)) {
      throw forbidden(
        `You may not ${VERB[operation] ?? operation} ${what}: the account is outside your scope ` +
          "(required interactions follow the account: its owner, its administrators, the owner's supervisor, district roles).",
        ['XII'],
      );
    }
    return a;
  }

  /** The caller's read scope over `a` (account) and `o` (its owner), as in `mayOnAccount`. */
  private scopeWhere(actor: Actor, where: SqlWhere): void {
    const scope = scopeSql(actor, 'interaction.read', ACCOUNT_PEOPLE_COLUMNS);
    if (scope) where.add(scope.sql, ...scope.params);
  }

  /**
   * One page, one statement: the requirements the caller may see (those not retired first,
   * newest first), each with its account's people, confirmations and the staff it names.
   */
  async list(
    em: EntityManager,
    actor: Actor,
    filter: InteractionListFilter | null | undefined,
    page: PageInput | null | undefined,
  ): Promise<ListPage<RequiredInteractionView>> {
    const { clause } = pageWindow(page);
    const where = new SqlWhere();
    this.scopeWhere(actor, where);
    if (filter?.accountId) where.add('i.account_id = ?', filterId(filter.accountId, 'filter.accountId'));
    if (filter?.state === 'RETIRED') where.add('i.retired_at is not null');
    if (filter?.state === 'AWAITING_CONFIRMATION') where.add(AWAITING_SQL);
    if (filter?.state === 'CONFIRMED') where.add(`${STANDING_SQL} and not (${AWAITING_SQL})`);
    if (filter?.state === 'LAPSED') where.add(`i.retired_at is null and not ${STANDING_SQL}`);
    if (filter?.awaitingMyConfirmation) {
      const me = actor.kind === 'STAFF' ? actor.staffId : null;
      if (me === null) where.add('false');
      else {
        // Only standing requirements wait: not one on an account that became personal (VIII, IX).
        where.add(
          `${STANDING_SQL}
           and (a.owner_id = ? or exists (select 1 from social_account_administrator x where x.social_account_id = a.id and x.staff_id = ?))
           and not exists (select 1 from required_interaction_confirmation c where c.interaction_id = i.id and c.staff_id = ?)`,
          me,
          me,
          me,
        );
      }
    }
    const rows = await query<Row>(
      em,
      `${INTERACTION_SELECT} ${where}
        ${LIST_ORDER}
        ${clause.sql}`,
      [...where.params, ...clause.params],
    );
    return listPage(
      rows.map(interactionFrom),
      { staff: rows.flatMap((row) => (row.people as Row[]).map((s) => staffFrom(s))) },
      () =>
        countRows(
          em,
          `select count(*)::int as total from required_interaction i join social_account a on a.id = i.account_id
             join staff o on o.id = a.owner_id ${where}`,
          where.params,
        ),
    );
  }

  /** The requirements of some accounts (the account page's field), all of them, in list order. */
  async forAccounts(em: EntityManager, accountIds: readonly string[]): Promise<{ views: RequiredInteractionView[]; staff: Staff[] }> {
    if (accountIds.length === 0) return { views: [], staff: [] };
    const rows = await query<Row>(
      em,
      `${INTERACTION_SELECT} where i.account_id = any(?::uuid[])
        ${ACCOUNT_ORDER}`,
      [[...accountIds]],
    );
    return {
      views: rows.map(interactionFrom),
      staff: rows.flatMap((row) => (row.people as Row[]).map((s) => staffFrom(s))),
    };
  }

  /** One requirement as the caller may see it. */
  async get(em: EntityManager, actor: Actor | null, id: string): Promise<RequiredInteractionView> {
    const [row] = await query<Row>(em, `${INTERACTION_SELECT} where i.id = ?`, [existingId('Required interaction', id)]);
    if (!row) throw notFound('Required interaction', id);
    const view = interactionFrom(row);
    this.assertOn(actor, 'interaction.read', view.people, 'this required interaction');
    return view;
  }

  async require(
    em: EntityManager,
    actor: Actor,
    input: { accountId: string; description: string; target?: string | null },
    requestId: string,
  ): Promise<RequiredInteractionView> {
    const me = staffIdOf(actor, 'Only people set required interactions.');
    const description = requiredText(input.description, 'description', INTERACTION_DESCRIPTION_MAX, INTERACTION_DESCRIPTION_MIN);
    const target = cleanTarget(input.target);
    const id = await em.transactional(async (tx) => {
      const [row] = await query<Row>(tx, `${ACCOUNT_FACTS} where a.id = ?`, [
        existingId('Social account', input.accountId),
      ]);
      if (!row) throw notFound('Social account', input.accountId);
      const people = peopleOf(row);
      // Scope first: someone else's account says nothing about itself, not even that it is personal.
      this.assertOn(actor, 'interaction.require', people, "this account's required interactions");
      const may = mayRequireInteraction({
        actorId: me,
        actorRoles: actor.roles,
        ownerId: people.ownerId,
        ownerSupervisorId: people.ownerSupervisorId,
        classification: row.classification as Classification,
        accountState: row.state as AccountState,
      });
      if (!may.ok) throw fromRefusal(may);
      const interaction = tx.create(RequiredInteraction, {
        account: tx.getReference(SocialAccount, input.accountId),
        description,
        target,
        requiredBy: tx.getReference(Staff, me),
      });
      await tx.flush();
      await recordAudit(tx, actor, requestId, {
        action: 'interaction.require',
        targetType: 'RequiredInteraction',
        targetId: interaction.id,
        change: { account: input.accountId, handle: row.handle, description, target, sections: ['XII'] },
      });
      return interaction.id;
    });
    return this.get(em, actor, id);
  }

  /**
   * Loads a requirement for a change, locked (FOR UPDATE) and fresh, with its account's people:
   * a confirmation and a retirement of the same requirement take turns.
   */
  private async lockedFor(tx: EntityManager, id: string) {
    const found = await tx.findOne(
      RequiredInteraction,
      { id: existingId('Required interaction', id) },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (!found) throw notFound('Required interaction', id);
    const [row] = await query<Row>(tx, `${ACCOUNT_FACTS} where a.id = ?`, [found.account.id]);
    if (!row) throw notFound('Social account', found.account.id);
    return { found, row, people: peopleOf(row) };
  }

  async confirm(em: EntityManager, actor: Actor, id: string, requestId: string): Promise<RequiredInteractionView> {
    const me = staffIdOf(actor, 'Only people confirm required interactions.');
    try {
      await em.transactional(async (tx) => {
        const { found, row, people } = await this.lockedFor(tx, id);
        this.assertOn(actor, 'interaction.confirm', people, 'this required interaction');
        const standing = standingOf(row, '', found.requiredAt);
        const confirmed = await query<{ staff_id: string }>(
          tx,
          'select staff_id from required_interaction_confirmation where interaction_id = ?',
          [found.id],
        );
        const may = mayConfirmInteraction({
          ...standing,
          actorId: me,
          ownerId: people.ownerId,
          administratorIds: people.administratorIds,
          retired: found.retiredAt !== null,
          confirmedByIds: confirmed.map((c) => c.staff_id),
        });
        if (!may.ok) throw fromRefusal(may);
        const confirmation = tx.create(InteractionConfirmation, {
          interaction: found,
          staff: tx.getReference(Staff, me),
        });
        await tx.flush();
        const after = interactionState({
          ...standing,
          retired: false,
          ownerId: people.ownerId,
          administratorIds: people.administratorIds,
          confirmedByIds: [...confirmed.map((c) => c.staff_id), me],
        });
        await recordAudit(tx, actor, requestId, {
          action: 'interaction.confirm',
          targetType: 'RequiredInteraction',
          targetId: found.id,
          change: {
            account: found.account.id,
            as: me === people.ownerId ? 'OWNER' : 'ADMINISTRATOR',
            confirmedAt: confirmation.confirmedAt,
            state: after.state,
            sections: ['XII'],
          },
        });
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw conflict('You have already confirmed this required interaction.');
      }
      throw error;
    }
    return this.get(em, actor, id);
  }

  async retire(
    em: EntityManager,
    actor: Actor,
    id: string,
    note: string | null | undefined,
    requestId: string,
  ): Promise<RequiredInteractionView> {
    const me = staffIdOf(actor, 'Only people retire required interactions.');
    const retireNote = optionalText(note, 'note', INTERACTION_DESCRIPTION_MAX);
    try {
      await em.transactional(async (tx) => {
        const { found, row, people } = await this.lockedFor(tx, id);
        this.assertOn(actor, 'interaction.require', people, 'this required interaction');
        const may = mayRetireInteraction({
          actorId: me,
          actorRoles: actor.roles,
          ownerId: people.ownerId,
          ownerSupervisorId: people.ownerSupervisorId,
          classification: row.classification as Classification,
          accountState: row.state as AccountState,
          retired: found.retiredAt !== null,
        });
        if (!may.ok) throw fromRefusal(may);
        found.retiredAt = new Date();
        found.retiredBy = tx.getReference(Staff, me);
        found.retireNote = retireNote;
        await tx.flush();
        await recordAudit(tx, actor, requestId, {
          action: 'interaction.retire',
          targetType: 'RequiredInteraction',
          targetId: found.id,
          change: { account: found.account.id, note: retireNote, sections: ['XII'] },
        });
      });
    } catch (error) {
      if (error instanceof OptimisticLockError) throw conflict('Someone else changed this requirement at the same moment; reload it.');
      throw error;
    }
    return this.get(em, actor, id);
  }
}
