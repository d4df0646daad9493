import AnswerIcon from '@mui/icons-material/QuestionAnswer';
import ReplyIcon from '@mui/icons-material/Reply';
import { Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { type ReactNode, useState } from 'react';
import { Link, Show, useRecordContext } from 'react-admin';
import { Facts } from '../common/Facts';
import { useServerAction } from '../common/useServerAction';
import { useShowQueryOptions } from '../common/useShowQueryOptions';
import { TextDialog } from '../moderation/TextDialog';
import { SectionList } from '../policy/SectionList';
import { QuestionStatusChip } from './ContentQuestionList';
import { MESSAGE_KIND_LABELS } from './labels';
import type { ContentQuestionRecord } from './types';

const when = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';

function Title() {
  const record = useRecordContext<ContentQuestionRecord>();
  return <span>{record?.asker ? `Question from ${record.asker.fullName}` : 'Question about content'}</span>;
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

function Summary({ record }: { record: ContentQuestionRecord }) {
  const rows: [string, ReactNode][] = [
    ['Status', <QuestionStatusChip key="s" />],
    ['Asked by', `${record.asker?.fullName ?? '—'}, ${when(record.askedAt)}`],
    ['Sent to', record.recipient?.fullName ?? '—'],
    [
      'Account',
      record.account ? (
        <Link key="a" to={`/socialAccounts/${encodeURIComponent(record.account.id)}/show`}>
          @{record.account.handle}
        </Link>
      ) : record.accountHandle ? (
        `@${record.accountHandle}`
      ) : (
        'None named'
      ),
    ],
    ['Media', record.mediaDescription ?? 'None described'],
  ];
  if (record.answeredAt) {
    rows.push(['Last answered', `${when(record.answeredAt)}${record.answeredBy ? ` by ${record.answeredBy.fullName}` : ''}`]);
  }
  return (
    <Section title="The planned post">
      <Box
        component="blockquote"
        sx={{ m: 0, mb: 2, p: 1.5, borderLeft: 4, borderColor: 'divider', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      >
        {record.plannedText}
      </Box>
      <Facts rows={rows} />
      <Typography variant="body2" sx={{ mt: 2 }} component="div">
        Questions about appropriate content go to the staff member's supervising administrator:
        <SectionList ids={['XVIII']} dense />
      </Typography>
    </Section>
  );
}

/** The whole thread, oldest first, as an ordered list: nothing in it is ever edited or removed. */
function Thread({ record }: { record: ContentQuestionRecord }) {
  const messages = record.messages ?? [];
  return (
    <Section title="Thread" testId="thread">
      <Box component="ol" sx={{ m: 0, pl: 0, listStyle: 'none' }}>
        {messages.map((m) => (
          <Box component="li" key={m.id} sx={{ mb: 2 }}>
            <Typography variant="subtitle2" component="h3">
              {MESSAGE_KIND_LABELS[m.kind] ?? m.kind} · {m.author?.fullName ?? 'someone'} · {when(m.createdAt)}
            </Typography>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {m.body}
            </Typography>
          </Box>
        ))}
      </Box>
    </Section>
  );
}

/** Answer (the recipient, or a district admin) or ask further (the asker); the API decides. */
function Reply({ record }: { record: ContentQuestionRecord }) {
  const { run, busy } = useServerAction();
  const [open, setOpen] = useState<'answer' | 'followUp' | null>(null);
  if (!record.canAnswer && !record.canFollowUp) return null;
  return (
    <Section title="Reply">
      <Stack direction="row" spacing={1}>
        {record.canAnswer && (
          <Button variant="contained" startIcon={<AnswerIcon />} onClick={() => setOpen('answer')}>
            {record.status === 'ANSWERED' ? 'Add to the answer' : 'Answer'}
          </Button>
        )}
        {record.canFollowUp && (
          <Button variant="outlined" startIcon={<ReplyIcon />} onClick={() => setOpen('followUp')}>
            Ask further
          </Button>
        )}
      </Stack>
      <TextDialog
        open={open === 'answer'}
        title="Answer the question"
        explanation="Your answer is added to the thread, with your name and the time; it cannot be edited later."
        fields={[{ name: 'answer', label: 'Answer', helperText: 'At most 5,000 characters.', required: true, multiline: true }]}
        confirmLabel="Send answer"
        busy={busy}
        onClose={() => setOpen(null)}
        onConfirm={async (values) => {
          const ok = await run(
            (dp) => dp.answerContentQuestion({ questionId: record.id, answer: values.answer ?? '' }),
            'Answer recorded.',
          );
          if (ok) setOpen(null);
        }}
      />
      <TextDialog
        open={open === 'followUp'}
        title="Ask further"
        explanation="Your message is added to the thread and the question waits for an answer again."
        fields={[{ name: 'message', label: 'Message', helperText: 'At most 5,000 characters.', required: true, multiline: true }]}
        confirmLabel="Send"
        busy={busy}
        onClose={() => setOpen(null)}
        onConfirm={async (values) => {
          const ok = await run(
            (dp) => dp.followUpContentQuestion({ questionId: record.id, message: values.message ?? '' }),
            'Message added; the question is open again.',
          );
          if (ok) setOpen(null);
        }}
      />
    </Section>
  );
}

function Body() {
  const record = useRecordContext<ContentQuestionRecord>();
  if (!record) return null;
  return (
    <Box sx={{ p: 2 }}>
      <Summary record={record} />
      <Thread record={record} />
      <Reply record={record} />
    </Box>
  );
}

export function ContentQuestionShow() {
  const queryOptions = useShowQueryOptions();
  return (
    <Show queryOptions={queryOptions} title={<Title />}>
      <Body />
    </Show>
  );
}
