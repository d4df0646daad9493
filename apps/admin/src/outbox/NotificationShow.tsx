import { Alert, Box, Button, Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { mayAttempt } from '@steward/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Loading, Title, useNotify, useRequireAccess } from 'react-admin';
import { Facts } from '../common/Facts';
import { useViewer } from '../socialAccounts/useViewer';
import { useParams } from 'react-router';
import { useStewardDataProvider } from '../dataProvider';
import { DeliveryChip } from '../moderation/chips';
import { notificationPurposeLabel, notificationSubjectLink, retryNotification, sizeLabel } from './queries';
import type { NotificationRecord } from './types';

const when = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }) : '—';


function Message({ n }: { n: NotificationRecord }) {
  const subject = notificationSubjectLink(n.subjectType, n.subjectId);
  return (
    <Card sx={{ mt: 2 }}>
      <CardContent>
        <Facts
          rows={[
            ['To', n.recipientEmail],
            ['Subject', n.subject],
            ['Purpose', notificationPurposeLabel(n.purpose)],
            ['Status', <DeliveryChip key="s" status={n.status} />],
            ['Attempts', String(n.attempts)],
            ['Last error', n.lastError ?? '—'],
            ['Next attempt', n.status === 'DELIVERED' ? '—' : when(n.nextAttemptAt)],
            ['Queued', when(n.createdAt)],
            ['Delivered', when(n.deliveredAt)],
            [
              'About',
              subject ? (
                <Link key="a" to={subject.path}>
                  {subject.label}
                </Link>
              ) : (
                `${n.subjectType} ${n.subjectId}`
              ),
            ],
          ]}
        />
        <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
          Text
        </Typography>
        <Box
          component="pre"
          tabIndex={0}
          aria-label="Text of the message"
          sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', fontFamily: 'inherit', m: 0, p: 1.5, border: 1, borderColor: 'divider', borderRadius: 1 }}
          data-testid="notification-text"
        >
          {n.text}
        </Box>
        <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
          Attachments
        </Typography>
        {n.attachments.length === 0 ? (
          <Typography variant="body2">None.</Typography>
        ) : (
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {n.attachments.map((a) => (
              <Typography component="li" variant="body2" key={a.filename}>
                {a.filename} ({a.contentType}, {sizeLabel(a.size)})
              </Typography>
            ))}
          </Box>
        )}
        <DeliveryLog n={n} />
        <SendAgain n={n} />
      </CardContent>
    </Card>
  );
}

/**
 * A FAILED message can be sent again once the mail server (or the address) is fixed: district IT
 * only (notification.retry), audited by the API, which refuses anything that is not FAILED.
 */
function SendAgain({ n }: { n: NotificationRecord }) {
  const viewer = useViewer();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  if (n.status !== 'FAILED' || !mayAttempt(viewer.roles, 'notification.retry')) return null;
  return (
    <Box sx={{ mt: 2 }}>
      <Button
        variant="contained"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await retryNotification(n.id);
            notify('The message is queued to be sent again.', { type: 'info' });
            await queryClient.invalidateQueries({ queryKey: ['steward', 'notification', n.id] });
          } catch (error) {
            notify((error as Error).message, { type: 'error' });
          } finally {
            setBusy(false);
          }
        }}
      >
        Send again
      </Button>
    </Box>
  );
}

/** Every try at delivering the message: when, what happened, and what the mail server said. */
function DeliveryLog({ n }: { n: NotificationRecord }) {
  const log = n.attemptLog ?? [];
  return (
    <>
      <Typography variant="h6" component="h2" sx={{ mt: 2 }} id="delivery-log-heading">
        Delivery log
      </Typography>
      {log.length === 0 ? (
        <Typography variant="body2">Not tried yet.</Typography>
      ) : (
        <Box sx={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-labelledby="delivery-log-heading">
          <Table size="small" aria-labelledby="delivery-log-heading">
            <TableHead>
              <TableRow>
                <TableCell component="th" scope="col">Try</TableCell>
                <TableCell component="th" scope="col">When</TableCell>
                <TableCell component="th" scope="col">Outcome</TableCell>
                <TableCell component="th" scope="col">Mail server or error</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {log.map((a) => (
                <TableRow key={`${a.attempt}-${a.attemptedAt}-${a.outcome}`}>
                  <TableCell>{a.attempt}</TableCell>
                  <TableCell>{when(a.attemptedAt)}</TableCell>
                  <TableCell>{a.outcome}</TableCell>
                  <TableCell sx={{ overflowWrap: 'anywhere' }}>{a.error ?? a.smtpResponse ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </>
  );
}

/** One message of the outbox: who, what, where its delivery is, the text, the attachments' names and the delivery log. */
export function NotificationShow() {
  const { id = '' } = useParams();
  const dataProvider = useStewardDataProvider();
  // Not a react-admin <Show> (it polls while the message is on its way): the same access check by
  // hand, which sends a role without notification.read to the "access denied" page.
  const access = useRequireAccess({ resource: 'notifications', action: 'show' });
  const { data, error, isPending } = useQuery({
    enabled: !access.isPending,
    queryKey: ['steward', 'notification', id],
    queryFn: ({ signal }) => dataProvider.getNotification(id, signal),
    refetchInterval: (query) => {
      const status = query.state.data?.data.status;
      return status === 'QUEUED' || status === 'RETRYING' ? 5000 : false;
    },
  });
  const n = data?.data;
  return (
    <Box>
      <Title title={n ? n.subject : 'Message'} />
      {access.isPending || isPending ? (
        <Loading />
      ) : error ? (
        <Alert severity="error" variant="outlined" sx={{ mt: 2 }}>
          {(error as Error).message} <Link to="/notifications">Back to the outbox</Link>
        </Alert>
      ) : n ? (
        <Message n={n} />
      ) : null}
    </Box>
  );
}
