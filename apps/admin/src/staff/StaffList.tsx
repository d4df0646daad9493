import { ROLE_LABELS, ROLES } from '@steward/domain';
import {
  BooleanField,
  Datagrid,
  EmailField,
  List,
  NullableBooleanInput,
  SearchInput,
  SelectInput,
  TextField,
} from 'react-admin';
import { ResultsStatus } from '../common/ResultsStatus';
import { ShowLink } from '../common/ShowLink';
import { useSchoolChoices } from '../organization/hooks';
import { RoleChips } from './RoleChips';

// Machines (SIS) are not people in the staff list, so their role is not offered as a filter.
const ROLE_CHOICES = ROLES.filter((r) => r !== 'SIS').map((r) => ({ id: r, name: ROLE_LABELS[r] }));

function useStaffFilters() {
  const schools = useSchoolChoices();
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder="Name, email or position" />,
    <SelectInput key="schoolId" source="schoolId" label="School" choices={schools} />,
    <SelectInput key="role" source="role" label="Role" choices={ROLE_CHOICES} />,
    <NullableBooleanInput key="active" source="active" label="Active" />,
  ];
}

/** Staff the signed-in person may see: themself, their staff, or everyone (by role). */
export function StaffList() {
  return (
    <List
      filters={useStaffFilters()}
      sort={{ field: 'familyName', order: 'ASC' }}
      perPage={25}
      exporter={false}
    >
      <ResultsStatus noun={['staff member', 'staff members']} />
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <ShowLink<{ id: string; fullName: string }>
          label="Name"
          sortBy="familyName"
          render={(r) => r.fullName}
        />
        <EmailField source="email" />
        <TextField source="position" />
        <TextField source="school.name" label="School" sortable={false} emptyText="District" />
        <RoleChips label="Roles" />
        <BooleanField source="active" sortable={false} />
      </Datagrid>
    </List>
  );
}
