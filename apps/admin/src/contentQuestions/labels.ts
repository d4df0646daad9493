import type { ContentMessageKind, ContentQuestionStatus } from './types';

export const STATUS_LABELS: Record<ContentQuestionStatus, string> = {
  OPEN: 'Waiting for an answer',
  ANSWERED: 'Answered',
};

export const STATUS_CHOICES = (Object.keys(STATUS_LABELS) as ContentQuestionStatus[]).map((id) => ({
  id,
  name: STATUS_LABELS[id],
}));

export const MESSAGE_KIND_LABELS: Record<ContentMessageKind, string> = {
  QUESTION: 'Question',
  ANSWER: 'Answer',
  FOLLOW_UP: 'Asked further',
};

/** The first words of a text, on one line, for a list cell. */
export function excerpt(text: string | null | undefined, max = 80): string {
  const line = (text ?? '').replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
