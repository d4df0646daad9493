import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { recordAudit } from '../audit/audit.service.js';
import { Staff } from '../staff/staff.entity.js';
import { unauthenticated } from '../server/errors.js';
import type { Actor } from './actor.js';
import type { IdentityCache } from './identity-cache.js';
import { SIS_KEY_PREFIX, findActiveSisKey } from './sis-keys.js';
import type { TokenVerifier, VerifiedIdentity } from './tokens.js';

export function staffActor(staff: Staff): Actor {
  return {
    kind: 'STAFF',
    staffId: staff.id,
    schoolId: staff.school?.id ?? null,
    supervisorId: staff.supervisor?.id ?? null,
    roles: staff.roles,
    label: staff.email,
  };
}

/**
 * Turns the Authorization header into an Actor. No header means an anonymous caller (who may
 * still ask `{ __typename }` or call `devLogin`); a header that does not verify is refused
 * outright, so a mistyped token never silently acts as anonymous.
 */
export async function authenticate(
  header: string | undefined,
  em: EntityManager,
  verifier: TokenVerifier,
  requestId: string | null = null,
  identities: IdentityCache | null = null,
): Promise<Actor | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match?.[1]) throw unauthenticated('The Authorization header must be "Bearer <token>".');
  const credential = match[1];

  if (credential.startsWith(SIS_KEY_PREFIX)) {
    const key = await findActiveSisKey(em, credential);
    if (!key) throw unauthenticated('This SIS API key is unknown or has been revoked.');
    return {
      kind: 'SIS',
      keyId: key.id,
      roles: ['SIS'],
      keyScopes: key.scopes,
      label: `sis-key:${key.name}`,
    };
  }

  // A token seen moments ago needs neither verification nor a lookup (see IdentityCache).
  const known = identities?.get(credential);
  if (known) return known;

  let identity: Awaited<ReturnType<TokenVerifier['verify']>>;
  try {
    identity = await verifier.verify(credential);
  } catch {
    throw unauthenticated('The token is invalid or has expired. Sign in again.');
  }
  const staff =
    identity.source === 'dev'
      ? await em.findOne(Staff, { id: identity.staffId })
      : await staffForOidc(em, identity, requestId);
  // An unknown person is not given an account: people come from the SIS.
  if (!staff) throw unauthenticated('No active staff member matches this sign-in.');
  if (!staff.active) throw unauthenticated('This staff member is no longer active.');
  const actor = staffActor(staff);
  identities?.set(credential, actor, identity.expiresAt);
  return actor;
}

const NO_MATCH = 'No active staff member matches this sign-in.';

/**
 * The staff member an OIDC identity signs in as. A subject already linked signs in as its
 * person. Otherwise the identity's verified email (see `signInEmail`) may link it, once, to the
 * active SIS person with that email who has no subject yet; the link is audited in the same
 * transaction. Nothing is written for a refused sign-in, except an audit event when someone
 * tries to take over a person already linked to another subject: that is never re-linked
 * silently, a district admin unlinks first (`unlinkSignInIdentity`).
 */
async function staffForOidc(
  em: EntityManager,
  identity: Extract<VerifiedIdentity, { source: 'oidc' }>,
  requestId: string | null,
): Promise<Staff | null> {
  const linked = await em.findOne(Staff, { oidcSubject: identity.subject });
  if (linked) return linked;
  if (!identity.email) {
    throw unauthenticated(
      'This sign-in carries no verified email, so it cannot be matched to a staff member.',
    );
  }
  const staff = await em.findOne(Staff, { email: identity.email });
  if (!staff?.active) throw unauthenticated(NO_MATCH);
  if (staff.oidcSubject !== null) {
    await em.fork().transactional((tx) =>
      recordAudit(tx, null, requestId, {
        action: 'auth.oidcLink.refused',
        targetType: 'Staff',
        targetId: staff.id,
        change: { subject: identity.subject, email: identity.email, why: 'ALREADY_LINKED' },
      }),
    );
    throw unauthenticated(
      'This staff member is already linked to another sign-in identity. ' +
        'Ask the district administrator to unlink it.',
    );
  }
  try {
    await em.fork().transactional(async (tx) => {
      // Conditional, so two first sign-ins at once cannot both link.
      const updated = await tx.nativeUpdate(
        Staff,
        { id: staff.id, oidcSubject: null },
        { oidcSubject: identity.subject },
      );
      if (updated !== 1) throw unauthenticated('This sign-in changed meanwhile; sign in again.');
      await recordAudit(tx, staffActor(staff), requestId, {
        action: 'auth.oidcLink',
        targetType: 'Staff',
        targetId: staff.id,
        change: { subject: identity.subject, email: identity.email },
      });
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) {
      throw unauthenticated('This sign-in changed meanwhile; sign in again.');
    }
    throw error;
  }
  staff.oidcSubject = identity.subject;
  return staff;
}
