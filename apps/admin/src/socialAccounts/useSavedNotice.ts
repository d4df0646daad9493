import { type RaRecord, useNotify, useRedirect, useResourceContext } from 'react-admin';
import type { SocialAccountRecord } from './types';

/** What the owner is told at save time: who will review a flagged account, and why (IX). */
export function savedNotice(saved: string, record: Partial<SocialAccountRecord> | undefined) {
  const review = record?.affiliationReview;
  return review?.status === 'PENDING' ? `${saved} ${review.message}` : saved;
}

/**
 * A save's onSuccess: says what the server decided (the API's own words when the account was
 * flagged for review), then opens the saved account as react-admin's default would.
 */
export function useSavedNotice(saved: string) {
  const notify = useNotify();
  const redirect = useRedirect();
  const resource = useResourceContext();
  return (data: RaRecord) => {
    const message = savedNotice(saved, data as Partial<SocialAccountRecord>);
    const flagged = message !== saved;
    notify(message, {
      type: flagged ? 'warning' : 'info',
      autoHideDuration: flagged ? 15_000 : undefined,
      multiLine: flagged,
    });
    redirect('show', resource, data.id, data);
  };
}
