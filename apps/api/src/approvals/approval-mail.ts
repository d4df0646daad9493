import type { EntityManager } from '@mikro-orm/postgresql';
import {
  AFFILIATED_CONTENT_KIND_INFO,
  APPROVAL_KIND_INFO,
  type AffiliatedContentKind,
  approverDigestDue,
  mailsRequester,
  planApproverDigest,
  type ApprovalAction,
  type ApprovalKind,
  type ApprovalState,
} from '@steward/domain';
import type { Config } from '../config.js';
import { enqueueNotifications, type NotificationDraft } from '../notifications/outbox.js';
import { renderMail, type MailBlock } from '../notifications/templates.js';
import { query } from '../server/rows.js';
import { Staff } from '../staff/staff.entity.js';
import type { ApprovalRequest } from './approval-request.entity.js';

/**
 * Approval mail (issue 13), through the same outbox and templates as the moderation notices:
 *
 * - the requester is mailed a decision someone took on their request (approved, denied,
 *   revoked) with the decider's note, written by `enqueueDecision` in the decision's own
 *   transaction, so a decision that rolls back (a lost race) mails nothing;
 * - an approver is mailed a digest of the requests waiting for them, at most one a day
 *   (`sweepDigests`, run by main.ts's minute sweep; the rule is `planApproverDigest`).
 *
 * Neither mail carries anything the recipient could not read in the dashboard already; no
 * credentials, ever (the requests hold none).
 */

export const DECISION_PURPOSE = 'APPROVAL_DECISION';
export const DIGEST_PURPOSE = 'APPROVAL_DIGEST';
/** The decision mail is about one request (subjectId: the request's id). */
export const REQUEST_SUBJECT_TYPE = 'approval_request';
/** A digest is about an approver's queue (subjectId: the approver's staff id). */
export const DIGEST_SUBJECT_TYPE = 'approval_digest';

/** A digest lists this many requests at most; the rest are counted, and the link shows them all. */
export const DIGEST_MAX_LISTED = 50;

const APPROVAL_SECTIONS = 'XIX, XXII, XXIX';

/** The dashboard's page of one request (react-admin's hash router, as moderation's links). */
export const requestPath = (id: string) => `/#/approvalRequests/${id}/show`;
/** The dashboard's list of requests waiting for the signed-in approver. */
export const WAITING_PATH = `/#/approvalRequests?filter=${encodeURIComponent(JSON.stringify({ waitingForMe: true }))}`;

/** One line, at most `max` characters: for subject lines (no header injection) and list entries. */
function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/** A register entry as the mails name it. */
export interface MailedEntry {
  contentKind: AffiliatedContentKind;
  handle: string;
  platform: string;
  url: string | null;
}

/**
 * How a register entry is named (XXIX registers web pages and other content as well as
 * accounts): an account, page, microblog or handle by "@handle on PLATFORM"; a web page or other
 * content by its address (it has no @handle, and its platform is only WEB or OTHER).
 */
function entryName(a: MailedEntry): string {
  const info = AFFILIATED_CONTENT_KIND_INFO[a.contentKind] ?? AFFILIATED_CONTENT_KIND_INFO.SOCIAL_ACCOUNT;
  return info.identifiedBy === 'URL' ? (a.url ?? a.handle) : `@${a.handle} on ${a.platform}`;
}

/** The field label for an entry: its kind's label ("Web page", "Microblog", …). */
function entryLabel(a: MailedEntry): string {
  return (AFFILIATED_CONTENT_KIND_INFO[a.contentKind] ?? AFFILIATED_CONTENT_KIND_INFO.SOCIAL_ACCOUNT).label;
}

/**
 * The entry in a sentence: "the account" (as before kinds existed), "the web page
 * https://…", "the microblog @x on BLUESKY", "the content at https://…".
 */
function theEntry(a: MailedEntry): string {
  switch (a.contentKind) {
    case 'SOCIAL_ACCOUNT':
      return 'the account';
    case 'OTHER_CONTENT':
      return `the content at ${entryName(a)}`;
    default:
      return `the ${entryLabel(a).toLowerCase()} ${entryName(a)}`;
  }
}

const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** What a request is about: the entry (an account's "@handle on PLATFORM"), or the described activity. */
function subjectOf(r: { account: MailedEntry | null; activity: string | null }): string {
  if (r.account) {
    return r.account.contentKind === 'SOCIAL_ACCOUNT' ? entryName(r.account) : `${entryLabel(r.account).toLowerCase()} ${entryName(r.account)}`;
  }
  return r.activity?.trim() || 'no subject given';
}

const HEADINGS: Record<'APPROVE' | 'DENY' | 'REVOKE', { heading: string; verb: string; subject: string }> = {
  APPROVE: { heading: 'Your request was approved', verb: 'approved your request', subject: 'Approved' },
  DENY: { heading: 'Your request was denied', verb: 'denied your request', subject: 'Denied' },
  REVOKE: { heading: 'Your approval was revoked', verb: 'revoked the approval of your request', subject: 'Approval revoked' },
};

/** What each decision means for the requester, in one sentence, naming the entry by its kind. */
function consequence(action: 'APPROVE' | 'DENY' | 'REVOKE', kind: ApprovalKind, account: MailedEntry | null): string {
  const entry = kind === 'AFFILIATED_ACCOUNT' && account ? account : null;
  switch (action) {
    case 'APPROVE':
      if (!entry) return 'You have the permission the policy asks for; keep to what the request describes.';
      return entry.contentKind === 'SOCIAL_ACCOUNT'
        ? 'The account is now active as a school-affiliated account.'
        : `${sentence(theEntry(entry))} is now active as school-affiliated content.`;
    case 'DENY':
      return 'You do not have this permission. The note says why; you may submit a new request.';
    case 'REVOKE':
      return entry
        ? `The permission ends now and ${theEntry(entry)} is suspended. The note says why.`
        : 'The permission ends now. The note says why.';
  }
}

export interface DigestRequestRow {
  id: string;
  kind: ApprovalKind;
  state: ApprovalState;
  activity: string | null;
  justification: string;
  createdAt: Date;
  expiresAt: Date | null;
  mailedAt: Date | null;
  requester: { name: string; position: string };
  account: MailedEntry | null;
}

export class ApprovalMail {
  constructor(private readonly config: Pick<Config, 'publicUrl'>) {}

  /**
   * Writes the requester's mail for a decision, with the caller's transaction (call it inside
   * the decision's `em.transactional`, before the flush that may still lose the race). Returns
   * the notice id, or null when the action is not mailed (a withdrawal is the requester's own
   * act; an expiry is the date they chose) or the requester has left the district.
   * `request.requester` and `request.account` must be loaded.
   */
  async enqueueDecision(
    tx: EntityManager,
    request: ApprovalRequest,
    action: ApprovalAction,
    deciderId: string,
  ): Promise<string | null> {
    const requester = request.requester;
    if (!mailsRequester(action, requester.active)) return null;
    const decided = action as 'APPROVE' | 'DENY' | 'REVOKE';
    // Raw SQL on purpose: an ORM find may flush first, and the flush must come after this insert
    // (see the caller), so that losing the race rolls the mail back rather than preceding it.
    const [row] = await query<{ given_name: string; family_name: string; position: string }>(
      tx,
      'select given_name, family_name, position from staff where id = ?',
      [deciderId],
    );
    if (!row) throw new Error(`decider ${deciderId} not found`);
    const decider = { fullName: `${row.given_name} ${row.family_name}`, position: row.position };
    const info = APPROVAL_KIND_INFO[request.kind];
    const about = subjectOf(request);
    const words = HEADINGS[decided];
    const blocks: MailBlock[] = [
      {
        kind: 'paragraph',
        text: `${requester.givenName}, ${decider.fullName} ${words.verb} (${info.label.toLowerCase()}, ${info.sections.join(', ')}). ${consequence(decided, request.kind, request.account)}`,
      },
      {
        kind: 'fields',
        rows: [
          ['Decision', request.state],
          ['Request', info.label],
          [request.account ? entryLabel(request.account) : 'Activity', about],
          ['Decided by', `${decider.fullName}, ${decider.position}`],
          ['Decided at', (request.decidedAt ?? new Date()).toISOString()],
          ['Submitted at', request.createdAt.toISOString()],
          ...(request.expiresAt ? ([['Expires at', request.expiresAt.toISOString()]] as [string, string][]) : []),
        ],
      },
    ];
    if (request.decisionNote) {
      blocks.push({ kind: 'quote', label: `Note from ${decider.fullName}`, text: request.decisionNote });
    }
    blocks.push({ kind: 'link', label: 'Open the request', path: requestPath(request.id) });
    const mail = renderMail({ heading: words.heading, blocks }, this.config.publicUrl);
    const [id] = await enqueueNotifications(tx, [
      {
        purpose: DECISION_PURPOSE,
        subjectType: REQUEST_SUBJECT_TYPE,
        subjectId: request.id,
        recipientEmail: requester.email,
        recipientStaffId: requester.id,
        subject: `${words.subject}: ${oneLine(info.label, 60)} (${oneLine(about, 60)})`,
        text: mail.text,
        html: mail.html,
      },
    ]);
    return id ?? null;
  }

  /**
   * Mails each approver who has a waiting request no digest listed yet, if their last digest is a
   * day old (`planApproverDigest`). One transaction per approver, so one approver's failure
   * does not hold back the others' mail (the first error is rethrown after all were tried).
   * Safe to run from several API processes at once: see `digestFor`. `now` is injectable so
   * tests can move a day ahead. Returns the notice ids written.
   */
  async sweepDigests(em: EntityManager, now: Date = new Date()): Promise<string[]> {
    const approvers = await query<{ approver_id: string }>(
      em,
      `select distinct q.approver_id
         from approval_request q
         join staff s on s.id = q.approver_id and s.active
        where q.state = 'PENDING' and q.approver_mailed_at is null`,
    );
    const sent: string[] = [];
    let failure: unknown = null;
    for (const { approver_id } of approvers) {
      try {
        const id = await this.digestFor(em.fork(), approver_id, now);
        if (id) sent.push(id);
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure) throw failure;
    return sent;
  }

  /**
   * One approver's digest, in one transaction. The approver's `approval_digest` row is locked
   * first (FOR UPDATE SKIP LOCKED): a second process sweeping at the same moment skips this
   * approver instead of reading a "last sent" time that is about to change, so two processes
   * never both send. (Two first-ever sweeps both insert the row: the second insert waits for the
   * first to commit and then reads its stamp.) The waiting requests are locked too, so a
   * decision or withdrawal racing the digest either lands before it (and the request is left
   * out) or waits until the digest has committed. They are locked only when a digest is due.
   */
  private async digestFor(em: EntityManager, approverId: string, now: Date): Promise<string | null> {
    return em.transactional(async (tx) => {
      await query(tx, 'insert into approval_digest (approver_id) values (?) on conflict do nothing', [approverId]);
      const [lock] = await query<{ last_sent_at: string | null }>(
        tx,
        'select last_sent_at from approval_digest where approver_id = ? for update skip locked',
        [approverId],
      );
      if (!lock) return null;
      const lastSentAt = lock.last_sent_at ? new Date(lock.last_sent_at) : null;
      // Most minutes an approver with a new request is within their day: stop here, before the
      // requests are locked, so a decision or withdrawal never waits for a digest that is not
      // going out. (planApproverDigest checks the same again with the requests in hand.)
      if (!approverDigestDue(lastSentAt, now)) return null;
      const approver = await tx.findOne(Staff, { id: approverId });
      if (!approver) return null;
      const requests = await this.waitingFor(tx, approverId);
      const plan = planApproverDigest({
        approverActive: approver.active,
        lastDigestAt: lastSentAt,
        now,
        requests: requests.map((r) => ({
          id: r.id,
          state: r.state,
          mailedAt: r.mailedAt,
          createdAt: r.createdAt,
          expiresAt: r.expiresAt,
        })),
      });
      if (!plan.send) return null;
      const byId = new Map(requests.map((r) => [r.id, r]));
      const listed = plan.requestIds.map((id) => byId.get(id) as DigestRequestRow);
      const [noticeId] = await enqueueNotifications(tx, [this.digestDraft(approver, listed, plan.alreadyMailedWaiting)]);
      await query(tx, 'update approval_request set approver_mailed_at = ? where id = any(?::uuid[])', [
        now,
        plan.requestIds,
      ]);
      await query(tx, 'update approval_digest set last_sent_at = ?, last_notification_id = ? where approver_id = ?', [
        now,
        noticeId,
        approverId,
      ]);
      return noticeId ?? null;
    });
  }

  /** The approver's PENDING requests with what the digest shows, locked until the digest commits. */
  private async waitingFor(tx: EntityManager, approverId: string): Promise<DigestRequestRow[]> {
    const rows = await query<Record<string, string | null>>(
      tx,
      `select q.id, q.kind, q.state, q.activity, q.justification, q.created_at, q.expires_at,
              q.approver_mailed_at, r.given_name, r.family_name, r.position, a.handle, a.platform,
              a.content_kind, a.url
         from approval_request q
         join staff r on r.id = q.requester_id
         left join social_account a on a.id = q.account_id
        where q.approver_id = ? and q.state = 'PENDING'
        order by q.created_at, q.id
          for update of q`,
      [approverId],
    );
    return rows.map((row) => ({
      id: row.id as string,
      kind: row.kind as ApprovalKind,
      state: row.state as ApprovalState,
      activity: row.activity ?? null,
      justification: row.justification as string,
      createdAt: new Date(row.created_at as string),
      expiresAt: row.expires_at ? new Date(row.expires_at) : null,
      mailedAt: row.approver_mailed_at ? new Date(row.approver_mailed_at) : null,
      requester: { name: `${row.given_name} ${row.family_name}`, position: row.position as string },
      account: row.handle
        ? {
            contentKind: (row.content_kind ?? 'SOCIAL_ACCOUNT') as AffiliatedContentKind,
            handle: row.handle,
            platform: row.platform as string,
            url: row.url ?? null,
          }
        : null,
    }));
  }

  /** The digest: every listed request with who asks, what about, why, and a link to decide it. */
  digestDraft(
    approver: Pick<Staff, 'id' | 'email' | 'givenName'>,
    requests: DigestRequestRow[],
    alreadyMailedWaiting: number,
  ): NotificationDraft {
    const n = requests.length;
    const heading = n === 1 ? '1 approval request waits for you' : `${n} approval requests wait for you`;
    const blocks: MailBlock[] = [
      {
        kind: 'paragraph',
        text:
          `${approver.givenName}, staff you supervise asked for the permission policy 4051 makes them ` +
          `obtain from their supervising administrator (${APPROVAL_SECTIONS}). ` +
          (n === 1 ? 'This request waits for your decision.' : 'These requests wait for your decision, oldest first.'),
      },
    ];
    for (const [i, r] of requests.slice(0, DIGEST_MAX_LISTED).entries()) {
      const info = APPROVAL_KIND_INFO[r.kind];
      blocks.push(
        {
          kind: 'fields',
          rows: [
            ['Request', `${i + 1}. ${info.label} (${info.sections.join(', ')})`],
            ['Requested by', `${r.requester.name}, ${r.requester.position}`],
            [r.account ? entryLabel(r.account) : 'Activity', oneLine(subjectOf(r), 200)],
            ['Submitted at', r.createdAt.toISOString()],
            ...(r.expiresAt ? ([['Expires at', r.expiresAt.toISOString()]] as [string, string][]) : []),
          ],
        },
        { kind: 'quote', label: 'Why they ask', text: clip(r.justification, 1000) },
        { kind: 'link', label: 'Open this request', path: requestPath(r.id) },
      );
    }
    const notes: string[] = [];
    if (n > DIGEST_MAX_LISTED) notes.push(`${n - DIGEST_MAX_LISTED} more new requests are not listed here.`);
    if (alreadyMailedWaiting > 0) {
      notes.push(
        alreadyMailedWaiting === 1
          ? '1 request listed in an earlier mail still waits too.'
          : `${alreadyMailedWaiting} requests listed in earlier mails still wait too.`,
      );
    }
    notes.push('You get at most one of these mails a day; requests submitted after this one are in the next.');
    blocks.push(
      { kind: 'paragraph', text: notes.join(' ') },
      { kind: 'link', label: 'Everything waiting for you', path: WAITING_PATH },
    );
    const mail = renderMail({ heading, blocks }, this.config.publicUrl);
    return {
      purpose: DIGEST_PURPOSE,
      subjectType: DIGEST_SUBJECT_TYPE,
      subjectId: approver.id,
      recipientEmail: approver.email,
      recipientStaffId: approver.id,
      subject: heading,
      text: mail.text,
      html: mail.html,
    };
  }
}
