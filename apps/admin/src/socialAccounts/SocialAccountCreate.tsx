import { Create } from 'react-admin';
import { SocialAccountForm } from './SocialAccountForm';
import { useSavedNotice } from './useSavedNotice';

export function SocialAccountCreate() {
  const onSuccess = useSavedNotice('Account registered.');
  return (
    <Create redirect="show" title="Register a social account" mutationOptions={{ onSuccess }}>
      <SocialAccountForm isCreate />
    </Create>
  );
}
