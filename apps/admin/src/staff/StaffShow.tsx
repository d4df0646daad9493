import {
  BooleanField,
  Datagrid,
  DateField,
  EmailField,
  Labeled,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  useCanAccess,
  useRecordContext,
} from 'react-admin';
import { ShowLink } from '../common/ShowLink';
import { ClassificationChip, StateChip } from '../socialAccounts/chips';
import { RoleChips } from './RoleChips';
import { useShowQueryOptions } from '../common/useShowQueryOptions';

function StaffTitle() {
  const record = useRecordContext<{ fullName?: string }>();
  return <span>{record?.fullName ?? 'Staff member'}</span>;
}

/** The person's registered accounts, when the viewer may read accounts (supervisors: VIII, IX). */
function AccountsOfStaff() {
  const { canAccess } = useCanAccess({ resource: 'socialAccounts', action: 'list' });
  if (!canAccess) return null;
  return (
    <Labeled label="Social accounts">
      <ReferenceManyField reference="socialAccounts" target="ownerId" perPage={25}>
        <Datagrid rowClick="show" bulkActionButtons={false} empty={<span>None registered.</span>}>
          <TextField source="platform" />
          <ShowLink<{ id: string; handle: string }>
            label="Handle"
            resource="socialAccounts"
            render={(r) => `@${r.handle}`}
          />
          <ClassificationChip label="Classification" />
          <StateChip label="State" />
          <DateField source="updatedAt" label="Updated" />
        </Datagrid>
      </ReferenceManyField>
    </Labeled>
  );
}

export function StaffShow() {
  const queryOptions = useShowQueryOptions();
  return (
    <Show queryOptions={queryOptions} title={<StaffTitle />}>
      <SimpleShowLayout>
        <TextField source="fullName" label="Name" />
        <EmailField source="email" />
        <TextField source="position" />
        <TextField source="school.name" label="School" emptyText="District office" />
        <TextField source="supervisor.fullName" label="Supervising administrator" emptyText="—" />
        <RoleChips label="Roles" />
        <BooleanField source="active" />
        <TextField source="sourcedId" label="SIS id" />
        <AccountsOfStaff />
      </SimpleShowLayout>
    </Show>
  );
}
