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
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="fullName" label="Name" sortBy="familyName" />
        <EmailField source="email" />
        <TextField source="position" />
        <TextField source="school.name" label="School" sortable={false} emptyText="District" />
        <RoleChips label="Roles" />
        <BooleanField source="active" sortable={false} />
      </Datagrid>
    </List>
  );
}
