import { Box, Button, Stack, Typography } from '@mui/material';
import { MODERATION_STATES, mayAttempt, type ModerationState } from '@steward/domain';
import { useQuery } from '@tanstack/react-query';
import {
  AutocompleteInput,
  BooleanInput,
  CreateButton,
  Datagrid,
  DateField,
  FilterButton,
  FunctionField,
  List,
  ReferenceInput,
  SelectInput,
  TextField,
  TopToolbar,
  useListContext,
  usePermissions,
} from 'react-admin';
import { toRoles } from '../access/access';
import { ResultsStatus } from '../common/ResultsStatus';
import { ShowLink } from '../common/ShowLink';
import { useStewardDataProvider } from '../dataProvider';
import { useSchoolChoices } from '../organization/hooks';
import { CaseStateChip, QueueFlags } from './chips';
import { accountText, caseAccountText, CONTENT_KIND_LABELS, excerpt, MODERATION_STATE_LABELS, REASON_CHOICES, STATE_CHOICES } from './labels';
import { countsFilter } from './queries';
import type { ModerationCaseRecord } from './types';

function accountOption(a: { handle: string; platform: string }) {
  return accountText(a);
}

function useCaseFilters() {
  const schools = useSchoolChoices();
  return [
    <SelectInput key="state" source="state" label="State" choices={STATE_CHOICES} />,
    <BooleanInput key="assignedToMe" source="assignedToMe" label="Assigned to me" alwaysOn />,
    <BooleanInput key="unassigned" source="unassigned" label="Unassigned" alwaysOn />,
    <BooleanInput key="overdue" source="overdue" label="Overdue" alwaysOn />,
    <ReferenceInput
      key="accountId"
      source="accountId"
      reference="socialAccounts"
      filter={{ classification: 'SCHOOL_AFFILIATED' }}
      sort={{ field: 'handle', order: 'ASC' }}
    >
      <AutocompleteInput label="Account" optionText={accountOption} filterToQuery={(q) => ({ q })} />
    </ReferenceInput>,
    <SelectInput key="schoolId" source="schoolId" label="School" choices={schools} />,
    <SelectInput key="reason" source="reason" label="Reason" choices={REASON_CHOICES} />,
  ];
}

export function stateCountLabel(state: ModerationState | null, count: number | undefined): string {
  const name = state ? MODERATION_STATE_LABELS[state] : 'All states';
  return count === undefined ? name : `${name}: ${count}`;
}

/**
 * How many cases are in each state (with the other filters), as toggle buttons that filter the
 * queue: the pressed one is the state shown (aria-pressed), the count is in the words.
 */
function StateCounts() {
  const { filterValues, setFilters, displayedFilters } = useListContext();
  const dataProvider = useStewardDataProvider();
  const filter = countsFilter(filterValues);
  const { data } = useQuery({
    queryKey: ['steward', 'moderationCaseCounts', filter],
    queryFn: async () => (await dataProvider.getModerationCaseCounts(filter)).data,
  });
  const counts = new Map((data ?? []).map((c) => [c.state, c.count]));
  const total = data ? data.reduce((sum, c) => sum + c.count, 0) : undefined;
  const current = (filterValues?.state as ModerationState | undefined) ?? null;
  const choose = (state: ModerationState | null) => {
    const next = { ...filterValues };
    if (state) next.state = state;
    else delete next.state;
    setFilters(next, { ...displayedFilters, ...(state ? { state: true } : {}) });
  };
  return (
    <Box component="nav" aria-label="Cases by state" sx={{ px: 2, pt: 1 }} data-testid="state-counts">
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {[null, ...MODERATION_STATES].map((state) => (
          <Button
            key={state ?? 'all'}
            size="small"
            variant={current === state ? 'contained' : 'outlined'}
            aria-pressed={current === state}
            onClick={() => choose(state)}
          >
            {stateCountLabel(state, state ? (data ? (counts.get(state) ?? 0) : undefined) : total)}
          </Button>
        ))}
      </Stack>
    </Box>
  );
}

function Actions() {
  const { permissions } = usePermissions();
  return (
    <TopToolbar>
      <FilterButton />
      {mayAttempt(toRoles(permissions), 'moderation.record') ? <CreateButton label="Record a removal" /> : null}
    </TopToolbar>
  );
}

function contentText(r: ModerationCaseRecord): string {
  if (!r.snapshot) return 'Purged content';
  const kind = CONTENT_KIND_LABELS[r.snapshot.kind] ?? 'Content';
  const by = r.snapshot.authorHandle ? ` by @${r.snapshot.authorHandle.replace(/^@/, '')}` : r.snapshot.authorName ? ` by ${r.snapshot.authorName}` : '';
  return `${kind}${by}: ${excerpt(r.snapshot.text, 60)}`;
}

function NoCases() {
  return (
    <Box sx={{ p: 2 }}>
      <Typography variant="body2">No cases found.</Typography>
    </Box>
  );
}

/** The queue: unassigned and overdue first (the API's order), then newest. */
export function ModerationCaseList() {
  return (
    // empty={false}: an empty queue still shows its counts, filters and "Record a removal".
    <List
      filters={useCaseFilters()}
      actions={<Actions />}
      exporter={false}
      perPage={25}
      title="Moderation cases"
      empty={false}
    >
      <StateCounts />
      <ResultsStatus noun={['case', 'cases']} />
      <Datagrid rowClick="show" bulkActionButtons={false} empty={<NoCases />}>
        {/* A link: the keyboard's way into the case (rows open on a mouse click only). */}
        <ShowLink<ModerationCaseRecord> label="Content" render={contentText} sortable={false} />
        <FunctionField<ModerationCaseRecord> label="Account" sortable={false} render={(r) => caseAccountText(r)} />
        <TextField source="account.school.name" label="School" sortable={false} emptyText="—" />
        <CaseStateChip label="State" />
        <QueueFlags label="Attention" />
        <TextField source="assignee.fullName" label="Assigned to" sortable={false} emptyText="—" />
        <DateField source="openedAt" label="Opened" showTime sortable={false} />
        <DateField source="dueAt" label="Due" showTime sortable={false} />
      </Datagrid>
    </List>
  );
}
