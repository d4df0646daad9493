import VerifyIcon from '@mui/icons-material/VerifiedUser';
import AnswerIcon from '@mui/icons-material/QuestionAnswer';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Link as MuiLink,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { mayAttempt } from '@steward/domain';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, Show, useRecordContext } from 'react-admin';
import { Facts } from '../common/Facts';
import { useShowQueryOptions } from '../common/useShowQueryOptions';
import { SectionList } from '../policy/SectionList';
import { useStewardDataProvider } from '../dataProvider';
import { useViewer } from '../socialAccounts/useViewer';
import { CaseActions } from './CaseActions';
import { DeliveryChip, ModerationStateChip, QueueFlags } from './chips';
import {
  accountText,
  CONTENT_KIND_LABELS,
  caseAccountText,
  caseName,
  NOTE_VISIBILITY_LABELS,
  noticeStatusText,
  purposeLabel,
  reasonLabel,
} from './labels';
import { TextDialog } from './TextDialog';
import type { EvidenceVerification, ModerationCaseRecord, RemovalQuestion } from './types';
import { useServerAction } from '../common/useServerAction';

const when = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';
const day = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' }) : '—';

function Title() {
  const record = useRecordContext<ModerationCaseRecord>();
  if (!record) return <span>Moderation case</span>;
  const kind = record.snapshot ? CONTENT_KIND_LABELS[record.snapshot.kind] : 'Content';
  return <span>{`${kind} on ${caseAccountText(record)}`}</span>;
}

function Section(props: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card variant="outlined" sx={{ mb: 2 }} component="section" aria-label={props.title} data-testid={props.testId}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {props.title}
        </Typography>
        {props.children}
      </CardContent>
    </Card>
  );
}


/**
 * The case's state. After a step the button used is gone (it no longer applies) and the keyboard
 * would be left on the page's body: focus moves here instead, so a screen reader reads the new
 * state (2.4.3), as on an approval request.
 */
function StateField({ record }: { record: ModerationCaseRecord }) {
  const ref = useRef<HTMLSpanElement>(null);
  const shown = useRef<string | undefined>(undefined);
  const key = `${record.id} ${record.state}`;
  useEffect(() => {
    const before = shown.current;
    shown.current = key;
    if (!before || before === key || before.split(' ')[0] !== key.split(' ')[0]) return;
    const active = document.activeElement;
    if (!active || active === document.body) ref.current?.focus();
  }, [key]);
  return (
    <Box component="span" ref={ref} tabIndex={-1} sx={{ display: 'inline-block', borderRadius: 4 }}>
      <ModerationStateChip state={record.state} />
    </Box>
  );
}

function Summary({ record }: { record: ModerationCaseRecord }) {
  const rows: [string, ReactNode][] = [
    ['State', <StateField key="s" record={record} />],
    [
      'Account',
      record.account ? (
        <Link key="a" to={`/socialAccounts/${encodeURIComponent(record.account.id)}/show`}>
          {accountText(record.account)}
        </Link>
      ) : (
        caseAccountText(record)
      ),
    ],
    ['School', record.account?.school?.name ?? '—'],
    ['Assigned to', record.assignee?.fullName ?? 'Nobody'],
    ['Queue', <QueueFlags key="q" />],
    ['Opened', `${when(record.openedAt)}${record.openedBy ? ` by ${record.openedBy.fullName}` : ''}`],
    ['Due', when(record.dueAt)],
  ];
  if (record.removedAt) {
    rows.push(['Removed', `${when(record.removedAt)}${record.removedBy ? ` by ${record.removedBy.fullName}` : ''}`]);
  }
  if (record.explanation) rows.push(['Explanation', record.explanation]);
  if (record.reportedAt) rows.push(['Reported (both notices delivered)', when(record.reportedAt)]);
  if (record.closedAt) rows.push(['Closed', when(record.closedAt)]);
  if (record.decisionNote) rows.push(['Decision note', record.decisionNote]);
  return (
    <Section title="Case">
      <Facts rows={rows} />
    </Section>
  );
}

/** The copy of the third-party content as captured (XXX): what was on the page, exactly. */
function Snapshot({ record }: { record: ModerationCaseRecord }) {
  const s = record.snapshot;
  if (!s) {
    return (
      <Section title="The content">
        <Typography variant="body2">
          The content was purged {record.purgedAt ? `on ${day(record.purgedAt)}` : ''} after its retention date; its digest
          below is kept as a tombstone.
        </Typography>
      </Section>
    );
  }
  const author = [s.authorName, s.authorHandle ? `@${s.authorHandle.replace(/^@/, '')}` : null].filter(Boolean).join(' ');
  return (
    <Section title="The content" testId="snapshot">
      <Facts
        rows={[
          ['Kind', CONTENT_KIND_LABELS[s.kind] ?? s.kind],
          ['Author', author || 'Not recorded'],
          ['Platform content id', <code key="c">{s.platformContentId}</code>],
          ['Posted', when(s.postedAt)],
          ['Captured', `${when(s.capturedAt)}${s.capturedBy ? ` by ${s.capturedBy.fullName}` : ''}`],
          [
            'Permalink',
            s.permalink ? (
              <MuiLink key="p" href={s.permalink} target="_blank" rel="noopener noreferrer">
                {s.permalink}
              </MuiLink>
            ) : (
              '—'
            ),
          ],
        ]}
      />
      <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
        Text
      </Typography>
      <Box
        component="blockquote"
        sx={{ m: 0, mt: 0.5, p: 1.5, borderLeft: 4, borderColor: 'divider', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
        data-testid="snapshot-text"
      >
        {s.text}
      </Box>
      <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
        Media
      </Typography>
      {s.mediaUrls.length === 0 ? (
        <Typography variant="body2">None.</Typography>
      ) : (
        <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
          {s.mediaUrls.map((url, i) => (
            <Typography component="li" variant="body2" key={url} sx={{ overflowWrap: 'anywhere' }}>
              <MuiLink href={url} target="_blank" rel="noopener noreferrer">
                {`Media ${i + 1}: ${url}`}
              </MuiLink>
            </Typography>
          ))}
        </Box>
      )}
    </Section>
  );
}

export function verificationText(v: EvidenceVerification): string {
  if (v.purged) {
    return `The content was purged; only its digest is kept (${v.algorithm}). Checked ${when(v.checkedAt)}.`;
  }
  return v.intact
    ? `Evidence intact: the content's digest matches the one stored when it was captured (${v.algorithm}). Checked ${when(v.checkedAt)}.`
    : `Evidence altered: the content's digest no longer matches the one stored when it was captured. Stored ${v.storedDigest}, computed ${v.computedDigest ?? 'none'}. Checked ${when(v.checkedAt)}.`;
}

/** The digest and a check of it now; the answer is announced politely (4.1.3). */
function Evidence({ record }: { record: ModerationCaseRecord }) {
  const dataProvider = useStewardDataProvider();
  const [result, setResult] = useState<EvidenceVerification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const verify = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult((await dataProvider.verifyEvidence(String(record.id))).data);
    } catch (e) {
      setResult(null);
      setError((e as Error)?.message || 'The check failed.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title="Evidence digest">
      <Typography variant="body2" sx={{ mb: 1 }}>
        SHA-256 of the content's canonical JSON (RFC 8785), computed when it was captured:
      </Typography>
      <Box component="code" sx={{ display: 'block', overflowWrap: 'anywhere', fontSize: '0.875rem' }} data-testid="digest">
        {record.evidenceDigest}
      </Box>
      <Button
        sx={{ mt: 1 }}
        variant="outlined"
        startIcon={<VerifyIcon />}
        onClick={verify}
        disabled={busy}
        aria-label={`Verify evidence of ${caseName(record)}`}
      >
        Verify evidence
      </Button>
      <Box role="status" aria-live="polite" aria-atomic="true" sx={{ mt: 1 }} data-testid="verify-result">
        {result ? (
          <Alert key={result.checkedAt} role="none" severity={result.intact ? 'success' : result.purged ? 'info' : 'error'} variant="outlined">
            {verificationText(result)}
          </Alert>
        ) : error ? (
          <Alert role="none" severity="error" variant="outlined">
            {error}
          </Alert>
        ) : null}
      </Box>
    </Section>
  );
}

function Reasons({ record }: { record: ModerationCaseRecord }) {
  return (
    <Section title="Reasons for removal">
      {record.reasons.length === 0 ? (
        <Typography variant="body2">
          {record.state === 'OPEN' ? 'Not removed yet.' : 'None: the content was not removed.'}
        </Typography>
      ) : (
        <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
          {record.reasons.map((r) => (
            <Typography component="li" variant="body2" key={r.reason} sx={{ mb: 0.5 }}>
              <strong>{r.label || reasonLabel(r.reason)}</strong> (§{r.section})
              {/* The section with what it says (the catalog), linked like every citation. */}
              <SectionList ids={[r.section]} dense />
            </Typography>
          ))}
        </Box>
      )}
    </Section>
  );
}

/** The two notices of XXX and where each one is. */
function Notices({ record }: { record: ModerationCaseRecord }) {
  return (
    <Section title="Notices (XXX)" testId="notices">
      {record.notices.length === 0 ? (
        <Typography variant="body2">
          None yet: a removal sends a copy to the superintendent and the reason to the Director of External Relations.
        </Typography>
      ) : (
        // A narrow screen scrolls the table in its own box, which the keyboard can reach (2.1.1).
        <Box sx={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label="Notices of this removal">
          <Table size="small" aria-label="Notices of this removal">
            <TableHead>
              <TableRow>
                <TableCell>Notice</TableCell>
                <TableCell>To</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Delivery</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {record.notices.map((n) => (
                <TableRow key={n.purpose} data-testid="notice-row">
                  <TableCell>{purposeLabel(n.purpose)}</TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{n.recipientEmail}</TableCell>
                  <TableCell>
                    <DeliveryChip status={n.status} />
                  </TableCell>
                  <TableCell>{noticeStatusText(n)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Section>
  );
}

function AnswerButton({ record, question }: { record: ModerationCaseRecord; question: RemovalQuestion }) {
  const { run, busy } = useServerAction();
  const [open, setOpen] = useState(false);
  const name = `${question.askerName}'s question about ${caseName(record)}`;
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        startIcon={<AnswerIcon />}
        aria-label={`Answer ${name}`}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        Answer
      </Button>
      <TextDialog
        open={open}
        title={`Answer ${name}`}
        explanation={`"${question.question}" The answer is kept on the case with your name.`}
        fields={[{ name: 'answer', label: 'Answer', helperText: 'As given to the person who asked', required: true, missing: 'Write the answer.', multiline: true }]}
        confirmLabel="Record answer"
        busy={busy}
        onClose={() => setOpen(false)}
        onConfirm={async ({ answer = '' }) => {
          const ok = await run((dp) => dp.answerRemovalQuestion({ questionId: question.id, answer }), 'Answer recorded.');
          if (ok) setOpen(false);
        }}
      />
    </>
  );
}

/** Questions about the removal, answered by the Director of External Relations (XXX). */
function Questions({ record }: { record: ModerationCaseRecord }) {
  const viewer = useViewer();
  const answers =
    typeof record.canAnswer === 'boolean' ? record.canAnswer : mayAttempt(viewer.roles, 'moderation.answer');
  const questions = record.questions ?? [];
  return (
    <Section title="Questions about the removal" testId="questions">
      {questions.length === 0 ? (
        <Typography variant="body2">No question recorded.</Typography>
      ) : (
        <Stack component="ol" spacing={2} sx={{ m: 0, pl: 2.5 }}>
          {questions.map((q) => (
            <li key={q.id} data-testid="question">
              <Typography variant="body2">
                <strong>{q.askerName}</strong>
                {q.askerContact ? ` (${q.askerContact})` : ''} asked on {when(q.askedAt)}
                {q.recordedBy ? `, recorded by ${q.recordedBy.fullName}` : ''}:
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', ml: 1 }}>
                {q.question}
              </Typography>
              {q.answer ? (
                <Box sx={{ mt: 0.5, ml: 1 }}>
                  <Typography variant="body2">
                    <strong>Answer</strong>
                    {q.answeredBy ? ` by ${q.answeredBy.fullName}` : ''} on {when(q.answeredAt)}:
                  </Typography>
                  <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', ml: 1 }} data-testid="answer">
                    {q.answer}
                  </Typography>
                </Box>
              ) : (
                <Stack direction="row" spacing={1} sx={{ mt: 0.5, alignItems: 'center' }}>
                  <Typography variant="body2">Not answered yet.</Typography>
                  {answers ? <AnswerButton record={record} question={q} /> : null}
                </Stack>
              )}
            </li>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function Notes({ record }: { record: ModerationCaseRecord }) {
  const notes = record.notes ?? [];
  return (
    <Section title="Notes">
      {notes.length === 0 ? (
        <Typography variant="body2">No notes.</Typography>
      ) : (
        <Stack component="ul" spacing={1} sx={{ m: 0, pl: 2.5 }}>
          {notes.map((n) => (
            <li key={n.id}>
              <Typography variant="body2" component="div">
                <Chip
                  size="small"
                  variant="outlined"
                  label={NOTE_VISIBILITY_LABELS[n.visibility] ?? n.visibility}
                  sx={{ mr: 1 }}
                />
                {n.author?.fullName ?? 'Someone'}, {when(n.createdAt)}
              </Typography>
              <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>
                {n.body}
              </Typography>
            </li>
          ))}
        </Stack>
      )}
    </Section>
  );
}

/** Suggestions only: a person decides (the reasons are chosen in the Remove dialog). */
function Triage({ record }: { record: ModerationCaseRecord }) {
  const flags = record.triage ?? [];
  return (
    <Section title="Triage suggestions">
      <Typography variant="body2" sx={{ mb: 1 }}>
        Suggestions only, raised automatically from the text; a person decides.
      </Typography>
      {flags.length === 0 ? (
        <Typography variant="body2">Nothing flagged.</Typography>
      ) : (
        <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
          {flags.map((f) => (
            <Typography component="li" variant="body2" key={`${f.reason} ${f.why} ${f.excerpt}`} sx={{ mb: 0.5 }}>
              <strong>{reasonLabel(f.reason)}</strong>: {f.why}
              {f.excerpt ? (
                <>
                  {' '}
                  (“<span>{f.excerpt}</span>”)
                </>
              ) : null}
            </Typography>
          ))}
        </Box>
      )}
    </Section>
  );
}

function Retention({ record }: { record: ModerationCaseRecord }) {
  return (
    <Section title="Retention">
      <Facts
        rows={[
          ['Evidence kept until', day(record.retentionUntil)],
          [
            'Legal hold',
            record.legalHold
              ? `Held since ${when(record.legalHold.placedAt)}${record.legalHold.placedBy ? ` by ${record.legalHold.placedBy.fullName}` : ''}: ${record.legalHold.reason}`
              : 'None',
          ],
          ['Content purged', record.purgedAt ? when(record.purgedAt) : 'No'],
        ]}
      />
    </Section>
  );
}

function CaseDetails() {
  const record = useRecordContext<ModerationCaseRecord>();
  if (!record) return null;
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Summary record={record} />
      <Snapshot record={record} />
      <Evidence record={record} />
      <Reasons record={record} />
      <Notices record={record} />
      <Questions record={record} />
      <Notes record={record} />
      <Triage record={record} />
      <Retention record={record} />
    </Box>
  );
}

/** Whether the page should look again soon: a notice is still on its way. */
export function awaitingDelivery(record: Pick<ModerationCaseRecord, 'notices'> | undefined): boolean {
  return !!record?.notices.some((n) => n.status === 'QUEUED' || n.status === 'RETRYING');
}

export function ModerationCaseShow() {
  const queryOptions = useShowQueryOptions();
  return (
    <Show
      queryOptions={{
        ...queryOptions,
        // While a notice is on its way, the page follows its delivery (every 3 seconds).
        refetchInterval: (query: { state: { data?: unknown } }) =>
          awaitingDelivery(query.state.data as ModerationCaseRecord | undefined) ? 3000 : false,
      }}
      title={<Title />}
      actions={<CaseActions />}
    >
      <CaseDetails />
    </Show>
  );
}
