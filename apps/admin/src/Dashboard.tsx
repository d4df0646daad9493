import { Card, CardActions, CardContent, Chip, Stack, Typography } from '@mui/material';
import { mayAttempt, ROLE_LABELS } from '@steward/domain';
import { useQuery } from '@tanstack/react-query';
import { Button, LinkBase, Title, useGetList } from 'react-admin';
import { acknowledgementKeys } from './acknowledgements/OpenRoundForm';
import { ACKNOWLEDGEMENTS_PATH, MY_ACKNOWLEDGEMENT, type MyAcknowledgementRecord } from './acknowledgements/queries';
import { graphqlRequest } from './graphql/client';
import { useViewer } from './socialAccounts/useViewer';

/** A count of one filtered list, linking to that list (perPage 1: only `total` matters). */
function CountCard(props: {
  resource: string;
  filter: Record<string, unknown>;
  title: string;
  text: string;
}) {
  const { total, isPending } = useGetList(props.resource, {
    filter: props.filter,
    pagination: { page: 1, perPage: 1 },
  });
  const search = `?filter=${encodeURIComponent(JSON.stringify(props.filter))}`;
  return (
    <Card sx={{ minWidth: 240, flex: 1 }}>
      <CardContent>
        <Typography variant="overline" component="h2">
          {props.title}
        </Typography>
        <Typography variant="h4" component="p">
          {isPending ? '…' : (total ?? 0)}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {props.text}
        </Typography>
      </CardContent>
      <CardActions>
        {/* Three cards have an "Open" button: each one's name says which list it opens. */}
        <Button
          label="Open"
          aria-label={`Open: ${props.title}`}
          component={LinkBase}
          to={{ pathname: `/${props.resource}`, search }}
        />
      </CardActions>
    </Card>
  );
}

/**
 * The policy revision waiting for the viewer's acknowledgement, if any (XIII, XVII, XVIII, XX,
 * XXIV, XXVI, XXVII): shown on the home page so nobody has to find the menu entry first. Same
 * query (and cache) as the Acknowledgements page.
 */
function AcknowledgementCard() {
  const { data } = useQuery({
    queryKey: [...acknowledgementKeys.all, 'mine'],
    queryFn: () => graphqlRequest<{ myAcknowledgement: MyAcknowledgementRecord }>(MY_ACKNOWLEDGEMENT),
  });
  const mine = data?.myAcknowledgement;
  if (!mine?.round || !mine.required || mine.acknowledgedAt) return null;
  return (
    <Card>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {mine.overdue ? 'Overdue: acknowledge the policy' : 'Acknowledge the policy'}
        </Typography>
        <Typography variant="body2">
          Policy 4051, revision of {mine.round.revisionDate}: read the summaries of its sections and
          acknowledge {mine.overdue ? 'now; it was due' : 'by'} {mine.round.dueDate}.
        </Typography>
      </CardContent>
      <CardActions>
        <Button label="Read and acknowledge" component={LinkBase} to={ACKNOWLEDGEMENTS_PATH} />
      </CardActions>
    </Card>
  );
}

/** Home: who is signed in, and what is waiting for them. */
export function Dashboard() {
  const viewer = useViewer();
  if (viewer.isPending) return null;
  const may = (op: Parameters<typeof mayAttempt>[1]) => mayAttempt(viewer.roles, op);
  return (
    <Stack spacing={2} sx={{ mt: 2 }}>
      <Title title="Steward — Policy 4051" />
      <Card>
        <CardContent>
          <Typography variant="h5" component="h2" gutterBottom>
            Staff and district social media use
          </Typography>
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
            {viewer.roles.map((role) => (
              <Chip key={role} label={ROLE_LABELS[role]} size="small" />
            ))}
          </Stack>
        </CardContent>
      </Card>
      {may('acknowledgement.submit') && <AcknowledgementCard />}
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        {may('approval.decide') && (
          <CountCard
            resource="approvalRequests"
            filter={{ waitingForMe: true }}
            title="Waiting for your decision"
            text="Requests from your staff (XIX, XXII, XXIX)."
          />
        )}
        {may('socialAccount.read') && (
          <CountCard
            resource="socialAccounts"
            filter={{ needsAttention: true }}
            title="Accounts needing attention"
            text="Pending approval, suspended, without an owner, reclassified, or flagged for a classification review."
          />
        )}
        {may('approval.submit') && (
          <CountCard
            resource="approvalRequests"
            filter={viewer.id ? { requesterId: viewer.id, state: 'PENDING' } : {}}
            title="Your pending requests"
            text="Submitted and not yet decided."
          />
        )}
      </Stack>
    </Stack>
  );
}
