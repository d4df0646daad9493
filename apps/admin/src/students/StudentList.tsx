import type { MouseEvent } from 'react';
import {
  BooleanInput,
  Datagrid,
  FunctionField,
  Link,
  List,
  SearchInput,
  SelectInput,
  TextField,
  useCreatePath,
  useRecordContext,
} from 'react-admin';
import { useSchoolChoices } from '../organization/hooks';
import { GRADE_CHOICES, gradeLabel, listName } from './labels';
import { ReleaseChip } from './ReleaseChip';
import type { StudentRecord } from './types';

function useStudentFilters() {
  const schools = useSchoolChoices();
  return [
    <SearchInput key="q" source="q" alwaysOn placeholder="Given, family or preferred name" />,
    <SelectInput key="schoolId" source="schoolId" label="School" choices={schools} />,
    <SelectInput key="grade" source="grade" label="Grade" choices={GRADE_CHOICES} />,
    <BooleanInput key="includeInactive" source="includeInactive" label="Include removed by the SIS" />,
  ];
}

/**
 * The student's name as a link to their page: rows open on a click only, the link makes each
 * one reachable with the keyboard and named for a screen reader (2.1.1, 2.4.4).
 */
function NameLink(_props: { label?: string }) {
  const record = useRecordContext<StudentRecord>();
  const createPath = useCreatePath();
  if (!record) return null;
  return (
    <Link
      to={createPath({ resource: 'students', id: record.id, type: 'show' })}
      onClick={(event: MouseEvent) => event.stopPropagation()}
    >
      {listName(record)}
    </Link>
  );
}

/** Students the viewer may see (staff and supervisors: their school; district roles: all). */
export function StudentList() {
  return (
    <List filters={useStudentFilters()} perPage={25} exporter={false}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <NameLink label="Name" />
        <TextField source="school.name" label="School" sortable={false} emptyText="—" />
        <FunctionField<StudentRecord>
          label="Grade"
          sortable={false}
          render={(r) => gradeLabel(r.grade)}
        />
        <ReleaseChip label="Media release (XIV)" />
      </Datagrid>
    </List>
  );
}
