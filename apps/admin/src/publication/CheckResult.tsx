import {
  Alert,
  AlertTitle,
  Box,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { SectionList } from '../policy/SectionList';
import { RELEASE_PROBLEM_LABELS, studentName } from '../students/labels';
import { resultSummary } from './queries';
import type { PublicationCheckRecord, StudentVerdict } from './types';

export function verdictName(v: StudentVerdict): string {
  return v.student ? studentName(v.student) : 'A student outside your scope';
}

/** "No release on file", or the API's sentence for a code the dashboard does not know. */
export function reasonLabel(v: StudentVerdict): string {
  if (v.allowed) return 'Release current';
  return RELEASE_PROBLEM_LABELS[v.problem as keyof typeof RELEASE_PROBLEM_LABELS] ?? v.message;
}

export function VerdictChip({ allowed }: { allowed: boolean }) {
  return (
    <Chip size="small" color={allowed ? 'success' : 'error'} label={allowed ? 'Allowed' : 'Blocked'} />
  );
}

/** One row per student: allowed or blocked, why in words, and the sections behind it. */
export function VerdictTable({ check, caption }: { check: PublicationCheckRecord; caption: string }) {
  return (
    <Table size="small" aria-label={caption}>
      <TableHead>
        <TableRow>
          <TableCell>Student</TableCell>
          <TableCell>Answer</TableCell>
          <TableCell>Why</TableCell>
          <TableCell>Policy</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {check.students.map((v, i) => (
          <TableRow key={v.student?.id ?? i} data-testid="verdict-row">
            <TableCell>{verdictName(v)}</TableCell>
            <TableCell>
              <VerdictChip allowed={v.allowed} />
            </TableCell>
            <TableCell>
              {v.allowed ? null : (
                <>
                  <Typography variant="body2" component="span" sx={{ fontWeight: 500 }}>
                    {reasonLabel(v)}.
                  </Typography>{' '}
                </>
              )}
              <Typography variant="body2" component="span">
                {v.message}
              </Typography>
            </TableCell>
            <TableCell>
              <SectionList ids={v.sections} dense />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * The answer of the last check. The live region is on the page before any answer, so that a
 * screen reader announces each new one politely (4.1.3 Status Messages); a new check replaces
 * the whole region's content, so the same answer twice is announced twice.
 */
export function CheckResult({ check }: { check: PublicationCheckRecord | null }) {
  const blocked = check?.students.filter((s) => !s.allowed) ?? [];
  return (
    <Box sx={{ mt: 2 }}>
      <Box role="status" aria-live="polite" aria-atomic="true" data-testid="check-result">
        {check ? (
          <Alert
            key={check.id}
            // The status region around it announces it; the alert role would interrupt.
            role="none"
            severity={check.result === 'ALLOWED' ? 'success' : 'error'}
            variant="outlined"
          >
            <AlertTitle>{check.result === 'ALLOWED' ? 'Post allowed' : 'Post blocked'}</AlertTitle>
            {resultSummary(check)}
            {blocked.length > 0 ? ` Not allowed: ${blocked.map(verdictName).join(', ')}.` : ''}
          </Alert>
        ) : null}
      </Box>
      {check ? (
        <Box sx={{ mt: 2 }}>
          <VerdictTable check={check} caption="Answer for each student" />
        </Box>
      ) : null}
    </Box>
  );
}
