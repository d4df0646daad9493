import { useNotify, useRedirect, useResourceContext } from 'react-admin';
import { isSignedOut } from '../graphql/errors';

/**
 * For a Show or Edit page: when the record cannot be read, say what the API said (e.g. "outside your
 * scope", with the policy sections) instead of react-admin's generic "Element does not exist",
 * then go back to the list. A lost session is handled by the auth provider (sign-in page).
 */
export function useShowQueryOptions() {
  const notify = useNotify();
  const redirect = useRedirect();
  const resource = useResourceContext();
  return {
    onError: (error: unknown) => {
      if (isSignedOut(error)) return;
      notify((error as Error)?.message || 'ra.notification.item_doesnt_exist', { type: 'error' });
      redirect('list', resource);
    },
  };
}
