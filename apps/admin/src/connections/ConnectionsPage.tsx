import InLineIcon from '@mui/icons-material/TaskAlt';
import RefrainIcon from '@mui/icons-material/DoNotDisturbOn';
import SearchIcon from '@mui/icons-material/Search';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  Chip,
  FormControlLabel,
  List,
  ListItem,
  ListItemButton,
  ListItemText,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { ATTESTATION_MAX_LENGTH, MIN_SEARCH_LENGTH, mayAttempt } from '@steward/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Loading, Title, useLogoutIfAccessDenied, useNotify } from 'react-admin';
import { canOpenPage } from '../access/access';
import { visuallyHidden } from '../common/visuallyHidden';
import { useStewardDataProvider } from '../dataProvider';
import { isSignedOut } from '../graphql/errors';
import { SectionList } from '../policy/SectionList';
import { useViewer } from '../socialAccounts/useViewer';
import {
  formatDay,
  KIND_LABELS,
  resultsMessage,
  searchText,
  standingText,
  statementProblem,
  statementShown,
  verdictLabel,
} from './queries';
import type { ConnectionAttestationRecord, ConnectionGuidanceRecord, ConnectionPerson } from './types';

const candidatesKey = (search: string | null) => ['steward', 'connectionCandidates', search];
const guidanceKey = (person: ConnectionPerson | null) => ['steward', 'connectionGuidance', person?.kind, person?.id];
const attestationsKey = ['steward', 'connectionAttestations'];

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Reports a failed request: sign out on an expired session, otherwise say what went wrong. */
function useFailure() {
  const notify = useNotify();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  return useCallback(
    (error: unknown, fallback: string) => {
      if (isSignedOut(error)) void logoutIfAccessDenied(error as Error);
      else notify((error as Error)?.message || fallback, { type: 'error' });
    },
    [notify, logoutIfAccessDenied],
  );
}

function AttestationForm({ person, onDone }: { person: ConnectionPerson & { name: string }; onDone(): void }) {
  const dataProvider = useStewardDataProvider();
  const notify = useNotify();
  const fail = useFailure();
  const [statement, setStatement] = useState('');
  const [touched, setTouched] = useState(false);
  const [saving, setSaving] = useState(false);
  const problem = statementProblem(statement);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem) return;
    setSaving(true);
    try {
      await dataProvider.attestPriorRelationship(person, statement);
      notify('Recorded. Your supervising administrator can read it.', { type: 'success' });
      setStatement('');
      setTouched(false);
      onDone();
    } catch (error) {
      fail(error, 'The relationship could not be recorded.');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Box component="form" onSubmit={submit} noValidate sx={{ mt: 2 }} aria-labelledby="attest-title">
      <Typography id="attest-title" variant="subtitle1" component="h3" sx={{ fontWeight: 'bold' }}>
        Record a prior personal relationship
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        Only if you knew {person.name} personally before, outside your work at school (a relative, a neighbour,
        a friend of the family). Say how, in a sentence or two; your supervising administrator can read it.
      </Typography>
      <TextField
        label="How you knew them before"
        value={statement}
        onChange={(e) => setStatement(e.target.value)}
        onBlur={() => setTouched(true)}
        multiline
        minRows={2}
        fullWidth
        required
        slotProps={{ htmlInput: { maxLength: ATTESTATION_MAX_LENGTH } }}
        error={touched && problem !== null}
        helperText={
          touched && problem ? problem : `${statement.trim().length} of ${ATTESTATION_MAX_LENGTH} characters`
        }
      />
      <Button type="submit" variant="contained" sx={{ mt: 1 }} disabled={saving}>
        Record
      </Button>
    </Box>
  );
}

function GuidancePanel({ person, onChanged }: { person: ConnectionPerson; onChanged(): void }) {
  const dataProvider = useStewardDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const fail = useFailure();
  const heading = useRef<HTMLHeadingElement>(null);
  const { data, error, isPending } = useQuery({
    queryKey: guidanceKey(person),
    queryFn: () => dataProvider.getConnectionGuidance(person),
  });

  useEffect(() => {
    if (error && isSignedOut(error)) fail(error, '');
  }, [error, fail]);

  // Keyboard and screen-reader users land on the answer, as sighted users see it appear.
  useEffect(() => {
    if (data) heading.current?.focus();
  }, [data]);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: guidanceKey(person) });
    onChanged();
  };

  const withdraw = async (attestation: ConnectionAttestationRecord) => {
    try {
      await dataProvider.withdrawConnectionAttestation(attestation.id);
      notify('Withdrawn.', { type: 'info' });
      await refresh();
    } catch (e) {
      fail(e, 'It could not be withdrawn.');
    }
  };

  if (isPending) return <Typography sx={{ mt: 2 }}>Looking up the guidance…</Typography>;
  if (error) {
    return (
      <Alert severity="error" sx={{ mt: 2 }}>
        {(error as Error).message}
      </Alert>
    );
  }
  const g: ConnectionGuidanceRecord = data;
  return (
    <Box component="section" aria-labelledby="guidance-title" sx={{ mt: 3 }} data-testid="connection-guidance">
      <Typography id="guidance-title" ref={heading} tabIndex={-1} variant="h6" component="h2" sx={{ '&:focus': { outline: 'none' } }}>
        Guidance for {g.person.name}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {standingText(g.person)}
      </Typography>
      <Alert
        severity={g.inLine ? 'success' : 'warning'}
        icon={g.inLine ? <InLineIcon /> : <RefrainIcon />}
        sx={{ mt: 1 }}
      >
        <Typography component="p" sx={{ fontWeight: 'bold' }}>
          {verdictLabel(g)}
        </Typography>
        <Typography component="p" variant="body2">
          {g.explanation}
        </Typography>
        {g.refrainUntil ? (
          <Typography component="p" variant="body2" sx={{ mt: 0.5 }}>
            Refrain until after: <strong>{formatDay(g.refrainUntil)}</strong>
          </Typography>
        ) : null}
      </Alert>
      <SectionList ids={g.sections} dense />
      {g.attestation ? (
        <Box sx={{ mt: 2 }}>
          <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 'bold' }}>
            What you recorded
          </Typography>
          <Typography variant="body2">
            “{statementShown(g.attestation)}” ({when(g.attestation.attestedAt)})
          </Typography>
          {g.attestation.canWithdraw ? (
            <Button
              sx={{ mt: 1 }}
              variant="outlined"
              onClick={() => void withdraw(g.attestation as ConnectionAttestationRecord)}
            >
              Withdraw what I recorded
            </Button>
          ) : null}
        </Box>
      ) : g.attestationApplies ? (
        <AttestationForm person={{ ...person, name: g.person.name }} onDone={() => void refresh()} />
      ) : null}
    </Box>
  );
}

function AttestationsList({ supervisor }: { supervisor: boolean }) {
  const dataProvider = useStewardDataProvider();
  const queryClient = useQueryClient();
  const notify = useNotify();
  const fail = useFailure();
  const [includeWithdrawn, setIncludeWithdrawn] = useState(false);
  const { data, error, isPending } = useQuery({
    queryKey: [...attestationsKey, includeWithdrawn],
    queryFn: () => dataProvider.getConnectionAttestations({ includeWithdrawn, perPage: 50 }),
  });

  const withdraw = async (a: ConnectionAttestationRecord) => {
    try {
      await dataProvider.withdrawConnectionAttestation(a.id);
      notify('Withdrawn.', { type: 'info' });
      await queryClient.invalidateQueries({ queryKey: attestationsKey });
      await queryClient.invalidateQueries({ queryKey: ['steward', 'connectionGuidance'] });
    } catch (e) {
      fail(e, 'It could not be withdrawn.');
    }
  };

  return (
    <Box component="section" aria-labelledby="attestations-title" sx={{ mt: 4 }} data-testid="connection-attestations">
      <Typography id="attestations-title" variant="h6" component="h2">
        Recorded prior relationships
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {supervisor
          ? 'Yours and your staff\'s: each says how a staff member knew a student\'s parent or family member before, outside school (§VI).'
          : 'Yours: each says how you knew a student\'s parent or family member before, outside school (§VI).'}
      </Typography>
      <FormControlLabel
        control={<Checkbox checked={includeWithdrawn} onChange={(e) => setIncludeWithdrawn(e.target.checked)} />}
        label="Show withdrawn ones too"
      />
      {isPending ? (
        <Typography variant="body2">Loading…</Typography>
      ) : error ? (
        <Alert severity="error">{(error as Error).message}</Alert>
      ) : data.data.length === 0 ? (
        <Typography variant="body2">Nothing recorded.</Typography>
      ) : (
        <Table size="small" aria-labelledby="attestations-title">
          <TableHead>
            <TableRow>
              <TableCell>Staff member</TableCell>
              <TableCell>Parent or guardian</TableCell>
              <TableCell>How they knew them</TableCell>
              <TableCell>Recorded</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>
                <Box component="span" sx={visuallyHidden}>
                  Actions
                </Box>
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.data.map((a) => (
              <TableRow key={a.id}>
                <TableCell>{a.staff?.fullName ?? '—'}</TableCell>
                <TableCell>{a.guardianName}</TableCell>
                <TableCell>{a.statement === null ? <em>{statementShown(a)}</em> : a.statement}</TableCell>
                <TableCell>{when(a.attestedAt)}</TableCell>
                <TableCell>
                  {a.standing ? 'Standing' : `Withdrawn ${a.withdrawnAt ? when(a.withdrawnAt) : ''}`}
                </TableCell>
                <TableCell>
                  {a.canWithdraw ? (
                    <Button size="small" onClick={() => void withdraw(a)} aria-label={`Withdraw what you recorded about ${a.guardianName}`}>
                      Withdraw
                    </Button>
                  ) : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

/**
 * "Connections" (VI): before accepting a friend or follower request on a personal account, a
 * staff member looks the person up (name, school and graduation status only) and reads whether
 * accepting is in line with VI; for a parent or family member of a current student they may
 * record a prior personal relationship, which their supervising administrator reads below.
 */
export function ConnectionsPage() {
  const viewer = useViewer();
  const dataProvider = useStewardDataProvider();
  const queryClient = useQueryClient();
  const fail = useFailure();
  const [value, setValue] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const [search, setSearch] = useState<string | null>(null);
  const [person, setPerson] = useState<ConnectionPerson | null>(null);
  const allowed = !viewer.isPending && canOpenPage(viewer.roles, 'connections');
  const candidates = useQuery({
    queryKey: candidatesKey(search),
    queryFn: () => dataProvider.searchConnectionCandidates(search as string),
    enabled: allowed && search !== null,
  });

  useEffect(() => {
    if (candidates.error && isSignedOut(candidates.error)) fail(candidates.error, '');
  }, [candidates.error, fail]);

  if (viewer.isPending) return <Loading />;
  if (!allowed) {
    return (
      <Card sx={{ mt: 2 }}>
        <Title title="Connections" />
        <CardContent>
          <Typography>
            Connection guidance is for staff asking about their own personal accounts; your role does not ask.
          </Typography>
        </CardContent>
      </Card>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const text = searchText(value);
    setTooShort(text === null);
    if (text === null) return;
    setPerson(null);
    setSearch(text);
  };

  const result = candidates.data ?? null;
  const supervisor = viewer.roles.includes('SUPERVISOR');
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="Connections" />
      <CardContent>
        <Typography variant="h5" component="h1" gutterBottom>
          Friend and follower requests on personal accounts
        </Typography>
        <Typography variant="body1">
          Before accepting a request on a personal account, look the person up: students should not be
          accepted until after they graduate, nor a student's parents or family members unless you knew them
          personally before, outside school. You see a name, the school and whether the student has graduated,
          nothing else.
        </Typography>
        <SectionList ids={['VI']} dense />

        <Box component="form" role="search" aria-label="Find a student or parent" onSubmit={submit} sx={{ mt: 2 }}>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
            <TextField
              label="Name of the student or parent"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              error={tooShort}
              helperText={tooShort ? `Type at least ${MIN_SEARCH_LENGTH} letters of the name.` : 'Any part of the name, at any school'}
              slotProps={{ htmlInput: { maxLength: 100 } }}
              sx={{ minWidth: 320 }}
            />
            <Button type="submit" variant="contained" startIcon={<SearchIcon />} sx={{ mt: 1 }}>
              Search
            </Button>
          </Stack>
        </Box>

        <Box role="status" aria-live="polite" sx={visuallyHidden}>
          {candidates.isFetching ? '' : resultsMessage(result)}
        </Box>
        {candidates.error && !isSignedOut(candidates.error) ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            {(candidates.error as Error).message}
          </Alert>
        ) : null}
        {result ? (
          <Box component="section" aria-labelledby="results-title" sx={{ mt: 2 }}>
            <Typography id="results-title" variant="h6" component="h2">
              People found
            </Typography>
            <Typography variant="body2">{resultsMessage(result)}</Typography>
            {result.items.length > 0 ? (
              <List dense aria-labelledby="results-title">
                {result.items.map((c) => (
                  <ListItem key={`${c.kind}-${c.id}`} disablePadding>
                    <ListItemButton
                      selected={person?.id === c.id && person.kind === c.kind}
                      onClick={() => setPerson({ kind: c.kind, id: c.id })}
                    >
                      <ListItemText
                        primary={
                          <>
                            {c.name} <Chip size="small" variant="outlined" label={KIND_LABELS[c.kind]} sx={{ ml: 1 }} />
                          </>
                        }
                        secondary={standingText(c)}
                      />
                    </ListItemButton>
                  </ListItem>
                ))}
              </List>
            ) : null}
          </Box>
        ) : null}

        {person ? (
          <GuidancePanel
            person={person}
            onChanged={() => void queryClient.invalidateQueries({ queryKey: attestationsKey })}
          />
        ) : null}

        {mayAttempt(viewer.roles, 'connection.read') ? <AttestationsList supervisor={supervisor} /> : null}
      </CardContent>
    </Card>
  );
}
