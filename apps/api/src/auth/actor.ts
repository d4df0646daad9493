import type { Operation, Role } from '@steward/domain';

/** Who is calling: a person signed in (dev token or OIDC) or the SIS with an API key. */
export type Actor =
  | {
      kind: 'STAFF';
      staffId: string;
      schoolId: string | null;
      supervisorId: string | null;
      roles: readonly Role[];
      label: string;
    }
  | {
      kind: 'SIS';
      keyId: string;
      roles: readonly Role[];
      /** The operations this key was issued for. */
      keyScopes: readonly Operation[];
      label: string;
    };

export function scopeActor(actor: Actor) {
  return {
    staffId: actor.kind === 'STAFF' ? actor.staffId : null,
    schoolId: actor.kind === 'STAFF' ? actor.schoolId : null,
  };
}
