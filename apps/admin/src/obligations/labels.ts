import type { InteractionState, RequiredInteractionRecord } from './types';

export const INTERACTION_STATE_LABELS: Record<InteractionState, string> = {
  AWAITING_CONFIRMATION: 'Awaiting confirmation',
  CONFIRMED: 'Confirmed',
  RETIRED: 'Retired',
  // Not withdrawn, but the account became personal or was retired: nobody confirms it now.
  LAPSED: 'Lapsed',
};

export const INTERACTION_STATE_CHOICES = (Object.keys(INTERACTION_STATE_LABELS) as InteractionState[]).map((id) => ({
  id,
  name: INTERACTION_STATE_LABELS[id],
}));

const when = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Who confirmed and when, and who has not yet, in one sentence. */
export function confirmationText(r: Pick<RequiredInteractionRecord, 'confirmations' | 'awaitingConfirmationFrom' | 'state'>): string {
  const done = r.confirmations.map((c) => `${c.confirmedBy?.fullName ?? 'someone'} (${when(c.confirmedAt)})`);
  const waiting = r.awaitingConfirmationFrom.map((s) => s.fullName);
  const parts: string[] = [];
  parts.push(done.length > 0 ? `Confirmed by ${done.join(', ')}.` : 'Not confirmed yet.');
  if (r.state === 'LAPSED') {
    parts.push('It no longer stands: the account became personal or was retired (VIII, IX, XII).');
  } else if (r.state !== 'RETIRED' && waiting.length > 0) parts.push(`Waiting for ${waiting.join(', ')}.`);
  return parts.join(' ');
}
