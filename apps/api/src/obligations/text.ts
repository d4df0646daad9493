import type { Actor } from '../auth/actor.js';
import { badInput, forbidden, notFound } from '../server/errors.js';

/**
 * Input checks shared by the two obligations services. Text PostgreSQL cannot store as given (a
 * NUL byte, a lone UTF-16 surrogate) is refused as bad input rather than left to fail in a
 * statement.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function storable(v: string, field: string): string {
  if (v.includes('\u0000') || LONE_SURROGATE.test(v)) {
    throw badInput(`${field} contains characters that cannot be stored (a NUL byte or a broken character).`, field);
  }
  return v;
}

export function requiredText(value: string | null | undefined, field: string, max: number, min = 1): string {
  const v = storable((value ?? '').trim(), field);
  if (v.length < min) {
    throw badInput(min > 1 ? `${field} needs at least ${min} characters.` : `${field} is required.`, field);
  }
  if (v.length > max) throw badInput(`${field} must be at most ${max.toLocaleString('en-US')} characters.`, field);
  return v;
}

export function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  const v = value?.trim();
  if (!v) return null;
  return requiredText(v, field, max);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else cannot name a record (and must not reach PostgreSQL as one). */
export function existingId(what: string, id: string): string {
  if (!UUID.test(id)) throw notFound(what, id);
  return id;
}

export function filterId(id: string, field: string): string {
  if (!UUID.test(id)) throw badInput(`${field} is not an id.`, field);
  return id;
}

/** The person behind a change; the SIS's keys never take part in these conversations. */
export function staffIdOf(actor: Actor, message: string): string {
  if (actor.kind !== 'STAFF') throw forbidden(message);
  return actor.staffId;
}
