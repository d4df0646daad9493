import { Chip, Stack } from '@mui/material';
import { ROLE_LABELS, type Role } from '@steward/domain';
import { useRecordContext } from 'react-admin';

/** A person's roles as chips, labelled in words ("Supervising administrator"). */
export function RoleChips(_props: { label?: string }) {
  const record = useRecordContext<{ roles?: Role[] }>();
  const roles = record?.roles ?? [];
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {roles.map((role) => (
        <Chip key={role} size="small" label={ROLE_LABELS[role] ?? role} />
      ))}
    </Stack>
  );
}
