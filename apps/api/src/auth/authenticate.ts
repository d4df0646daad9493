import type { EntityManager } from '@mikro-orm/postgresql';
import { Staff } from '../staff/staff.entity.js';
import { unauthenticated } from '../server/errors.js';
import type { Actor } from './actor.js';
import { SIS_KEY_PREFIX, findActiveSisKey } from './sis-keys.js';
import type { TokenVerifier } from './tokens.js';

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

  let identity: Awaited<ReturnType<TokenVerifier['verify']>>;
  try {
    identity = await verifier.verify(credential);
  } catch {
    throw unauthenticated('The token is invalid or has expired. Sign in again.');
  }
  let staff: Staff | null;
  if (identity.source === 'dev') {
    staff = await em.findOne(Staff, { id: identity.staffId });
  } else {
    staff = await em.findOne(Staff, { oidcSubject: identity.subject });
    if (!staff && identity.email) {
      // First sign-in: bind the identity provider's subject to the SIS person with that email.
      staff = await em.findOne(Staff, { email: identity.email, oidcSubject: null });
      if (staff) {
        staff.oidcSubject = identity.subject;
        await em.flush();
      }
    }
  }
  // An unknown person is not given an account: people come from the SIS.
  if (!staff) throw unauthenticated('No active staff member matches this sign-in.');
  if (!staff.active) throw unauthenticated('This staff member is no longer active.');
  return staffActor(staff);
}
