export type NotificationStatus = 'QUEUED' | 'RETRYING' | 'DELIVERED' | 'FAILED';

export interface NotificationAttachment {
  filename: string;
  contentType: string;
  size: number;
}

/** One try at delivering a message, as the dispatcher recorded it. */
export interface NotificationAttempt {
  attempt: number;
  attemptedAt: string;
  outcome: string;
  error: string | null;
  smtpResponse: string | null;
  durationMs: number | null;
}

/** One message of the mail outbox (the notices of XXX, later approvals and acknowledgements). */
export interface NotificationRecord {
  id: string;
  purpose: string;
  subjectType: string;
  subjectId: string;
  recipientEmail: string;
  subject: string;
  text: string;
  attachments: NotificationAttachment[];
  status: NotificationStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
  /** Only on the single read (the message page). */
  attemptLog?: NotificationAttempt[];
}
