import AddTaskIcon from '@mui/icons-material/AddTask';
import {
  CreateButton,
  Datagrid,
  DateField,
  EditButton,
  FunctionField,
  Labeled,
  Link,
  ReferenceManyField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  UrlField,
  useRecordContext,
} from 'react-admin';
import { mayActOn } from '../access/access';
import { ShowLink } from '../common/ShowLink';
import { ApprovalStateChip } from '../approvals/ApprovalStateChip';
import { kindLabel } from '../approvals/labels';
import type { ApprovalRequestRecord } from '../approvals/types';
import { AdministratorsPanel } from './AdministratorsPanel';
import { AffiliationReviewPanel } from './AffiliationReviewPanel';
import { AttentionChips, ClassificationChip, StateChip } from './chips';
import { ClassificationDetails } from './ClassificationDetails';
import { CredentialPanel } from './CredentialPanel';
import { contentKindLabel, entryName, identifiedByAddress, platformLabel } from './labels';
import { accountSubject } from './subject';
import type { SocialAccountRecord } from './types';
import { useViewer } from './useViewer';
import { useShowQueryOptions } from '../common/useShowQueryOptions';
import { AdvisoriesPanel } from '../policy/AdvisoriesPanel';
import { RequiredInteractionsPanel } from '../obligations/RequiredInteractionsPanel';

/**
 * A pending (or suspended) affiliated account needs its owner's AFFILIATED_ACCOUNT request
 * (XXIX); an active one has its approval already.
 */
function RequestApprovalButton() {
  const record = useRecordContext<SocialAccountRecord>();
  const viewer = useViewer();
  if (record?.classification !== 'SCHOOL_AFFILIATED') return null;
  if (record.state !== 'PENDING_APPROVAL' && record.state !== 'SUSPENDED') return null;
  if (
    record.owner?.id !== viewer.id ||
    !mayActOn(viewer.roles, viewer.id, 'approval.submit', accountSubject(record))
  ) {
    return null;
  }
  const source = encodeURIComponent(
    JSON.stringify({ kind: 'AFFILIATED_ACCOUNT', accountId: record.id }),
  );
  return (
    <CreateButton
      resource="approvalRequests"
      to={{ pathname: '/approvalRequests/create', search: `?source=${source}` }}
      label="Request approval"
      icon={<AddTaskIcon />}
    />
  );
}

/** Edit only where the API would accept it: own accounts, or any for the district admin. */
function AccountEditButton() {
  const record = useRecordContext<SocialAccountRecord>();
  const viewer = useViewer();
  if (
    !record ||
    !mayActOn(viewer.roles, viewer.id, 'socialAccount.update', accountSubject(record))
  ) {
    return null;
  }
  return <EditButton />;
}

function Actions() {
  return (
    <TopToolbar>
      <RequestApprovalButton />
      <AccountEditButton />
    </TopToolbar>
  );
}

function Title() {
  const record = useRecordContext<SocialAccountRecord>();
  return (
    <span>
      {record ? entryName(record) : 'Social account'}
    </span>
  );
}

function OwnerLink(_props: { label?: string }) {
  const record = useRecordContext<SocialAccountRecord>();
  if (!record?.owner) return null;
  return (
    <Link to={`/staff/${encodeURIComponent(record.owner.id)}/show`}>
      {record.owner.fullName} ({record.owner.email})
      {record.owner.active ? '' : ' — no longer active'}
    </Link>
  );
}

export function SocialAccountShow() {
  const queryOptions = useShowQueryOptions();
  return (
    <Show queryOptions={queryOptions} title={<Title />} actions={<Actions />}>
      <AdvisoriesPanel />
      <SimpleShowLayout>
        <FunctionField<SocialAccountRecord>
          label="Kind (XXIX)"
          render={(r) => contentKindLabel(r.contentKind)}
        />
        <FunctionField<SocialAccountRecord>
          label="Platform"
          render={(r) => platformLabel(r.platform)}
        />
        <FunctionField<SocialAccountRecord>
          label="Handle"
          render={(r) => (identifiedByAddress(r.contentKind) ? r.handle : `@${r.handle}`)}
        />
        <UrlField
          source="url"
          label="Address"
          emptyText="—"
          target="_blank"
          rel="noopener noreferrer"
        />
        <TextField source="displayName" label="Display name" emptyText="—" />
        <TextField source="bio" emptyText="—" />
        <OwnerLink label="Owner" />
        <Labeled label="Administrators (XXIX)" fullWidth>
          <AdministratorsPanel />
        </Labeled>
        <TextField source="school.name" label="School or program" emptyText="—" />
        <ClassificationChip label="Classification" />
        <ClassificationDetails label="Why" />
        <StateChip label="State" />
        <AttentionChips label="Needs attention" />
        <AffiliationReviewPanel label="What the profile text suggests (IX, XIX, XXIX)" />
        <DateField source="reclassifiedAt" label="Reclassified" showTime emptyText="—" />
        <Labeled label="Approval requests" fullWidth>
          <ReferenceManyField reference="approvalRequests" target="accountId" perPage={25}>
            <Datagrid rowClick="show" bulkActionButtons={false} empty={<span>None yet.</span>}>
              <ShowLink<ApprovalRequestRecord>
                label="Kind"
                resource="approvalRequests"
                render={(r) => kindLabel(r.kind)}
              />
              <ApprovalStateChip label="State" />
              <TextField source="requester.fullName" label="Requester" />
              <DateField source="createdAt" label="Submitted" />
            </Datagrid>
          </ReferenceManyField>
        </Labeled>
        <Labeled label="Required interactions (XII)" fullWidth><RequiredInteractionsPanel /></Labeled>
        <Labeled label="Credentials (XI)" fullWidth>
          <CredentialPanel />
        </Labeled>
        <DateField source="createdAt" label="Registered" showTime />
        <DateField source="updatedAt" label="Last change" showTime />
      </SimpleShowLayout>
    </Show>
  );
}
