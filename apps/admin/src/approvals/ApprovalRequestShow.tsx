import { Box } from '@mui/material';
import { useEffect, useRef } from 'react';
import {
  DateField,
  FunctionField,
  Labeled,
  Link,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
} from 'react-admin';
import { SectionList } from '../policy/SectionList';
import { ApprovalHistory } from './ApprovalHistory';
import { ApprovalStateChip } from './ApprovalStateChip';
import { ApproveButton } from './ApproveButton';
import { DenyButton } from './DenyButton';
import { kindLabel, requestSubject } from './labels';
import { RevokeButton } from './RevokeButton';
import type { ApprovalRequestRecord } from './types';
import { WithdrawButton } from './WithdrawButton';
import { useShowQueryOptions } from '../common/useShowQueryOptions';

/** The inbox actions; each appears only when the API says this viewer may take it now. */
function ApprovalActions() {
  return (
    <TopToolbar sx={{ gap: 1 }}>
      <ApproveButton />
      <DenyButton />
      <WithdrawButton />
      <RevokeButton />
    </TopToolbar>
  );
}

function Title() {
  const record = useRecordContext<ApprovalRequestRecord>();
  return <span>{record ? `${kindLabel(record.kind)} request` : 'Approval request'}</span>;
}

/**
 * The request's state. After a decision the buttons that were used are gone (the server no
 * longer offers them) and the keyboard would be left on the page's body: focus moves here
 * instead, and a screen reader reads the new state (2.4.3 Focus Order).
 */
function StateField(_props: { label?: string }) {
  const record = useRecordContext<ApprovalRequestRecord>();
  const ref = useRef<HTMLSpanElement>(null);
  const shown = useRef<string | undefined>(undefined);
  // The same request in a new state, not another request.
  const key = record ? `${record.id} ${record.state}` : undefined;
  useEffect(() => {
    const before = shown.current;
    shown.current = key;
    if (!before || !key || before === key || before.split(' ')[0] !== key.split(' ')[0]) return;
    const active = document.activeElement;
    if (!active || active === document.body) ref.current?.focus();
  }, [key]);
  return (
    <Box component="span" ref={ref} tabIndex={-1} sx={{ display: 'inline-block', borderRadius: 4 }}>
      <ApprovalStateChip />
    </Box>
  );
}

// The request carries the account's handle already; no second query just to name it.
function AccountLink(_props: { label?: string }) {
  const record = useRecordContext<ApprovalRequestRecord>();
  if (!record?.account) return <span>—</span>;
  return (
    <Link to={`/socialAccounts/${encodeURIComponent(record.account.id)}/show`}>
      {record.account.contentKind && record.account.contentKind !== 'SOCIAL_ACCOUNT'
        ? requestSubject(record)
        : `@${record.account.handle} (${record.account.platform})`}
    </Link>
  );
}

function RequiredBy(_props: { label?: string }) {
  const record = useRecordContext<ApprovalRequestRecord>();
  return <SectionList ids={record?.sections ?? []} />;
}

export function ApprovalRequestShow() {
  const queryOptions = useShowQueryOptions();
  return (
    <Show queryOptions={queryOptions} title={<Title />} actions={<ApprovalActions />}>
      <SimpleShowLayout>
        <FunctionField<ApprovalRequestRecord> label="Kind" render={(r) => kindLabel(r.kind)} />
        <StateField label="State" />
        <AccountLink label="Account" />
        <TextField source="activity" emptyText="—" />
        <TextField source="justification" />
        <TextField source="requester.fullName" label="Requester" />
        <TextField source="approver.fullName" label="Approver" emptyText="—" />
        <TextField source="decisionNote" label="Decision note" emptyText="—" />
        <DateField source="createdAt" label="Submitted" showTime />
        <DateField source="decidedAt" label="Decided" showTime emptyText="—" />
        <DateField source="expiresAt" label="Expires" emptyText="—" />
        <Labeled label="Why an approval is needed">
          <RequiredBy />
        </Labeled>
        <Labeled label="History" fullWidth>
          <ApprovalHistory />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
