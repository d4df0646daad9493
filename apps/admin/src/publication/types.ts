import type { MediaKind } from '@steward/domain';

/** The answer for one student of a check. */
export interface StudentVerdict {
  allowed: boolean;
  /** A ReleaseProblem code, or PERSONAL_ACCOUNT (IV); null when allowed. */
  problem: string | null;
  message: string;
  sections: string[];
  /** null when the student is no longer in the viewer's scope. */
  student: { id: string; givenName: string; familyName: string; preferredName: string | null } | null;
}

/** A recorded publication check (IV, XIV). */
export interface PublicationCheckRecord {
  id: string;
  result: 'ALLOWED' | 'BLOCKED' | string;
  plannedOn: string;
  mediaKind: MediaKind;
  createdAt: string;
  checkedBy: { id: string; fullName: string } | null;
  students: StudentVerdict[];
}

/** The "Check a post" form's values. */
export interface CheckFormValues {
  accountId?: string | null;
  students?: unknown;
  mediaKind?: MediaKind | null;
  plannedOn?: string | Date | null;
}
