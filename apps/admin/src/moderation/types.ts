import type { ModerationState, RemovalReason } from '@steward/domain';

export type { ModerationState, RemovalReason };

export type ContentKind = 'POST' | 'COMMENT' | 'REPLY' | 'MESSAGE';
export type CaseNoteVisibility = 'INTERNAL' | 'RECORD';
export type NotificationStatus = 'QUEUED' | 'RETRYING' | 'DELIVERED' | 'FAILED';
export type RemovalNoticePurpose = 'COPY_TO_SUPERINTENDENT' | 'REASON_TO_EXTERNAL_RELATIONS';

export interface StaffRef {
  id: string;
  fullName: string;
}

/** The account a case is on, with what decides who may act on it (owner, supervisor, administrators). */
export interface CaseAccount {
  id: string;
  handle: string;
  platform: string;
  classification?: string;
  owner: { id: string; fullName: string; supervisor?: { id: string } | null } | null;
  administrators?: StaffRef[];
  school: { id: string; name: string } | null;
}

/** The immutable copy of the third-party content, as captured (XXX). */
export interface ContentSnapshot {
  kind: ContentKind;
  platformContentId: string;
  authorName: string | null;
  authorHandle: string | null;
  text: string;
  mediaUrls: string[];
  permalink: string | null;
  postedAt: string | null;
  capturedAt: string;
  capturedBy: StaffRef | null;
}

export interface RemovalReasonInfo {
  reason: RemovalReason;
  section: string;
  label: string;
}

export interface TriageFlag {
  reason: RemovalReason;
  section: string;
  why: string;
  excerpt: string;
}

export interface ModerationNotice {
  purpose: RemovalNoticePurpose;
  recipientEmail: string;
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  deliveredAt: string | null;
}

export interface CaseNote {
  id: string;
  author: StaffRef | null;
  body: string;
  visibility: CaseNoteVisibility;
  createdAt: string;
}

export interface RemovalQuestion {
  id: string;
  askerName: string;
  askerContact: string | null;
  question: string;
  askedAt: string;
  recordedBy: StaffRef | null;
  answer: string | null;
  answeredBy: StaffRef | null;
  answeredAt: string | null;
}

export interface LegalHold {
  reason: string;
  placedBy: StaffRef | null;
  placedAt: string;
}

export interface EvidenceVerification {
  caseId: string;
  intact: boolean;
  purged: boolean;
  algorithm: string;
  storedDigest: string;
  computedDigest: string | null;
  checkedAt: string;
}

/** A case as the dashboard holds it (`accountId`, `schoolId` added for filters). */
export interface ModerationCaseRecord {
  id: string;
  /** null when the viewer may not read the account itself (an administrator who is not its owner). */
  account: CaseAccount | null;
  /** The account's handle and platform, shown to everyone who may see the case. */
  accountHandle?: string;
  accountPlatform?: string;
  accountId: string | null;
  schoolId: string | null;
  state: ModerationState;
  snapshot: ContentSnapshot | null;
  evidenceDigest: string;
  reasons: RemovalReasonInfo[];
  explanation: string | null;
  decisionNote: string | null;
  assignee: StaffRef | null;
  openedBy: StaffRef | null;
  openedAt: string;
  removedBy: StaffRef | null;
  removedAt: string | null;
  reportedAt: string | null;
  closedAt: string | null;
  dueAt: string;
  overdue: boolean;
  notices: ModerationNotice[];
  /** What the server says this viewer may do on the case (role and scope; the state is the domain's). */
  canRecord?: boolean;
  canAnswer?: boolean;
  canHold?: boolean;
  // Only on a full record (getOne).
  questions?: RemovalQuestion[];
  notes?: CaseNote[];
  triage?: TriageFlag[];
  retentionUntil?: string | null;
  legalHold?: LegalHold | null;
  purgedAt?: string | null;
  version?: number;
  updatedAt?: string;
}

export interface ModerationStateCount {
  state: ModerationState;
  count: number;
}

/** The "Record a removal" form's values. */
export interface RecordRemovalValues {
  accountId?: string | null;
  kind?: ContentKind | null;
  platformContentId?: string | null;
  authorName?: string | null;
  authorHandle?: string | null;
  text?: string | null;
  /** One address a line, or an array (the form keeps a text area). */
  mediaUrls?: string | string[] | null;
  permalink?: string | null;
  postedAt?: string | Date | null;
  /** Remove in the same step (reasons and explanation below). */
  removeNow?: boolean | null;
  reasons?: string[] | null;
  explanation?: string | null;
}
