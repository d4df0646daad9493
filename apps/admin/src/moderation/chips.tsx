import OverdueIcon from '@mui/icons-material/AlarmOn';
import UnassignedIcon from '@mui/icons-material/PersonOff';
import { Chip, type ChipProps, Stack } from '@mui/material';
import type { ModerationState } from '@steward/domain';
import { useRecordContext } from 'react-admin';
import { MODERATION_STATE_LABELS, queueFlags, statusLabel } from './labels';
import type { ModerationCaseRecord, NotificationStatus } from './types';

const STATE_COLORS: Record<ModerationState, ChipProps['color']> = {
  OPEN: 'warning',
  REMOVED: 'warning',
  REPORTED: 'success',
  CLOSED: 'default',
  DISMISSED: 'default',
  RESTORED: 'default',
};

export function ModerationStateChip({ state }: { state: ModerationState }) {
  return <Chip size="small" color={STATE_COLORS[state] ?? 'default'} label={MODERATION_STATE_LABELS[state] ?? state} />;
}

/** The record's state (for a Datagrid column or a show page). */
export function CaseStateChip(_props: { label?: string }) {
  const record = useRecordContext<ModerationCaseRecord>();
  if (!record?.state) return null;
  return <ModerationStateChip state={record.state} />;
}

/** Overdue and unassigned, in words with an icon, not by colour alone (1.4.1). */
export function QueueFlags(_props: { label?: string }) {
  const record = useRecordContext<ModerationCaseRecord>();
  if (!record) return null;
  const flags = queueFlags(record);
  if (flags.length === 0) return <span>—</span>;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {flags.map((flag) => (
        <Chip
          key={flag}
          size="small"
          variant={flag === 'Overdue' ? 'filled' : 'outlined'}
          color={flag === 'Overdue' ? 'error' : 'default'}
          icon={flag === 'Overdue' ? <OverdueIcon aria-hidden /> : <UnassignedIcon aria-hidden />}
          label={flag}
        />
      ))}
    </Stack>
  );
}

const STATUS_COLORS: Record<NotificationStatus, ChipProps['color']> = {
  QUEUED: 'warning',
  RETRYING: 'warning',
  DELIVERED: 'success',
  FAILED: 'error',
};

export function DeliveryChip({ status }: { status: string }) {
  return (
    <Chip
      size="small"
      color={STATUS_COLORS[status as NotificationStatus] ?? 'default'}
      label={statusLabel(status)}
    />
  );
}
