import DoneIcon from '@mui/icons-material/TaskAlt';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Divider,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { mayAttempt, POLICY } from '@steward/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Loading, Title, useLogoutIfAccessDenied } from 'react-admin';
import { canOpenPage } from '../access/access';
import { graphqlRequest } from '../graphql/client';
import { isSignedOut } from '../graphql/errors';
import { SectionList } from '../policy/SectionList';
import { useViewer } from '../socialAccounts/useViewer';
import { acknowledgementKeys, OpenRoundForm } from './OpenRoundForm';
import {
  ACKNOWLEDGE_POLICY,
  ACKNOWLEDGEMENT_ROUND,
  ACKNOWLEDGEMENT_ROUNDS,
  type CompletionView,
  completionText,
  completionView,
  MY_ACKNOWLEDGEMENT,
  type MyAcknowledgementRecord,
  type RoundDetailRecord,
  type RoundRecord,
  roundAudience,
  type SectionRecord,
  when,
} from './queries';

const PER_PAGE = 25;
const SEVEN = ['XIII', 'XVII', 'XVIII', 'XX', 'XXIV', 'XXVI', 'XXVII'];

function Sections({ sections }: { sections: SectionRecord[] }) {
  return (
    <Box component="ol" aria-label="Sections to read" sx={{ listStyle: 'none', p: 0, m: 0 }}>
      {sections.map((s) => (
        <Box component="li" key={s.id} sx={{ py: 1, borderTop: 1, borderColor: 'divider' }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 'bold' }}>
            §{s.id} {s.title}
          </Typography>
          <Typography variant="body2">{s.summary}</Typography>
        </Box>
      ))}
    </Box>
  );
}

/** The viewer's own part: the current revision's summaries and the Acknowledge button, or the confirmation. */
function MyPart({ me }: { me: MyAcknowledgementRecord }) {
  const queryClient = useQueryClient();
  const acknowledge = useMutation({
    mutationFn: (roundId: string) => graphqlRequest(ACKNOWLEDGE_POLICY, { roundId }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: acknowledgementKeys.all }),
  });
  const round = me.round;
  return (
    <Box component="section" aria-labelledby="my-acknowledgement-title" sx={{ mb: 3 }}>
      <Typography id="my-acknowledgement-title" variant="h6" component="h2" gutterBottom>
        Your acknowledgement
      </Typography>
      {!round ? (
        <Typography variant="body2" sx={{ mb: 1 }}>
          No revision is waiting for your acknowledgement. When the district opens a round, the sections below are
          the ones you will be asked to read.
        </Typography>
      ) : me.acknowledgedAt ? (
        <Alert icon={<DoneIcon />} severity="success" sx={{ mb: 2 }}>
          You acknowledged the revision of {round.revisionDate} on {when(me.acknowledgedAt)}.
        </Alert>
      ) : me.required ? (
        <Typography variant="body2" sx={{ mb: 1 }}>
          The district asks you to read these sections of the revision of <strong>{round.revisionDate}</strong> and to
          acknowledge them by <strong>{round.dueDate}</strong>.
          {me.overdue ? <strong> The due date has passed.</strong> : null}
        </Typography>
      ) : (
        <Typography variant="body2" sx={{ mb: 1 }}>
          The current round (revision of {round.revisionDate}) is for {roundAudience(round).toLowerCase()}; it does not
          ask you to acknowledge.
        </Typography>
      )}
      <Sections sections={me.sections} />
      {round && me.required && !me.acknowledgedAt ? (
        <Box sx={{ mt: 2 }}>
          <Button
            variant="contained"
            onClick={() => acknowledge.mutate(round.id)}
            disabled={acknowledge.isPending}
            aria-describedby="acknowledge-help"
          >
            Acknowledge the revision of {round.revisionDate}
          </Button>
          <Typography id="acknowledge-help" variant="caption" component="p" sx={{ mt: 0.5 }}>
            By acknowledging you confirm you have read the summaries above; Steward records who, when and which
            revision.
          </Typography>
          {acknowledge.error ? (
            <Alert severity="error" role="alert" sx={{ mt: 1 }}>
              {(acknowledge.error as Error).message}
            </Alert>
          ) : null}
        </Box>
      ) : null}
      {me.history.length > 0 ? (
        <Typography variant="body2" sx={{ mt: 2 }}>
          Earlier acknowledgements:{' '}
          {me.history
            .filter((h) => h.roundId !== round?.id)
            .map((h) => `revision of ${h.revisionDate} on ${when(h.acknowledgedAt)}`)
            .join('; ') || 'none'}
          .
        </Typography>
      ) : null}
    </Box>
  );
}

/** Completion per school and who has not acknowledged, in the viewer's scope (their staff, or the district). */
function Completion({ round, view }: { round: RoundRecord; view: CompletionView }) {
  const [page, setPage] = useState(1);
  const { data, error, isPending } = useQuery({
    queryKey: [...acknowledgementKeys.all, 'round', round.id, page],
    queryFn: () =>
      graphqlRequest<{ acknowledgementRound: RoundDetailRecord }>(ACKNOWLEDGEMENT_ROUND, {
        id: round.id,
        page: { page, perPage: PER_PAGE },
      }),
  });
  const detail = data?.acknowledgementRound;
  const pages = detail ? Math.max(1, Math.ceil(detail.pending.total / PER_PAGE)) : 1;
  return (
    <Box component="section" aria-labelledby="completion-title" sx={{ mb: 3 }}>
      <Typography id="completion-title" variant="h6" component="h2" gutterBottom>
        {view === 'DISTRICT' ? 'Completion per school' : 'Your staff'}: revision of {round.revisionDate}
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {roundAudience(round)}, due {round.dueDate}. Acknowledged: {completionText(round.acknowledgedCount, round.requiredCount)}.
      </Typography>
      {isPending ? (
        <Typography>Loading…</Typography>
      ) : error || !detail ? (
        <Alert severity="error" role="alert">
          {(error as Error)?.message ?? 'The round could not be read.'}
        </Alert>
      ) : (
        <>
          <Table size="small" aria-label="Completion per school">
            <TableHead>
              <TableRow>
                <TableCell component="th" scope="col">School</TableCell>
                <TableCell component="th" scope="col" align="right">Required</TableCell>
                <TableCell component="th" scope="col" align="right">Acknowledged</TableCell>
                <TableCell component="th" scope="col" align="right">Not yet</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {detail.completionBySchool.map((c) => (
                <TableRow key={c.schoolId ?? 'district'}>
                  <TableCell component="th" scope="row">{c.schoolName}</TableCell>
                  <TableCell align="right">{c.required}</TableCell>
                  <TableCell align="right">{completionText(c.acknowledged, c.required)}</TableCell>
                  <TableCell align="right">{c.pending}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Typography variant="subtitle1" component="h3" sx={{ mt: 2, fontWeight: 'bold' }}>
            Not acknowledged yet ({detail.pending.total})
          </Typography>
          {detail.pending.total === 0 ? (
            <Typography variant="body2">Everyone has acknowledged.</Typography>
          ) : (
            <>
              <Table size="small" aria-label="Not acknowledged yet">
                <TableHead>
                  <TableRow>
                    <TableCell component="th" scope="col">Name</TableCell>
                    <TableCell component="th" scope="col">Position</TableCell>
                    <TableCell component="th" scope="col">School</TableCell>
                    <TableCell component="th" scope="col">Reminders</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {detail.pending.items.map((p) => (
                    <TableRow key={p.staffId}>
                      <TableCell component="th" scope="row">
                        {p.fullName}
                        <Typography variant="caption" component="div">{p.email}</Typography>
                      </TableCell>
                      <TableCell>{p.position}</TableCell>
                      <TableCell>{p.schoolName}</TableCell>
                      <TableCell>
                        {p.remindersSent === 0 ? 'none yet' : `${p.remindersSent}, last ${when(p.lastRemindedAt)}`}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
              {pages > 1 ? (
                <Stack direction="row" spacing={1} sx={{ mt: 1, alignItems: 'center' }} component="nav" aria-label="Pages of the list">
                  <Button size="small" onClick={() => setPage((p) => p - 1)} disabled={page <= 1}>
                    Previous
                  </Button>
                  <Typography variant="body2" aria-live="polite">
                    Page {page} of {pages}
                  </Typography>
                  <Button size="small" onClick={() => setPage((p) => p + 1)} disabled={page >= pages}>
                    Next
                  </Button>
                </Stack>
              ) : null}
            </>
          )}
        </>
      )}
    </Box>
  );
}

function RoundHistory({ rounds }: { rounds: RoundRecord[] }) {
  return (
    <Box component="section" aria-labelledby="rounds-title">
      <Typography id="rounds-title" variant="h6" component="h2" gutterBottom>
        Rounds
      </Typography>
      {rounds.length === 0 ? (
        <Typography variant="body2">No round has been opened yet.</Typography>
      ) : (
        <Table size="small" aria-label="Rounds">
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">Revision</TableCell>
              <TableCell component="th" scope="col">Due</TableCell>
              <TableCell component="th" scope="col">Who</TableCell>
              <TableCell component="th" scope="col">Status</TableCell>
              <TableCell component="th" scope="col">Acknowledged</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rounds.map((r) => (
              <TableRow key={r.id}>
                <TableCell component="th" scope="row">{r.revisionDate}</TableCell>
                <TableCell>{r.dueDate}</TableCell>
                <TableCell>{roundAudience(r)}</TableCell>
                <TableCell>
                  <Chip size="small" variant="outlined" label={r.current ? 'Current' : `Replaced ${when(r.supersededAt)}`} />
                </TableCell>
                <TableCell>{completionText(r.acknowledgedCount, r.requiredCount)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

/**
 * "Acknowledgements" (XIII, XVII, XVIII, XX, XXIV, XXVI, XXVII): staff read the current
 * revision's summaries and acknowledge once; supervisors also see who on their staff has not;
 * the district sees completion per school; the district admin opens rounds.
 */
export function AcknowledgementsPage() {
  const viewer = useViewer();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  const allowed = !viewer.isPending && canOpenPage(viewer.roles, 'acknowledgements');
  const view = completionView(viewer.roles);
  const others = view === 'OWN_STAFF' || view === 'DISTRICT';
  const manage = mayAttempt(viewer.roles, 'acknowledgement.manage');
  // The auditor reads completion but is not staff: nothing of their own to acknowledge.
  const submits = mayAttempt(viewer.roles, 'acknowledgement.submit');
  const mine = useQuery({
    queryKey: [...acknowledgementKeys.all, 'mine'],
    queryFn: () => graphqlRequest<{ myAcknowledgement: MyAcknowledgementRecord }>(MY_ACKNOWLEDGEMENT),
    enabled: allowed,
  });
  const rounds = useQuery({
    queryKey: [...acknowledgementKeys.all, 'rounds'],
    queryFn: () => graphqlRequest<{ acknowledgementRounds: { total: number; items: RoundRecord[] } }>(ACKNOWLEDGEMENT_ROUNDS, { page: { page: 1, perPage: 20 } }),
    enabled: allowed && (others || manage),
  });
  const error = mine.error ?? rounds.error;
  useEffect(() => {
    if (error && isSignedOut(error)) void logoutIfAccessDenied(error);
  }, [error, logoutIfAccessDenied]);

  if (viewer.isPending) return <Loading />;
  if (!allowed) {
    return (
      <Card sx={{ mt: 2 }}>
        <Title title="Acknowledgements" />
        <CardContent>
          <Typography>Acknowledgements are for the district's staff and those who oversee them.</Typography>
        </CardContent>
      </Card>
    );
  }

  const me = mine.data?.myAcknowledgement;
  const roundList = rounds.data?.acknowledgementRounds.items ?? [];
  const current = me?.round ?? roundList.find((r) => r.current) ?? null;
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="Acknowledgements" />
      <CardContent>
        <Typography variant="h5" component="h1" gutterBottom>
          Acknowledgements of Policy {POLICY.number}
        </Typography>
        <Typography variant="body1">
          Some sections of the policy are not something software can decide: they state consequences, or duties people
          judge. The district asks every member of staff to read their summaries and acknowledge each revision.
        </Typography>
        <SectionList ids={SEVEN} dense />
        <Divider sx={{ my: 2 }} />
        {mine.isPending ? (
          <Typography>Loading…</Typography>
        ) : error ? (
          <Alert severity="error" role="alert">
            {(error as Error).message}
          </Alert>
        ) : me ? (
          <>
            {submits ? <MyPart me={me} /> : null}
            {others && current ? <Completion round={current} view={view} /> : null}
            {manage ? (
              <>
                <Divider sx={{ my: 2 }} />
                <OpenRoundForm latestRevisionDate={roundList[0]?.revisionDate ?? null} />
              </>
            ) : null}
            {others || manage ? (
              <>
                <Divider sx={{ my: 2 }} />
                <RoundHistory rounds={roundList} />
              </>
            ) : null}
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
