import { Chip, type ChipProps } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { APPROVAL_STATE_LABELS } from './labels';
import type { ApprovalRequestRecord, ApprovalState } from './types';

const COLORS: Record<ApprovalState, ChipProps['color']> = {
  PENDING: 'warning',
  APPROVED: 'success',
  DENIED: 'error',
  WITHDRAWN: 'default',
  REVOKED: 'error',
  EXPIRED: 'default',
};

export function ApprovalStateChip(_props: { label?: string }) {
  const record = useRecordContext<ApprovalRequestRecord>();
  if (!record?.state) return null;
  return (
    <Chip
      size="small"
      color={COLORS[record.state] ?? 'default'}
      label={APPROVAL_STATE_LABELS[record.state] ?? record.state}
    />
  );
}
