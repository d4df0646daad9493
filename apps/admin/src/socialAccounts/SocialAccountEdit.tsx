import { Card, CardContent } from '@mui/material';
import { Edit } from 'react-admin';
import { AdministratorsPanel } from './AdministratorsPanel';
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
      {/* Saved on their own (not with the form): each change is checked and audited (XXIX). */}
      <Card variant="outlined" sx={{ m: 2 }}>
        <CardContent>
          <AdministratorsPanel />
        </CardContent>
      </Card>
    </Edit>
  );
}
