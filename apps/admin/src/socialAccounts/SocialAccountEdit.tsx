import { Edit } from 'react-admin';
import { useShowQueryOptions } from '../common/useShowQueryOptions';
import { SocialAccountForm } from './SocialAccountForm';

// Pessimistic: the server re-classifies and may change the state, so show its answer, not ours.
export function SocialAccountEdit() {
  const queryOptions = useShowQueryOptions();
  return (
    <Edit mutationMode="pessimistic" redirect="show" queryOptions={queryOptions}>
      <SocialAccountForm />
    </Edit>
  );
}
