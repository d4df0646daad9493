import type { MediaKind, MediaScope, ReleaseProblem, ReleaseStatus } from '@steward/domain';
import type { EnrollmentStatus, ReleaseStanding } from './types';

/** Why a release does not let a student be shown (XIV; IV for a personal account), in a few words. */
export const RELEASE_PROBLEM_LABELS: Record<ReleaseProblem | 'PERSONAL_ACCOUNT', string> = {
  NO_RELEASE: 'No release on file',
  SCOPE_NOT_COVERED: 'Release does not cover social media',
  DENIED: 'Release denied',
  REVOKED: 'Release revoked',
  NOT_YET_VALID: 'Release not yet valid',
  EXPIRED: 'Release expired',
  UNSIGNED: 'Release not signed',
  SIGNED_IN_FUTURE: 'Release dated in the future',
  SIGNER_NOT_GUARDIAN: 'Signed by someone not a guardian on file',
  STUDENT_NOT_ADULT: 'Signed by the student before 18',
  INVALID_WINDOW: 'Release dates do not make sense',
  PERSONAL_ACCOUNT: 'Personal account',
};

/** "§XIV", "§IV, §XIV". */
export function sectionsText(sections: readonly string[]): string {
  return sections.map((s) => `§${s}`).join(', ');
}

/** The words of a release standing's chip: "Release current", or "Release expired · §XIV". */
export function standingLabel(standing: Pick<ReleaseStanding, 'current' | 'problem' | 'message' | 'sections'>): string {
  if (standing.current) return 'Release current';
  const words =
    (standing.problem && RELEASE_PROBLEM_LABELS[standing.problem as ReleaseProblem]) || standing.message;
  return standing.sections.length > 0 ? `${words} · ${sectionsText(standing.sections)}` : words;
}

export const RELEASE_STATUS_LABELS: Record<ReleaseStatus, string> = {
  GRANTED: 'Granted',
  DENIED: 'Denied',
  REVOKED: 'Revoked',
};

export const MEDIA_SCOPE_LABELS: Record<MediaScope, string> = {
  DISTRICT_SOCIAL_MEDIA: 'District social media',
  WEBSITE: 'District website',
  PRINT: 'Print',
  NEWS_MEDIA: 'News media',
};

export const MEDIA_KIND_LABELS: Record<MediaKind, string> = {
  PHOTO: 'Photo',
  VIDEO: 'Video',
  NAME_ONLY: 'Name only',
};

export const ENROLLMENT_LABELS: Record<EnrollmentStatus, string> = {
  ENROLLED: 'Enrolled',
  GRADUATED: 'Graduated',
  WITHDRAWN: 'Withdrawn',
};

/** OneRoster's grade codes (CEDS), as the SIS sends them; the filter matches them exactly. */
const GRADES: readonly [string, string][] = [
  ['PK', 'Pre-kindergarten'],
  ['TK', 'Transitional kindergarten'],
  ['KG', 'Kindergarten'],
  ...Array.from({ length: 12 }, (_, i): [string, string] => [
    String(i + 1).padStart(2, '0'),
    `Grade ${i + 1}`,
  ]),
];

export const GRADE_CHOICES = GRADES.map(([id, name]) => ({ id, name }));

/** "Grade 9" for "09"; other codes (e.g. "UG") as they are. */
export function gradeLabel(grade: string | null | undefined): string {
  if (!grade) return '—';
  return GRADES.find(([id]) => id === grade)?.[1] ?? grade;
}

/** "Park, Olivia", with the name they go by: "Nguyen, Thanh (Tom)". */
export function listName(s: { givenName: string; familyName: string; preferredName?: string | null }) {
  const preferred = s.preferredName && s.preferredName !== s.givenName ? ` (${s.preferredName})` : '';
  return `${s.familyName}, ${s.givenName}${preferred}`;
}

/** "Olivia Park", or "Tom Nguyen" for the name they go by. */
export function studentName(s: { givenName: string; familyName: string; preferredName?: string | null }) {
  return `${s.preferredName || s.givenName} ${s.familyName}`;
}
