import { mayAttempt } from '@steward/domain';
import {
  BooleanInput,
  Datagrid,
  DateField,
  FunctionField,
  List,
  Loading,
  SelectInput,
  TextField,
  usePermissions,
} from 'react-admin';
import { toRoles } from '../access/access';
import { ResultsStatus } from '../common/ResultsStatus';
import { ShowLink } from '../common/ShowLink';
import { ApprovalStateChip } from './ApprovalStateChip';
import { KIND_CHOICES, kindLabel, requestSubject, STATE_CHOICES } from './labels';
import type { ApprovalRequestRecord } from './types';

function subject(record: ApprovalRequestRecord): string {
  // Other school-affiliated content (a web page...) is named with its kind (XXIX).
  if (record.account?.contentKind && record.account.contentKind !== 'SOCIAL_ACCOUNT') {
    return requestSubject(record);
  }
  if (record.account) return `@${record.account.handle} (${record.account.platform})`;
  return record.activity ?? '—';
}

/**
 * Requests the viewer may see. For people who decide requests (supervising administrators,
 * district admin) it opens as their inbox: "Waiting for me" is on by default.
 */
export function ApprovalRequestList() {
  const { permissions, isPending } = usePermissions();
  if (isPending) return <Loading />;
  const decides = mayAttempt(toRoles(permissions), 'approval.decide');
  const filters = [
    ...(decides
      ? [<BooleanInput key="waitingForMe" source="waitingForMe" label="Waiting for me" alwaysOn />]
      : []),
    <SelectInput key="state" source="state" choices={STATE_CHOICES} />,
    <SelectInput key="kind" source="kind" choices={KIND_CHOICES} />,
  ];
  return (
    <List
      filters={filters}
      filterDefaultValues={decides ? { waitingForMe: true } : {}}
      exporter={false}
      perPage={25}
      title="Approval requests"
    >
      <ResultsStatus noun={['request', 'requests']} />
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <FunctionField<ApprovalRequestRecord>
          label="Kind"
          render={(r) => kindLabel(r.kind)}
          sortable={false}
        />
        {/* A link: the keyboard's way into the request (rows open on a mouse click only). */}
        <ShowLink<ApprovalRequestRecord> label="About" render={subject} sortable={false} />
        <TextField source="requester.fullName" label="Requester" sortable={false} />
        <TextField source="approver.fullName" label="Approver" sortable={false} emptyText="—" />
        <ApprovalStateChip label="State" />
        <DateField source="createdAt" label="Submitted" sortable={false} />
        <DateField source="expiresAt" label="Expires" sortable={false} emptyText="—" />
      </Datagrid>
    </List>
  );
}
