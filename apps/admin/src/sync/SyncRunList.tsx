import ExpandLessIcon from '@mui/icons-material/ExpandLess';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { Button, Typography } from '@mui/material';
import type { MouseEvent } from 'react';
import {
  Datagrid,
  DateField,
  FunctionField,
  List,
  NumberField,
  TextField,
  useExpanded,
  useRecordContext,
} from 'react-admin';
import { durationLabel, syncKindLabel, syncSourceLabel } from './queries';
import type { SyncRecordError, SyncRunRecord } from './types';

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * The refused count, and the button that opens the refused records below the row. react-admin's
 * own expand arrow is for the mouse only (hidden from assistive technology, not focusable): this
 * is a real button, named for its run (2.1.1, 4.1.2), driving the same expanded state.
 */
function Failed(_props: { label?: string }) {
  const record = useRecordContext<SyncRunRecord>();
  const [expanded, toggle] = useExpanded('syncRuns', record?.id ?? '');
  if (!record) return null;
  if (record.failed === 0 || record.errors.length === 0) return <span>{record.failed}</span>;
  const text = `${record.failed} refused`;
  return (
    <Button
      size="small"
      color="error"
      variant="outlined"
      endIcon={expanded ? <ExpandLessIcon /> : <ExpandMoreIcon />}
      aria-expanded={expanded}
      aria-controls={`${record.id}-expand`}
      // Starts with the visible text (2.5.3), then says which run; aria-expanded says the state.
      aria-label={`${text}: ${syncKindLabel(record.kind).toLowerCase()} run of ${when(record.startedAt)}`}
      onClick={(event: MouseEvent) => {
        event.stopPropagation();
        toggle();
      }}
      sx={{ whiteSpace: 'nowrap' }}
    >
      {text}
    </Button>
  );
}

/** The refused records of one run (the first 100 the API keeps), with why. */
function SyncErrors() {
  const record = useRecordContext<SyncRunRecord>();
  if (!record) return null;
  const more = record.failed - record.errors.length;
  return (
    <>
      <Typography variant="subtitle2" component="h2" sx={{ mb: 1 }}>
        Refused records of this run
      </Typography>
      <Datagrid
        data={record.errors.map((e, i) => ({ ...e, id: `${record.id}-${i}` }))}
        total={record.errors.length}
        bulkActionButtons={false}
        rowClick={false}
        sort={{ field: 'index', order: 'ASC' }}
        resource="syncRuns"
      >
        <FunctionField<SyncRecordError> label="Record #" render={(e) => String(e.index + 1)} />
        <TextField source="sourcedId" label="SIS id" emptyText="—" sortable={false} />
        <TextField source="field" label="Field" emptyText="—" sortable={false} />
        <TextField source="message" label="Why" sortable={false} />
      </Datagrid>
      {more > 0 ? (
        <Typography variant="body2" sx={{ mt: 1 }}>
          {more} more refused records are not kept.
        </Typography>
      ) : null}
    </>
  );
}

/** SIS sync runs, newest first: what came in, what changed, what was refused and why. */
export function SyncRunList() {
  return (
    <List perPage={25} exporter={false} actions={false}>
      <Datagrid
        bulkActionButtons={false}
        rowClick={false}
        expand={<SyncErrors />}
        isRowExpandable={(r: SyncRunRecord) => r.errors.length > 0}
      >
        <DateField source="startedAt" label="When" showTime sortable={false} />
        <FunctionField<SyncRunRecord> label="Kind" render={(r) => syncKindLabel(r.kind)} />
        <FunctionField<SyncRunRecord>
          label="Source"
          render={(r) => (
            <>
              <span style={{ whiteSpace: 'nowrap' }}>{syncSourceLabel(r.source)}</span>
              <Typography variant="caption" component="span" sx={{ display: 'block' }}>
                by {r.actorLabel}
              </Typography>
            </>
          )}
        />
        <FunctionField<SyncRunRecord>
          label="Duration"
          textAlign="right"
          render={(r) => durationLabel(r.durationMs)}
        />
        <NumberField source="received" sortable={false} />
        <NumberField source="created" sortable={false} />
        <NumberField source="updated" sortable={false} />
        <NumberField source="unchanged" sortable={false} />
        <NumberField source="deactivated" sortable={false} />
        <Failed label="Failed" />
      </Datagrid>
    </List>
  );
}
