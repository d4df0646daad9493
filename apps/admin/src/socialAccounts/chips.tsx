import { Chip, type ChipProps, Stack } from '@mui/material';
import type { Classification } from '@steward/domain';
import { useRecordContext } from 'react-admin';
import { ACCOUNT_STATE_LABELS, ATTENTION_LABELS, CLASSIFICATION_LABELS } from './labels';
import type { AccountState, SocialAccountRecord } from './types';

// An affiliated account carries the district's obligations (approval, escrow), so it stands out.
const CLASSIFICATION_COLORS: Record<Classification, ChipProps['color']> = {
  SCHOOL_AFFILIATED: 'secondary',
  PERSONAL: 'default',
};

const STATE_COLORS: Record<AccountState, ChipProps['color']> = {
  PENDING_APPROVAL: 'warning',
  ACTIVE: 'success',
  SUSPENDED: 'error',
  RETIRED: 'default',
};

export function ClassificationChip(_props: { label?: string }) {
  const record = useRecordContext<SocialAccountRecord>();
  if (!record?.classification) return null;
  return (
    <Chip
      size="small"
      label={CLASSIFICATION_LABELS[record.classification] ?? record.classification}
      color={CLASSIFICATION_COLORS[record.classification] ?? 'default'}
    />
  );
}

export function StateChip(_props: { label?: string; sortBy?: string }) {
  const record = useRecordContext<SocialAccountRecord>();
  if (!record?.state) return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      label={ACCOUNT_STATE_LABELS[record.state] ?? record.state}
      color={STATE_COLORS[record.state] ?? 'default'}
    />
  );
}

export function AttentionChips(_props: { label?: string }) {
  const record = useRecordContext<SocialAccountRecord>();
  const reasons = record?.attention ?? [];
  if (reasons.length === 0) return null;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {reasons.map((reason) => (
        <Chip
          key={reason}
          size="small"
          color="warning"
          label={ATTENTION_LABELS[reason] ?? reason}
        />
      ))}
    </Stack>
  );
}
