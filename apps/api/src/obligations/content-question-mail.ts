import type { EntityManager } from '@mikro-orm/postgresql';
import type { ContentMessageKind } from '@steward/domain';
import type { Config } from '../config.js';
import { enqueueNotifications } from '../notifications/outbox.js';
import { renderMail, type MailBlock } from '../notifications/templates.js';

/**
 * Mail of questions about planned content (XVIII), through the same outbox and templates as the
 * other notices, written in the transaction of the message it announces (a message that rolls
 * back mails nothing):
 * - a question, or the asker asking further, goes to the supervising administrator it was sent to;
 * - an answer goes to the asker.
 * The mail says what the dashboard says to the same person, and links to the thread.
 */
export const QUESTION_PURPOSE = 'CONTENT_QUESTION';
export const ANSWER_PURPOSE = 'CONTENT_ANSWER';
export const QUESTION_SUBJECT_TYPE = 'content_question';

export const questionPath = (id: string) => `/#/contentQuestions/${id}/show`;

/** One line, at most `max` characters: a subject line never carries a line break. */
function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

export interface MessageMail {
  questionId: string;
  kind: ContentMessageKind;
  body: string;
  plannedText: string;
  mediaDescription: string | null;
  author: { name: string };
  recipient: { staffId: string; email: string; name: string };
  /**
   * For an answer: whether its author is the person the question went to, and that person's name
   * otherwise. Any district admin may answer (XVIII), so the mail names who did, not "your
   * supervising administrator".
   */
  answer?: { byRecipient: boolean; sentToName: string | null };
}

/** The answer mail's opening words: who answered, in what capacity. */
function answerParagraph(m: MessageMail): string {
  const policy = '(policy 4051, section XVIII). You can ask further in Steward.';
  if (!m.answer || m.answer.byRecipient) {
    return `${m.author.name} answered the question about a planned post that you sent them ${policy}`;
  }
  const sentTo = m.answer.sentToName ? `, which had gone to ${m.answer.sentToName}` : '';
  return `${m.author.name}, a district administrator, answered your question about a planned post${sentTo} ${policy}`;
}

export async function enqueueMessageMail(
  tx: EntityManager,
  config: Pick<Config, 'publicUrl'>,
  m: MessageMail,
): Promise<string | null> {
  const toAnswerer = m.kind !== 'ANSWER';
  const heading =
    m.kind === 'QUESTION'
      ? `${m.author.name} asks about a planned post`
      : m.kind === 'FOLLOW_UP'
        ? `${m.author.name} asks further about a planned post`
        : `${m.author.name} answered your question`;
  const blocks: MailBlock[] = [
    {
      kind: 'paragraph',
      text: toAnswerer
        ? 'Questions about appropriate content are referred to the staff member\'s supervising ' +
          'administrator (policy 4051, section XVIII). Answer in Steward; the thread is kept.'
        : answerParagraph(m),
    },
    { kind: 'quote', label: m.kind === 'ANSWER' ? 'Answer' : 'Question', text: m.body },
    { kind: 'quote', label: 'The planned post', text: m.plannedText },
  ];
  if (m.mediaDescription) blocks.push({ kind: 'fields', rows: [['Media', m.mediaDescription]] });
  blocks.push({ kind: 'link', label: 'Open the question', path: questionPath(m.questionId) });
  const mail = renderMail({ heading, blocks }, config.publicUrl);
  const [id] = await enqueueNotifications(tx, [
    {
      purpose: toAnswerer ? QUESTION_PURPOSE : ANSWER_PURPOSE,
      subjectType: QUESTION_SUBJECT_TYPE,
      subjectId: m.questionId,
      recipientEmail: m.recipient.email,
      recipientStaffId: m.recipient.staffId,
      subject: `${toAnswerer ? 'Question about content' : 'Answer'}: ${oneLine(m.plannedText, 60)}`,
      text: mail.text,
      html: mail.html,
    },
  ]);
  return id ?? null;
}
