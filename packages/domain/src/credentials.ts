import type { Classification } from './classification.js';
import { type Decision, refuse } from './decision.js';
import type { Role } from './permissions.js';

/** III: the district holds no personal account's password; XI: affiliated ones may be escrowed. */
export function mayEscrowCredential(classification: Classification): Decision {
  if (classification !== 'SCHOOL_AFFILIATED') {
    return refuse(
      'POLICY_VIOLATION',
      "The district does not hold the password of a personal account; nothing was stored.",
      ['III'],
    );
  }
  return { ok: true };
}

export const MIN_REVEAL_REASON = 10;

/**
 * XI, XXIX: escrowed credentials go to the owner's supervising administrator or the district
 * admin, with a reason; never to the owner through this path, other staff, students or machines.
 */
export function mayRevealCredential(p: {
  actorId: string | null;
  actorRoles: readonly Role[];
  ownerId: string;
  ownerSupervisorId: string | null;
  reason: string | null | undefined;
}): Decision {
  const forbidden = refuse(
    'FORBIDDEN',
    "Only the owner's supervising administrator or the district admin may reveal these credentials.",
    ['XI', 'XXIX'],
  );
  if (!p.actorId) return forbidden;
  const isAdmin = p.actorRoles.includes('DISTRICT_ADMIN');
  const isOwnersSupervisor =
    p.actorRoles.includes('SUPERVISOR') &&
    p.ownerSupervisorId === p.actorId &&
    p.actorId !== p.ownerId;
  if (!isAdmin && !isOwnersSupervisor) return forbidden;
  if ((p.reason ?? '').trim().length < MIN_REVEAL_REASON) {
    return refuse(
      'REASON_REQUIRED',
      `Give a reason of at least ${MIN_REVEAL_REASON} characters; it is kept in the audit trail.`,
      ['XI'],
    );
  }
  return { ok: true };
}
