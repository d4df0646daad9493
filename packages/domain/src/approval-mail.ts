import type { ApprovalAction, ApprovalState } from './approvals.js';

/**
 * Who is mailed about approval requests, and when. Plumbing for the approvals of XIX, XXII and
 * XXIX (it decides no section itself): an approver hears that requests wait for them, at most
 * once a day, and a requester hears the decision on their request with its note.
 */

/** At most one digest per approver in this span (the issue: "one digest a day at most"). */
export const APPROVER_DIGEST_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a digest may go to an approver whose last one went at `lastDigestAt` (null: never).
 * A last digest stamped after `now` (a clock set back, or another process's clock ahead) counts
 * as just sent: a day from that stamp, not from our clock, so a skewed clock never sends twice.
 */
export function approverDigestDue(lastDigestAt: Date | null, now: Date): boolean {
  if (!lastDigestAt) return true;
  return now.getTime() - lastDigestAt.getTime() >= APPROVER_DIGEST_INTERVAL_MS;
}

/** The earliest moment the next digest may go (now, if one may go already). */
export function nextApproverDigestAt(lastDigestAt: Date | null, now: Date): Date {
  if (approverDigestDue(lastDigestAt, now)) return now;
  return new Date((lastDigestAt as Date).getTime() + APPROVER_DIGEST_INTERVAL_MS);
}

/** A request as the digest sees it. */
export interface DigestCandidate {
  id: string;
  state: ApprovalState;
  /** When it was listed in a digest to its approver (null: never). */
  mailedAt: Date | null;
  createdAt: Date;
  /** When an approval would lapse (null: never). */
  expiresAt?: Date | null;
}

export type DigestPlan =
  | { send: false; reason: 'APPROVER_INACTIVE' | 'NOTHING_NEW' | 'SENT_WITHIN_A_DAY'; nextAt: Date | null }
  | {
      send: true;
      /** Waiting and never mailed: listed one by one, oldest first. */
      requestIds: string[];
      /**
       * Still waiting but listed in an earlier digest: counted, not listed again, so a digest is
       * news, while the count says the older ones are still there (with a link to all of them).
       */
      alreadyMailedWaiting: number;
    };

/**
 * What an approver's digest holds, if one goes now. Only PENDING requests count: one withdrawn,
 * decided or lapsed before the sweep is never mailed, nor one past its expiry that the expiry
 * sweep has not moved to EXPIRED yet (nothing is left to decide). An inactive approver gets nothing (they
 * have left or are away; the dashboard still shows the request to the district admins).
 * A digest goes when something waits that no digest listed yet and the last digest is a day old;
 * requests that arrive within that day wait for the next one, which lists all of them.
 */
export function planApproverDigest(p: {
  approverActive: boolean;
  lastDigestAt: Date | null;
  now: Date;
  requests: readonly DigestCandidate[];
}): DigestPlan {
  if (!p.approverActive) return { send: false, reason: 'APPROVER_INACTIVE', nextAt: null };
  const waiting = p.requests.filter(
    (r) => r.state === 'PENDING' && !(r.expiresAt && r.expiresAt.getTime() <= p.now.getTime()),
  );
  const fresh = waiting
    .filter((r) => r.mailedAt === null)
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  if (fresh.length === 0) return { send: false, reason: 'NOTHING_NEW', nextAt: null };
  if (!approverDigestDue(p.lastDigestAt, p.now)) {
    return { send: false, reason: 'SENT_WITHIN_A_DAY', nextAt: nextApproverDigestAt(p.lastDigestAt, p.now) };
  }
  return {
    send: true,
    requestIds: fresh.map((r) => r.id),
    alreadyMailedWaiting: waiting.length - fresh.length,
  };
}

/**
 * The actions whose outcome the requester is mailed: a decision someone else took on their
 * request (with its note). Not their own withdrawal, and not an expiry, which they set
 * themselves when they submitted and which the dashboard shows.
 */
export const REQUESTER_MAILED_ACTIONS: readonly ApprovalAction[] = ['APPROVE', 'DENY', 'REVOKE'];

export function mailsRequester(action: ApprovalAction, requesterActive: boolean): boolean {
  return requesterActive && REQUESTER_MAILED_ACTIONS.includes(action);
}
