import type { Classification } from './classification.js';
import { type Decision, refuse } from './decision.js';
import type { Role } from './permissions.js';
import { type RuleDeclaration, SCREENS } from './rules.js';

/**
 * III: the district never holds the password of a personal account. XI, XXIX: it may hold the
 * login of a school-affiliated one, so that the account stays under the district's control.
 */
export function mayEscrowCredential(classification: Classification): Decision {
  if (classification !== 'SCHOOL_AFFILIATED') {
    return refuse(
      'POLICY_VIOLATION',
      'The district never holds the password of a personal account, so nothing was stored. ' +
        'Only school-affiliated accounts can have their credentials escrowed.',
      ['III'],
    );
  }
  return { ok: true };
}

/** The shortest reveal reason accepted: enough to be read back in the audit trail. */
export const MIN_REVEAL_REASON = 10;

/**
 * Whether the actor may see an escrowed password. XI names the owner's supervising administrator
 * as the person staff hand credentials to; the district administrator stands in for the
 * district. No one else: not other staff or supervisors, not the read-only auditor, not a
 * machine, and never students or volunteers (XXIX). The owner already knows the password and is
 * not served it back through this path.
 *
 * Authorization is checked before the reason, so a caller who may not reveal learns nothing
 * more than that.
 */
export function mayRevealCredential(p: {
  actorId: string | null;
  actorRoles: readonly Role[];
  ownerId: string;
  ownerSupervisorId: string | null;
  reason: string | null | undefined;
}): Decision {
  const isAdmin = p.actorId !== null && p.actorRoles.includes('DISTRICT_ADMIN');
  const isOwnersSupervisor =
    p.actorId !== null &&
    p.actorRoles.includes('SUPERVISOR') &&
    p.ownerSupervisorId === p.actorId &&
    p.actorId !== p.ownerId;
  if (!isAdmin && !isOwnersSupervisor) {
    return refuse(
      'FORBIDDEN',
      "Only the owner's supervising administrator or a district administrator can reveal " +
        "this account's credentials.",
      ['XI', 'XXIX'],
    );
  }
  if ((p.reason ?? '').trim().length < MIN_REVEAL_REASON) {
    return refuse(
      'REASON_REQUIRED',
      `Give a reason of at least ${MIN_REVEAL_REASON} characters; it is kept in the audit trail.`,
      ['XI'],
    );
  }
  return { ok: true };
}

/** This module's rules, for the policy coverage map (coverage.ts). */
export const CREDENTIAL_RULES: readonly RuleDeclaration[] = [
  {
    id: 'credentials.mayEscrowCredential',
    name:
      "The district never stores a personal account's password (III); a school-affiliated " +
      "account's login can be escrowed for the supervising administrator (XI)",
    sections: ['III', 'XI'],
    kind: 'ENFORCED',
    functions: ['mayEscrowCredential'],
    operations: ['escrowCredential'],
    screen: SCREENS.socialAccounts,
    tests: 'credentials.test.ts',
  },
  {
    id: 'credentials.mayRevealCredential',
    name:
      "An escrowed login is revealed only to the owner's supervising administrator or a district " +
      'administrator, with a reason, audited; never to anyone else, students and volunteers ' +
      'included',
    sections: ['XI', 'XXIX'],
    kind: 'ENFORCED',
    functions: ['mayRevealCredential'],
    operations: ['revealCredential'],
    screen: SCREENS.socialAccounts,
    tests: 'credentials.test.ts',
  },
];
