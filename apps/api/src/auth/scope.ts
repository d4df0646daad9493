import {
  grantedScope,
  scopeCovers,
  type Operation,
  type ScopeSubject,
} from '@steward/domain';
import { forbidden, unauthenticated } from '../server/errors.js';
import { scopeActor, type Actor } from './actor.js';
import { actorMayAttempt } from './auth-checker.js';

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw unauthenticated();
  return actor;
}

/**
 * Checks a single record against the caller's scope. Out-of-scope records answer FORBIDDEN (not
 * NOT_FOUND): the ids are random UUIDs, so this reveals nothing, and a clear refusal is easier
 * to act on than a record that seems to have vanished (README: "Authorization").
 */
export function assertInScope(
  actor: Actor | null,
  operation: Operation,
  subject: ScopeSubject,
  what = 'this record',
): Actor {
  const a = requireActor(actor);
  const scope = actorMayAttempt(a, operation) ? grantedScope(a.roles, operation) : null;
  if (!scope || !scopeCovers(scope, scopeActor(a), subject)) {
    throw forbidden(`You may not ${operation.split('.')[1]} ${what}: it is outside your scope.`);
  }
  return a;
}

/**
 * Whether the caller may read `subject` under `operation`, the same rule as `assertInScope`,
 * as a boolean: nested fields use it to answer null (or leave a row out) where a direct read
 * would be refused, so no record is reachable through another one (README "Authorization").
 */
export function mayReadSubject(actor: Actor | null, operation: Operation, subject: ScopeSubject): boolean {
  if (!actor || !actorMayAttempt(actor, operation)) return false;
  const scope = grantedScope(actor.roles, operation);
  return scope !== null && scopeCovers(scope, scopeActor(actor), subject);
}

/** Who runs an account, which decides who may see and work its records (cases, requirements). */
export interface AccountPeople {
  ownerId: string;
  ownerSupervisorId: string | null;
  schoolId: string | null;
  administratorIds: readonly string[];
}

/**
 * The scope subject of a record that follows an account (a moderation case, a required
 * interaction). The OWN scope covers the accounts a person runs: XXIX and XXX name the account's
 * administrators beside its owner, so an administrator stands where the owner does.
 */
export function accountPeopleSubject(actor: Actor | null, people: AccountPeople): ScopeSubject {
  const me = actor?.kind === 'STAFF' ? actor.staffId : null;
  return {
    ownerId: me !== null && people.administratorIds.includes(me) ? me : people.ownerId,
    ownerSupervisorId: people.ownerSupervisorId,
    schoolId: people.schoolId,
  };
}

/** Whether the caller may perform `operation` on a record of an account run by `people`. */
export function mayOnAccountPeople(actor: Actor | null, operation: Operation, people: AccountPeople): boolean {
  return mayReadSubject(actor, operation, accountPeopleSubject(actor, people));
}

/** The scope subject of a person's own record: they are its "owner". */
export function staffSubject(staff: {
  id: string;
  supervisor?: { id: string } | null;
  school?: { id: string } | null;
}): ScopeSubject {
  return {
    ownerId: staff.id,
    ownerSupervisorId: staff.supervisor?.id ?? null,
    schoolId: staff.school?.id ?? null,
  };
}

/** SQL expressions for whose a row is, in a list statement. */
export interface ScopeColumns {
  /** The owning staff member's id, e.g. `a.owner_id`. */
  owner: string;
  /** The owner's supervisor, e.g. `o.supervisor_id`. */
  ownerSupervisor: string;
  /** The record's school, e.g. `coalesce(a.school_id, o.school_id)`. */
  school: string;
  /**
   * For records that follow an account (`accountPeopleSubject`): the account's id, e.g. `a.id`.
   * Its administrators then count as its owner, as in `mayOnAccountPeople`.
   */
  administeredAccount?: string;
}

/** The columns of a list over accounts `a` and their owners `o`, administrators counting as owners. */
export const ACCOUNT_PEOPLE_COLUMNS: ScopeColumns = {
  owner: 'a.owner_id',
  ownerSupervisor: 'o.supervisor_id',
  school: 'coalesce(a.school_id, o.school_id)',
  administeredAccount: 'a.id',
};

/**
 * The caller's scope as a SQL condition for a list statement: a caller sees exactly the rows
 * `assertInScope` would let them open. Returns null when the caller sees everything.
 */
export function scopeSql(
  actor: Actor,
  operation: Operation,
  cols: ScopeColumns,
): { sql: string; params: unknown[] } | null {
  const scope = actorMayAttempt(actor, operation) ? grantedScope(actor.roles, operation) : null;
  if (!scope) throw forbidden(`Your role may not perform ${operation}.`);
  if (scope === 'DISTRICT') return null;
  const { staffId, schoolId } = scopeActor(actor);
  // A machine caller (no staff id) with a narrower scope sees nothing, as in `scopeCovers`.
  if (staffId === null) return { sql: 'false', params: [] };
  const own = cols.administeredAccount
    ? {
        sql: `${cols.owner} = ? or exists (select 1 from social_account_administrator x where x.social_account_id = ${cols.administeredAccount} and x.staff_id = ?)`,
        params: [staffId, staffId],
      }
    : { sql: `${cols.owner} = ?`, params: [staffId] };
  switch (scope) {
    case 'OWN':
      return own;
    case 'OWN_STAFF':
      return { sql: `${own.sql} or ${cols.ownerSupervisor} = ?`, params: [...own.params, staffId] };
    default:
      return {
        sql: `${own.sql} or ${cols.ownerSupervisor} = ? or ${cols.school} = ?`,
        params: [...own.params, staffId, schoolId],
      };
  }
}
