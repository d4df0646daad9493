import { Create } from 'react-admin';
import { SocialAccountForm } from './SocialAccountForm';

export function SocialAccountCreate() {
  return (
    <Create redirect="show" title="Register a social account">
      <SocialAccountForm isCreate />
    </Create>
  );
}
