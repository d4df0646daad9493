import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useStewardDataProvider } from '../dataProvider';
import { MEDIA_KIND_LABELS } from '../students/labels';
import { reasonLabel, VerdictChip, verdictName } from './CheckResult';
import { RECENT_CHECKS } from './queries';

export const recentChecksKey = (accountId: string) => ['steward', 'publicationChecks', accountId];

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** The account's latest recorded checks (IV, XIV), newest first: who, when, what, the answer. */
export function RecentChecks({ accountId }: { accountId: string }) {
  const dataProvider = useStewardDataProvider();
  const { data, isPending, error } = useQuery({
    queryKey: recentChecksKey(accountId),
    queryFn: () => dataProvider.getPublicationChecks({ accountId, perPage: RECENT_CHECKS }),
  });
  return (
    <Box sx={{ mt: 3 }} data-testid="recent-checks">
      <Typography variant="h6" component="h2" gutterBottom>
        Recent checks on this account
      </Typography>
      {isPending ? (
        <Typography variant="body2">Loading…</Typography>
      ) : error ? (
        <Typography variant="body2">{(error as Error).message}</Typography>
      ) : !data || data.data.length === 0 ? (
        <Typography variant="body2">No post on this account has been checked yet.</Typography>
      ) : (
        <>
          <Table size="small" aria-label="Recent checks on this account">
            <TableHead>
              <TableRow>
                <TableCell>Checked</TableCell>
                <TableCell>By</TableCell>
                <TableCell>Planned for</TableCell>
                <TableCell>Shown as</TableCell>
                <TableCell>Result</TableCell>
                <TableCell>Students</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.data.map((check) => (
                <TableRow key={check.id}>
                  <TableCell>{when(check.createdAt)}</TableCell>
                  <TableCell>{check.checkedBy?.fullName ?? '—'}</TableCell>
                  <TableCell>{check.plannedOn}</TableCell>
                  <TableCell>{MEDIA_KIND_LABELS[check.mediaKind] ?? check.mediaKind}</TableCell>
                  <TableCell>
                    <VerdictChip allowed={check.result === 'ALLOWED'} />
                  </TableCell>
                  <TableCell>
                    <Box component="ul" sx={{ m: 0, pl: 2 }}>
                      {check.students.map((v, i) => (
                        <Typography component="li" variant="body2" key={v.student?.id ?? i}>
                          {verdictName(v)}: {v.allowed ? 'allowed' : `blocked (${reasonLabel(v)})`}
                        </Typography>
                      ))}
                    </Box>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {data.total > data.data.length ? (
            <Typography variant="body2" sx={{ mt: 1 }}>
              The {data.data.length} latest of {data.total} checks.
            </Typography>
          ) : null}
        </>
      )}
    </Box>
  );
}
