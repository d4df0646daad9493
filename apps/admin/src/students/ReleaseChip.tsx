import { Chip, type ChipProps } from '@mui/material';
import { useRecordContext } from 'react-admin';
import { standingLabel } from './labels';
import type { ReleaseStanding, StudentRecord } from './types';

/**
 * Current is good news; a refusal by the family (denied, revoked) is final until they sign again;
 * anything else (none on file, expired, incomplete) is something the office can fix. Palette
 * colors only: the theme keeps every one of them AA on its chip.
 */
export function standingColor(standing: ReleaseStanding): ChipProps['color'] {
  if (standing.current) return 'success';
  if (standing.problem === 'DENIED' || standing.problem === 'REVOKED') return 'error';
  return 'warning';
}

/** One release standing as a chip: "Release current", or the problem and its section (XIV). */
export function StandingChip({ standing }: { standing: ReleaseStanding }) {
  return (
    <Chip
      size="small"
      color={standingColor(standing)}
      label={standingLabel(standing)}
      // The full sentence for a mouse pointer; the label already says it in short.
      title={standing.message}
    />
  );
}

/** The record's release standing (for a Datagrid column or a show page). */
export function ReleaseChip(_props: { label?: string }) {
  const record = useRecordContext<StudentRecord>();
  if (!record?.mediaReleaseStanding) return null;
  return <StandingChip standing={record.mediaReleaseStanding} />;
}
