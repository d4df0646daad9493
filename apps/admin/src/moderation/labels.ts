import {
  MODERATION_STATES,
  REMOVAL_REASON_INFO,
  REMOVAL_REASONS,
  type ModerationState,
  type RemovalReason,
} from '@steward/domain';
import { citedSections } from '../policy/sections';
import { platformLabel } from '../socialAccounts/labels';
import type {
  CaseNoteVisibility,
  ContentKind,
  ModerationCaseRecord,
  ModerationNotice,
  NotificationStatus,
  RemovalNoticePurpose,
} from './types';

export const MODERATION_STATE_LABELS: Record<ModerationState, string> = {
  OPEN: 'Open',
  REMOVED: 'Removed, notices pending',
  REPORTED: 'Reported',
  CLOSED: 'Closed',
  DISMISSED: 'Dismissed (kept)',
  RESTORED: 'Restored',
};

export const STATE_CHOICES = MODERATION_STATES.map((s) => ({ id: s, name: MODERATION_STATE_LABELS[s] }));

export const CONTENT_KIND_LABELS: Record<ContentKind, string> = {
  POST: 'Post',
  COMMENT: 'Comment',
  REPLY: 'Reply',
  MESSAGE: 'Message',
};

export const CONTENT_KIND_CHOICES = (Object.keys(CONTENT_KIND_LABELS) as ContentKind[]).map((k) => ({
  id: k,
  name: CONTENT_KIND_LABELS[k],
}));

/** "Obscene, lewd, or appeals to prurient interests (§XXXI)": the domain's words, the section. */
export function reasonLabel(reason: RemovalReason | string): string {
  const info = REMOVAL_REASON_INFO[reason as RemovalReason];
  return info ? `${info.label} (§${info.section})` : reason;
}

/** The policy's five reasons and no others (XXXI-XXXV). */
export const REASON_CHOICES = REMOVAL_REASONS.map((r) => ({ id: r, name: reasonLabel(r) }));

export const NOTICE_PURPOSE_LABELS: Record<RemovalNoticePurpose, string> = {
  COPY_TO_SUPERINTENDENT: 'Copy of the content to the superintendent',
  REASON_TO_EXTERNAL_RELATIONS: 'Reason in writing to the Director of External Relations',
};

export function purposeLabel(purpose: string): string {
  return NOTICE_PURPOSE_LABELS[purpose as RemovalNoticePurpose] ?? purpose;
}

export const NOTIFICATION_STATUS_LABELS: Record<NotificationStatus, string> = {
  QUEUED: 'Queued',
  RETRYING: 'Retrying',
  DELIVERED: 'Delivered',
  FAILED: 'Failed',
};

export function statusLabel(status: string): string {
  return NOTIFICATION_STATUS_LABELS[status as NotificationStatus] ?? status;
}

export const NOTE_VISIBILITY_LABELS: Record<CaseNoteVisibility, string> = {
  INTERNAL: 'Internal',
  RECORD: 'Part of the record',
};

const when = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/**
 * One notice's delivery in words: "Queued", "Retrying (3 attempts): connection refused",
 * "Delivered on 25 Nov 2026, 15:20".
 */
export function noticeStatusText(
  n: Pick<ModerationNotice, 'status' | 'attempts' | 'lastError' | 'deliveredAt'>,
  format: (iso: string) => string = when,
): string {
  const attempts = `${n.attempts} ${n.attempts === 1 ? 'attempt' : 'attempts'}`;
  switch (n.status) {
    case 'DELIVERED':
      return n.deliveredAt ? `Delivered on ${format(n.deliveredAt)}` : 'Delivered';
    case 'QUEUED':
      return 'Queued';
    case 'RETRYING':
    case 'FAILED':
      return `${statusLabel(n.status)} (${attempts})${n.lastError ? `: ${n.lastError}` : ''}`;
    default:
      return statusLabel(n.status);
  }
}

/** "@RPS_band (Instagram)". */
export function accountText(a: { handle: string; platform: string } | null | undefined): string {
  return a ? `@${a.handle} (${platformLabel(a.platform)})` : 'an account outside your scope';
}

/** The case's account in words, from the account when readable, else from the case's handle. */
export function caseAccountText(
  r: Pick<ModerationCaseRecord, 'account'> & Partial<Pick<ModerationCaseRecord, 'accountHandle' | 'accountPlatform'>>,
): string {
  if (r.account) return accountText(r.account);
  if (r.accountHandle) return accountText({ handle: r.accountHandle, platform: r.accountPlatform ?? '' });
  return accountText(null);
}

/** A case as buttons name it (2.4.6, 4.1.2): "the comment by @parent_01 on @RPS_band (Instagram)". */
export function caseName(
  r: Pick<ModerationCaseRecord, 'account' | 'snapshot'> &
    Partial<Pick<ModerationCaseRecord, 'accountHandle' | 'accountPlatform'>>,
): string {
  const kind = r.snapshot ? CONTENT_KIND_LABELS[r.snapshot.kind]?.toLowerCase() ?? 'content' : 'content';
  const author = r.snapshot?.authorHandle
    ? ` by @${r.snapshot.authorHandle.replace(/^@/, '')}`
    : r.snapshot?.authorName
      ? ` by ${r.snapshot.authorName}`
      : '';
  return `the ${kind}${author} on ${caseAccountText(r)}`;
}

/** A short excerpt for a list row: the first words, at most `max` characters. */
export function excerpt(text: string | null | undefined, max = 80): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** What the queue says in words next to a row (not by colour alone: 1.4.1). */
export function queueFlags(
  r: Pick<ModerationCaseRecord, 'assignee' | 'overdue'> & Partial<Pick<ModerationCaseRecord, 'state'>>,
): string[] {
  const flags: string[] = [];
  if (r.overdue) flags.push('Overdue');
  // Nobody needs to pick up a case that is over (closed, dismissed, restored).
  const worked = !r.state || r.state === 'OPEN' || r.state === 'REMOVED' || r.state === 'REPORTED';
  if (!r.assignee && worked) flags.push('Unassigned');
  return flags;
}

/** "Policy 4051 §XXXI: Content that is obscene or lewd may be removed." (the catalog's summary). */
export function sectionText(section: string): string {
  const [cited] = citedSections([section]);
  return cited?.summary ? `Policy 4051 §${section}: ${cited.summary}` : `Policy 4051 §${section}`;
}
