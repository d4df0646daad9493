import {
  Datagrid,
  DateField,
  FunctionField,
  List,
  NumberField,
  SelectInput,
  TextField,
} from 'react-admin';
import { ResultsStatus } from '../common/ResultsStatus';
import { ShowLink } from '../common/ShowLink';
import { DeliveryChip } from '../moderation/chips';
import { NOTIFICATION_STATUS_LABELS } from '../moderation/labels';
import { anyPending, notificationPurposeLabel } from './queries';
import type { NotificationRecord, NotificationStatus } from './types';

const STATUS_CHOICES = (Object.keys(NOTIFICATION_STATUS_LABELS) as NotificationStatus[]).map((s) => ({
  id: s,
  name: NOTIFICATION_STATUS_LABELS[s],
}));

const filters = [<SelectInput key="status" source="status" label="Status" choices={STATUS_CHOICES} alwaysOn />];

/**
 * Every message the API sends (district admin, auditor): to whom, about what, and where its
 * delivery is. While a message is queued or retrying the list looks again every 5 seconds.
 */
export function NotificationList() {
  return (
    <List
      filters={filters}
      exporter={false}
      perPage={25}
      title="Outbox"
      queryOptions={{
        refetchInterval: (query: { state: { data?: { data?: NotificationRecord[] } } }) =>
          anyPending(query.state.data?.data) ? 5000 : false,
      }}
    >
      <ResultsStatus noun={['message', 'messages']} />
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <DateField source="createdAt" label="Queued" showTime sortable={false} />
        <TextField source="recipientEmail" label="To" sortable={false} />
        <ShowLink<NotificationRecord> label="Subject" render={(r) => r.subject} sortable={false} />
        <FunctionField<NotificationRecord>
          label="Purpose"
          sortable={false}
          render={(r) => notificationPurposeLabel(r.purpose)}
        />
        <FunctionField<NotificationRecord> label="Status" sortable={false} render={(r) => <DeliveryChip status={r.status} />} />
        <NumberField source="attempts" label="Attempts" sortable={false} />
        <TextField source="lastError" label="Last error" sortable={false} emptyText="—" />
        <DateField source="deliveredAt" label="Delivered" showTime sortable={false} emptyText="—" />
      </Datagrid>
    </List>
  );
}
