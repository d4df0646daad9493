import { useGetIdentity } from 'react-admin';
import { toRoles } from '../access/access';

/** The signed-in person's id and roles (from `me`, via react-admin's identity cache). */
export function useViewer() {
  const { identity, isPending } = useGetIdentity();
  return {
    id: identity ? String(identity.id) : null,
    roles: toRoles(identity?.roles),
    isPending,
  };
}
