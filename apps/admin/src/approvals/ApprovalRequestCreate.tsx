import { APPROVAL_KIND_INFO, type ApprovalKind } from '@steward/domain';
import { useWatch } from 'react-hook-form';
import {
  AutocompleteInput,
  Create,
  DateInput,
  Loading,
  minLength,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useGetIdentity,
} from 'react-admin';
import { SectionList } from '../policy/SectionList';
import { KIND_CHOICES } from './labels';

function accountText(a: { handle: string; platform: string }) {
  return `@${a.handle} (${a.platform})`;
}

/** What the chosen kind is for, and the sections that require it. */
function KindHelp() {
  const kind = useWatch({ name: 'kind' }) as ApprovalKind | undefined;
  const info = kind ? APPROVAL_KIND_INFO[kind] : undefined;
  if (!info) return null;
  return <SectionList ids={info.sections} dense />;
}

/** An account kind needs the account; the other kinds describe the activity instead. */
function SubjectInputs({ ownerId }: { ownerId: string }) {
  const kind = useWatch({ name: 'kind' }) as ApprovalKind | undefined;
  const aboutAccount = kind === 'AFFILIATED_ACCOUNT';
  return (
    <>
      <ReferenceInput
        source="accountId"
        reference="socialAccounts"
        // Requests are about the requester's own accounts.
        filter={{ ownerId }}
        sort={{ field: 'handle', order: 'ASC' }}
      >
        <AutocompleteInput
          label="Account"
          optionText={accountText}
          filterToQuery={(q) => ({ q })}
          validate={aboutAccount ? required('Choose the account to be approved') : undefined}
          helperText={aboutAccount ? 'The school-affiliated account to approve' : 'Optional'}
        />
      </ReferenceInput>
      <TextInput
        source="activity"
        label="Activity"
        multiline
        validate={aboutAccount ? undefined : required('Describe the activity')}
        helperText="What you will do, e.g. the district's name or mascot in a post, or a class project"
      />
    </>
  );
}

/** A staff member asks their supervising administrator (XIX, XXII, XXIX). */
export function ApprovalRequestCreate() {
  const { identity, isPending } = useGetIdentity();
  if (isPending || !identity) return <Loading />;
  return (
    <Create redirect="show" title="Request an approval">
      <SimpleForm defaultValues={{ kind: 'AFFILIATED_ACCOUNT' }}>
        <SelectInput source="kind" choices={KIND_CHOICES} validate={required()} />
        <KindHelp />
        <SubjectInputs ownerId={String(identity.id)} />
        <TextInput
          source="justification"
          multiline
          minRows={3}
          validate={[required(), minLength(10)]}
          helperText="Why you ask; your supervising administrator reads this"
        />
        <DateInput source="expiresAt" label="Approval lapses on (optional)" />
      </SimpleForm>
    </Create>
  );
}
