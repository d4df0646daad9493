import { REMOVAL_REASON_INFO, type RemovalNotice, type RemovalReason } from '@steward/domain';
import type { NotificationDraft } from '../notifications/outbox.js';
import { renderMail, type MailBlock } from '../notifications/templates.js';
import { EVIDENCE_ALGORITHM } from './evidence.js';

/**
 * The two notices XXX requires for every removal: the copy of the content to the superintendent
 * (attached as the canonical JSON snapshot with its digest, so the copy can be checked without
 * Steward), and the reason in writing to the Director of External Relations. Both carry the
 * reasons with their sections, the explanation, the RECORD notes and a link to the case.
 */

export const SUBJECT_TYPE = 'moderation_case';

export interface NoticeFacts {
  caseId: string;
  account: { handle: string; platform: string };
  reasons: RemovalReason[];
  explanation: string;
  removedBy: { name: string; email: string };
  removedAt: Date;
  author: { name: string | null; handle: string | null };
  kind: string;
  platformContentId: string;
  permalink: string | null;
  recordNotes: { author: string; body: string; at: Date }[];
  evidence: { canonical: string; digest: string };
}

export interface Recipient {
  staffId: string;
  email: string;
  name: string;
}

function reasonLines(reasons: RemovalReason[]): string {
  return reasons.map((r) => `${REMOVAL_REASON_INFO[r].section}: ${REMOVAL_REASON_INFO[r].label}`).join('\n');
}

function sectionList(reasons: RemovalReason[]): string {
  return reasons.map((r) => REMOVAL_REASON_INFO[r].section).join(', ');
}

/** The attachment: what was captured, the canonical text and its digest. */
export function evidenceAttachment(facts: Pick<NoticeFacts, 'caseId' | 'evidence'>) {
  return {
    filename: `moderation-case-${facts.caseId}.json`,
    contentType: 'application/json',
    content: `${JSON.stringify(
      {
        algorithm: EVIDENCE_ALGORITHM,
        digest: facts.evidence.digest,
        canonical: facts.evidence.canonical,
        snapshot: JSON.parse(facts.evidence.canonical) as unknown,
      },
      null,
      2,
    )}\n`,
  };
}

function commonBlocks(facts: NoticeFacts): MailBlock[] {
  const account = `@${facts.account.handle} on ${facts.account.platform}`;
  const blocks: MailBlock[] = [
    {
      kind: 'fields',
      rows: [
        ['Account', account],
        ['Content', `${facts.kind.toLowerCase()} ${facts.platformContentId}`],
        ['Author', [facts.author.name, facts.author.handle ? `@${facts.author.handle}` : null].filter(Boolean).join(' ') || 'unknown'],
        ['Removed by', `${facts.removedBy.name} <${facts.removedBy.email}>`],
        ['Removed at', facts.removedAt.toISOString()],
        ['Reasons', reasonLines(facts.reasons)],
        ...(facts.permalink ? ([['Permalink', facts.permalink]] as [string, string][]) : []),
      ],
    },
    { kind: 'quote', label: 'Explanation', text: facts.explanation },
  ];
  for (const note of facts.recordNotes) {
    blocks.push({ kind: 'quote', label: `Note for the record by ${note.author}, ${note.at.toISOString()}`, text: note.body });
  }
  blocks.push({ kind: 'link', label: 'Open the case', path: `/#/moderationCases/${facts.caseId}/show` });
  return blocks;
}

export function removalNotices(
  facts: NoticeFacts,
  recipients: Record<RemovalNotice, Recipient>,
  publicUrl: string,
): NotificationDraft[] {
  const account = `@${facts.account.handle} on ${facts.account.platform}`;
  const sections = sectionList(facts.reasons);
  const copy = renderMail(
    {
      heading: `Copy of content removed from ${account}`,
      blocks: [
        {
          kind: 'paragraph',
          text:
            `${recipients.COPY_TO_SUPERINTENDENT.name}, content was removed from a district page under ` +
            `${sections}. Policy 4051 (XXX) requires that you receive a copy: it is attached as JSON, ` +
            `with its ${EVIDENCE_ALGORITHM} digest ${facts.evidence.digest}.`,
        },
        ...commonBlocks(facts),
      ],
    },
    publicUrl,
  );
  const reason = renderMail(
    {
      heading: `Reason for a removal from ${account}`,
      blocks: [
        {
          kind: 'paragraph',
          text:
            `${recipients.REASON_TO_EXTERNAL_RELATIONS.name}, this is the written notice of the reason ` +
            'for a removal that policy 4051 (XXX) requires. Questions about the removal are directed to you.',
        },
        ...commonBlocks(facts),
      ],
    },
    publicUrl,
  );
  const base = { subjectType: SUBJECT_TYPE, subjectId: facts.caseId };
  return [
    {
      ...base,
      purpose: 'COPY_TO_SUPERINTENDENT',
      recipientEmail: recipients.COPY_TO_SUPERINTENDENT.email,
      recipientStaffId: recipients.COPY_TO_SUPERINTENDENT.staffId,
      subject: `Copy of removed content: ${account} (${sections})`,
      text: copy.text,
      html: copy.html,
      attachments: [evidenceAttachment(facts)],
    },
    {
      ...base,
      purpose: 'REASON_TO_EXTERNAL_RELATIONS',
      recipientEmail: recipients.REASON_TO_EXTERNAL_RELATIONS.email,
      recipientStaffId: recipients.REASON_TO_EXTERNAL_RELATIONS.staffId,
      subject: `Removal reason: ${account} (${sections})`,
      text: reason.text,
      html: reason.html,
    },
  ];
}
