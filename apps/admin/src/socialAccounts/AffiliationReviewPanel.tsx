import {
  Alert,
  Box,
  Button,
  Checkbox,
  Chip,
  FormControl,
  FormControlLabel,
  FormLabel,
  FormGroup,
  List,
  ListItem,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material';
import {
  AFFILIATION_SIGNALS,
  type AffiliationSignal,
  SIGNAL_INFO,
  type SignalSuggestion,
} from '@steward/domain';
import { useState } from 'react';
import { useRecordContext } from 'react-admin';
import { NoteDialog } from '../approvals/NoteDialog';
import { useServerAction } from '../common/useServerAction';
import { SectionList } from '../policy/SectionList';
import { REVIEW_STATUS_LABELS } from './labels';
import { isFullRecord } from './subject';
import type { AffiliationReviewRecord, SocialAccountRecord } from './types';

/** The domain's words: the reader is the reviewer, not the owner ("my position" is the form's). */
const label = (signal: AffiliationSignal) => SIGNAL_INFO[signal]?.label ?? signal;

const FIELD_NAMES: Record<string, string> = {
  handle: 'handle',
  displayName: 'display name',
  bio: 'bio',
};

/**
 * What the profile text suggests, each with its reason and sections: STRONG ones the owner did
 * not tick flag the account; POSSIBLE ones are shown and flag nothing (README "Accounts").
 */
function Suggestions({ suggestions }: { suggestions: SignalSuggestion[] }) {
  if (suggestions.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        Nothing in the handle, display name or bio suggests a signal.
      </Typography>
    );
  }
  return (
    <List dense disablePadding aria-label="Suggested from the profile text">
      {suggestions.map((s) => (
        <ListItem key={s.signal} disableGutters alignItems="flex-start">
          <ListItemText
            primary={
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                <span>{label(s.signal)}</span>
                {/* The word says it; default colours keep the contrast (WCAG 1.4.3). */}
                <Chip
                  size="small"
                  variant={s.confidence === 'STRONG' ? 'filled' : 'outlined'}
                  label={s.confidence === 'STRONG' ? 'Strong' : 'Possible'}
                />
              </Stack>
            }
            slotProps={{ primary: { component: 'div' }, secondary: { component: 'div' } }}
            secondary={
              <>
                {s.reason} (“{s.matched}” in the {FIELD_NAMES[s.field] ?? s.field})
                <SectionList ids={s.sections} dense />
              </>
            }
          />
        </ListItem>
      ))}
    </List>
  );
}

/**
 * The supervising administrator's decision: apply the ticked signals (the account becomes
 * school-affiliated and waits for the owner's approval request, XXIX), or confirm it personal
 * with a note. The record's version goes along, so what is recorded is what was on the screen.
 */
function ResolveReview(props: { record: SocialAccountRecord; review: AffiliationReviewRecord }) {
  const { record, review } = props;
  const { run, busy } = useServerAction();
  const offered = AFFILIATION_SIGNALS.filter(
    (s) =>
      review.signals.includes(s) || (record.signalSuggestions ?? []).some((x) => x.signal === s),
  );
  const [chosen, setChosen] = useState<AffiliationSignal[]>(review.signals);
  const [confirming, setConfirming] = useState(false);
  const toggle = (signal: AffiliationSignal, on: boolean) =>
    setChosen((current) =>
      AFFILIATION_SIGNALS.filter((s) => (s === signal ? on : current.includes(s))),
    );

  return (
    <FormControl component="fieldset" sx={{ mt: 1, display: 'block' }}>
      <FormLabel component="legend">Your decision: the signals to apply</FormLabel>
      <FormGroup>
        {offered.map((signal) => (
          <FormControlLabel
            key={signal}
            control={
              <Checkbox
                checked={chosen.includes(signal)}
                onChange={(event) => toggle(signal, event.target.checked)}
              />
            }
            label={label(signal)}
          />
        ))}
      </FormGroup>
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button
          variant="contained"
          color="secondary"
          disabled={busy || chosen.length === 0}
          onClick={() =>
            run(
              (dp) =>
                dp.resolveAffiliationReview({
                  id: record.id,
                  version: record.version,
                  action: 'APPLY_SIGNALS',
                  signals: chosen,
                }),
              'Signals applied: the account is school-affiliated and waits for approval.',
            )
          }
        >
          Apply signals
        </Button>
        <Button variant="outlined" disabled={busy} onClick={() => setConfirming(true)}>
          Confirm personal
        </Button>
      </Stack>
      <NoteDialog
        open={confirming}
        title="Confirm this account as personal"
        explanation={
          'Say why the account is personal despite what its profile text suggests. The note ' +
          'is kept with the review and in the audit trail; the account is flagged again only ' +
          'if its text comes to suggest another signal.'
        }
        confirmLabel="Confirm personal"
        busy={busy}
        onClose={() => setConfirming(false)}
        onConfirm={async (note) => {
          const done = await run(
            (dp) =>
              dp.resolveAffiliationReview({
                id: record.id,
                version: record.version,
                action: 'CONFIRM_PERSONAL',
                note,
              }),
            'Confirmed as personal.',
          );
          if (done) setConfirming(false);
        }}
      />
    </FormControl>
  );
}

/** The account's affiliation review and the suggestions behind it (IX, XIX, XXIX). */
export function AffiliationReviewPanel(_props: { label?: string }) {
  const record = useRecordContext<SocialAccountRecord>();
  if (!isFullRecord(record)) return null;
  const review = record.affiliationReview ?? null;
  return (
    <Box data-testid="affiliation-review">
      {review && (
        <Alert severity={review.status === 'PENDING' ? 'warning' : 'info'} sx={{ mb: 1 }}>
          <strong>{REVIEW_STATUS_LABELS[review.status] ?? review.status}.</strong>{' '}
          {review.message}
        </Alert>
      )}
      <Suggestions suggestions={record.signalSuggestions ?? []} />
      {review?.canResolve && <ResolveReview record={record} review={review} />}
    </Box>
  );
}
