import { Edit } from 'react-admin';
import { useShowQueryOptions } from '../common/useShowQueryOptions';
import { SocialAccountForm } from './SocialAccountForm';
import { useSavedNotice } from './useSavedNotice';

// Pessimistic: the server re-classifies and may change the state, so show its answer, not ours.
export function SocialAccountEdit() {
  const queryOptions = useShowQueryOptions();
  const onSuccess = useSavedNotice('Account saved.');
  return (
    <Edit
      mutationMode="pessimistic"
      redirect="show"
      queryOptions={queryOptions}
      mutationOptions={{ onSuccess }}
    >
      <SocialAccountForm />
    </Edit>
  );
}
