import type { MediaScope, ReleaseProblem, ReleaseStatus } from '@steward/domain';

export type EnrollmentStatus = 'ENROLLED' | 'GRADUATED' | 'WITHDRAWN';

/** Whether a student may be shown on district social media today (XIV), as the API says it. */
export interface ReleaseStanding {
  current: boolean;
  /** A ReleaseProblem code when not current; an older or newer API may send another. */
  problem: ReleaseProblem | string | null;
  message: string;
  sections: string[];
}

/** A media release on file (supervisors and district roles only). */
export interface MediaReleaseRecord {
  id: string;
  status: ReleaseStatus;
  scopes: MediaScope[];
  validFrom: string | null;
  validUntil: string | null;
  schoolYear: string | null;
  signedByKind: 'GUARDIAN' | 'STUDENT' | string | null;
  signedByGuardian: { givenName: string; familyName: string } | null;
  signedOn: string | null;
  receivedOn: string | null;
  documentRef: string | null;
  active: boolean;
}

/** A parent or guardian (district admin only; contact details too). */
export interface GuardianRecord {
  id: string;
  givenName: string;
  familyName: string;
  email: string | null;
  phone: string | null;
  active: boolean;
}

/** A Student as the dashboard holds it (`schoolId` added for filters and forms). */
export interface StudentRecord {
  id: string;
  sourcedId: string;
  givenName: string;
  familyName: string;
  preferredName: string | null;
  grade: string | null;
  graduated: boolean;
  enrollmentStatus: EnrollmentStatus;
  active: boolean;
  school: { id: string; name: string } | null;
  schoolId: string | null;
  mediaReleaseStanding: ReleaseStanding;
  // Only on a full record (getOne).
  expectedGraduation?: string | null;
  updatedAt?: string;
  /** null: the viewer may not see the history (plain staff). */
  mediaReleases?: MediaReleaseRecord[] | null;
  /** null: the viewer may not see guardians (anyone but the district admin). */
  guardians?: GuardianRecord[] | null;
}
