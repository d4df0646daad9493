import { Box, Chip, Typography } from '@mui/material';
import { mayAttempt } from '@steward/domain';
import {
  BooleanInput,
  CreateButton,
  Datagrid,
  DateField,
  FilterButton,
  FunctionField,
  List,
  SelectInput,
  TextField,
  TopToolbar,
  usePermissions,
  useRecordContext,
} from 'react-admin';
import { toRoles } from '../access/access';
import { ResultsStatus } from '../common/ResultsStatus';
import { ShowLink } from '../common/ShowLink';
import { excerpt, STATUS_CHOICES, STATUS_LABELS } from './labels';
import type { ContentQuestionRecord } from './types';

/** The status in words (the chip's colour only repeats it). */
export function QuestionStatusChip(_props: { label?: string }) {
  const record = useRecordContext<ContentQuestionRecord>();
  if (!record) return null;
  return (
    <Chip
      size="small"
      variant={record.status === 'OPEN' ? 'filled' : 'outlined'}
      color={record.status === 'OPEN' ? 'warning' : 'default'}
      label={STATUS_LABELS[record.status] ?? record.status}
    />
  );
}

function useFilters(roles: ReturnType<typeof toRoles>) {
  const filters = [
    <SelectInput key="status" source="status" label="Status" choices={STATUS_CHOICES} alwaysOn />,
    <BooleanInput key="mine" source="mine" label="Asked by me" alwaysOn />,
  ];
  // Only those who answer have questions waiting for them (XVIII).
  if (mayAttempt(roles, 'contentQuestion.answer')) {
    filters.push(<BooleanInput key="waitingForMe" source="waitingForMe" label="Waiting for me" alwaysOn />);
  }
  return filters;
}

function Actions() {
  const { permissions } = usePermissions();
  return (
    <TopToolbar>
      <FilterButton />
      {mayAttempt(toRoles(permissions), 'contentQuestion.ask') ? (
        <CreateButton label="Ask your supervising administrator" />
      ) : null}
    </TopToolbar>
  );
}

function NoQuestions() {
  return (
    <Box sx={{ p: 2 }}>
      <Typography variant="body2">No questions found.</Typography>
    </Box>
  );
}

/**
 * Questions about planned content (XVIII): staff see theirs, supervising administrators also
 * those sent to them and their staff's, district roles all. Latest activity first.
 */
export function ContentQuestionList() {
  const { permissions } = usePermissions();
  const roles = toRoles(permissions);
  return (
    <List
      filters={useFilters(roles)}
      actions={<Actions />}
      exporter={false}
      perPage={25}
      title="Questions about content"
      empty={false}
    >
      <ResultsStatus noun={['question', 'questions']} />
      <Datagrid rowClick="show" bulkActionButtons={false} empty={<NoQuestions />}>
        <ShowLink<ContentQuestionRecord> label="Question" render={(r) => excerpt(r.question, 70) || 'Question'} />
        <FunctionField<ContentQuestionRecord> label="Planned post" render={(r) => excerpt(r.plannedText, 50)} />
        <QuestionStatusChip label="Status" />
        <TextField source="asker.fullName" label="Asked by" sortable={false} emptyText="—" />
        <TextField source="recipient.fullName" label="Sent to" sortable={false} emptyText="—" />
        <FunctionField<ContentQuestionRecord>
          label="Account"
          render={(r) => (r.accountHandle ? `@${r.accountHandle}` : '—')}
        />
        <DateField source="lastMessageAt" label="Last message" showTime sortable={false} />
      </Datagrid>
    </List>
  );
}
