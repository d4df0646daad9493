import { ArrayField, Datagrid, DateField, FunctionField, TextField } from 'react-admin';
import { APPROVAL_STATE_LABELS } from './labels';
import type { ApprovalHistoryEntry } from './types';

/** Every step of the request, oldest first, as the API recorded it (who, when, why). */
export function ApprovalHistory(_props: { label?: string }) {
  return (
    <ArrayField source="history">
      <Datagrid bulkActionButtons={false} rowClick={false} empty={<span>No history yet.</span>}>
        <DateField source="at" label="When" showTime />
        <TextField source="actor.fullName" label="Who" emptyText="System" />
        <TextField source="action" label="Step" />
        <FunctionField<ApprovalHistoryEntry>
          label="State"
          render={(e) =>
            `${e.fromState ? `${APPROVAL_STATE_LABELS[e.fromState]} → ` : ''}${APPROVAL_STATE_LABELS[e.toState] ?? e.toState}`
          }
        />
        <TextField source="note" emptyText="—" />
      </Datagrid>
    </ArrayField>
  );
}
