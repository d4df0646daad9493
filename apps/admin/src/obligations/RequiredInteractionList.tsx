import { Box, Button, Typography } from '@mui/material';
import {
  BooleanInput,
  Datagrid,
  DateField,
  FunctionField,
  Link,
  List,
  SelectInput,
  TopToolbar,
  FilterButton,
  useRecordContext,
} from 'react-admin';
import { ResultsStatus } from '../common/ResultsStatus';
import { useServerAction } from '../common/useServerAction';
import { confirmationText, INTERACTION_STATE_CHOICES, INTERACTION_STATE_LABELS } from './labels';
import type { RequiredInteractionRecord } from './types';

const FILTERS = [
  <BooleanInput key="awaitingMyConfirmation" source="awaitingMyConfirmation" label="Awaiting my confirmation" alwaysOn />,
  <SelectInput key="state" source="state" label="State" choices={INTERACTION_STATE_CHOICES} alwaysOn />,
];

function Actions() {
  return (
    <TopToolbar>
      <FilterButton />
    </TopToolbar>
  );
}

/**
 * The account's handle: a link to its page (where the requirement is set and retired) for those
 * who may open it (its owner, its administrators, those whose scope covers it); plain text for
 * anyone else.
 */
function AccountCell(_props: { label?: string }) {
  const r = useRecordContext<RequiredInteractionRecord>();
  if (!r) return null;
  if (!r.canOpenAccount) return <span>@{r.accountHandle}</span>;
  return <Link to={`/socialAccounts/${encodeURIComponent(r.accountId)}/show`}>@{r.accountHandle}</Link>;
}

function ConfirmCell(_props: { label?: string }) {
  const r = useRecordContext<RequiredInteractionRecord>();
  const { run, busy } = useServerAction();
  if (!r?.canConfirm) return null;
  return (
    <Button
      size="small"
      variant="contained"
      disabled={busy}
      aria-label={`Confirm: ${r.description}`}
      onClick={() => run((dp) => dp.confirmRequiredInteraction(r.id), 'Confirmed.')}
    >
      Confirm
    </Button>
  );
}

function NoneFound() {
  return (
    <Box sx={{ p: 2 }}>
      <Typography variant="body2">No required interactions found.</Typography>
    </Box>
  );
}

/**
 * Required interactions (XII) of the accounts the viewer may see; "awaiting my confirmation"
 * is what the owner or an administrator of an account still has to confirm.
 */
export function RequiredInteractionList() {
  return (
    <List
      filters={FILTERS}
      actions={<Actions />}
      exporter={false}
      perPage={25}
      title="Required interactions"
      empty={false}
    >
      <ResultsStatus noun={['required interaction', 'required interactions']} />
      <Datagrid bulkActionButtons={false} rowClick={false} empty={<NoneFound />}>
        <AccountCell label="Account" />
        <FunctionField<RequiredInteractionRecord>
          label="Required interaction"
          render={(r) => (r.target ? `${r.description} — ${r.target}` : r.description)}
        />
        <FunctionField<RequiredInteractionRecord> label="State" render={(r) => INTERACTION_STATE_LABELS[r.state]} />
        <FunctionField<RequiredInteractionRecord> label="Confirmations" render={(r) => confirmationText(r)} />
        <FunctionField<RequiredInteractionRecord> label="Set by" render={(r) => r.requiredBy?.fullName ?? '—'} />
        <DateField source="requiredAt" label="Set" sortable={false} />
        <ConfirmCell label="Your step" />
      </Datagrid>
    </List>
  );
}
