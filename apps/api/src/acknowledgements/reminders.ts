import { POLICY, type PolicySection } from '@steward/domain';
import type { NotificationDraft } from '../notifications/outbox.js';
import { renderMail } from '../notifications/templates.js';

/** The outbox's subject type of a reminder: the round it is about. */
export const REMINDER_SUBJECT_TYPE = 'acknowledgement_round';
export const REMINDER_PURPOSE = 'ACKNOWLEDGEMENT_REMINDER';

/** The dashboard page where staff read the summaries and acknowledge (App.tsx's custom route). */
export const ACKNOWLEDGEMENTS_PATH = '/#/acknowledgements';

export interface ReminderFacts {
  roundId: string;
  revisionDate: string;
  dueDate: string;
  sections: readonly PolicySection[];
  recipient: { staffId: string; email: string; name: string };
  /** Whether this is the first mail about the round to this person (it announces the round). */
  first: boolean;
  overdue: boolean;
}

/**
 * The reminder (XIII, XVII, XVIII, XX, XXIV, XXVI, XXVII): which revision, by when, the sections
 * with their titles, and the link to acknowledge. The summaries themselves are on the page,
 * next to the button, so the mail stays short and the page stays the one place people read them.
 */
export function reminderMail(facts: ReminderFacts, publicUrl: string): NotificationDraft {
  const revision = `the ${facts.revisionDate} revision of Policy ${POLICY.number}`;
  const when = facts.overdue ? `It was due on ${facts.dueDate}.` : `Please do so by ${facts.dueDate}.`;
  const mail = renderMail(
    {
      heading: `Please read and acknowledge ${revision}`,
      blocks: [
        {
          kind: 'paragraph',
          text:
            `${facts.recipient.name}, ${facts.first ? 'the district asks' : 'this is a reminder that the district asks'} ` +
            `every member of staff to read the summaries of these sections of ${revision} ` +
            `("${POLICY.title}") and to acknowledge them in Steward. ${when}`,
        },
        {
          kind: 'fields',
          rows: [
            ['Revision', facts.revisionDate],
            ['Due', facts.dueDate],
            ['Sections', facts.sections.map((s) => `${s.id}: ${s.title}`).join('\n')],
          ],
        },
        { kind: 'link', label: 'Read and acknowledge', path: ACKNOWLEDGEMENTS_PATH },
        {
          kind: 'paragraph',
          text: 'You will get at most one reminder a week, and none once you have acknowledged.',
        },
      ],
    },
    publicUrl,
  );
  return {
    purpose: REMINDER_PURPOSE,
    subjectType: REMINDER_SUBJECT_TYPE,
    subjectId: facts.roundId,
    recipientEmail: facts.recipient.email,
    recipientStaffId: facts.recipient.staffId,
    subject: `${facts.overdue ? 'Overdue: a' : 'A'}cknowledge Policy ${POLICY.number} (revision ${facts.revisionDate}) by ${facts.dueDate}`,
    text: mail.text,
    html: mail.html,
  };
}
