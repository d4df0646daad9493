import type { AuthChecker } from 'type-graphql';
import { mayAttempt, type Operation } from '@steward/domain';
import type { Context } from '../server/context.js';
import { forbidden, unauthenticated } from '../server/errors.js';
import type { Actor } from './actor.js';

/** Whether the actor may attempt `operation` at all: role grants it and, for SIS, the key's scope. */
export function actorMayAttempt(actor: Actor, operation: Operation): boolean {
  if (!mayAttempt(actor.roles, operation)) return false;
  return actor.kind !== 'SIS' || actor.keyScopes.includes(operation);
}

/**
 * The type-graphql auth checker, fed by the domain permission matrix: `@Authorized('staff.read')`
 * names operations, and the caller needs at least one of them. `@Authorized()` with no operation
 * means "signed in". Scope (whose record) is checked in services with the record in hand.
 */
export const authChecker: AuthChecker<Context, Operation> = ({ context }, operations) => {
  const actor = context.actor;
  if (!actor) throw unauthenticated();
  if (operations.length === 0) return true;
  if (operations.some((op) => actorMayAttempt(actor, op))) return true;
  throw forbidden(`Your role may not perform ${operations.join(' or ')}.`);
};
