import type { ContentMessageKind, ContentQuestionStatus } from '@steward/domain';

export type { ContentMessageKind, ContentQuestionStatus };

export interface StaffRef {
  id: string;
  fullName: string;
}

export interface ContentQuestionMessage {
  id: string;
  kind: ContentMessageKind;
  body: string;
  createdAt: string;
  author: StaffRef | null;
}

export interface ContentQuestionRecord {
  id: string;
  question: string;
  plannedText: string;
  mediaDescription: string | null;
  status: ContentQuestionStatus;
  askedAt: string;
  lastMessageAt: string;
  answeredAt: string | null;
  accountHandle: string | null;
  account: { id: string; handle: string; platform: string } | null;
  asker: StaffRef | null;
  recipient: StaffRef | null;
  answeredBy: StaffRef | null;
  messages?: ContentQuestionMessage[];
  canAnswer: boolean;
  canFollowUp: boolean;
  version: number;
}

/** The create form's values. */
export interface AskValues {
  question?: unknown;
  plannedText?: unknown;
  mediaDescription?: unknown;
  accountId?: unknown;
}
