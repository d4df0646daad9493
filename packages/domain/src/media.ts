import type { SectionId } from './catalog.js';
import type { Classification } from './classification.js';
import { type RuleDeclaration, SCREENS } from './rules.js';

/**
 * Media releases and the publication check (IV, XIV).
 *
 * XIV: staff must confirm that students shown on a school-affiliated account have a "current and
 * properly-completed Media Release on file". IV: no photos of students on a personal account.
 * A release's standing is decided here from the record itself, never from a flag the SIS sets
 * (SECURITY.md "Data and records").
 *
 * Dates are calendar dates as ISO strings (`YYYY-MM-DD`), compared as text: a release is about
 * days, and a time zone must not move a deadline.
 */

export const MEDIA_SCOPES = ['DISTRICT_SOCIAL_MEDIA', 'WEBSITE', 'PRINT', 'NEWS_MEDIA'] as const;
export type MediaScope = (typeof MEDIA_SCOPES)[number];

export const RELEASE_STATUSES = ['GRANTED', 'DENIED', 'REVOKED'] as const;
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number];

export const MEDIA_KINDS = ['PHOTO', 'VIDEO', 'NAME_ONLY'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** Who signed a release: a guardian on file, or the student themself. */
export type ReleaseSigner = { kind: 'GUARDIAN'; guardianId: string } | { kind: 'STUDENT' };

export interface MediaReleaseFacts {
  status: ReleaseStatus;
  scopes: readonly MediaScope[];
  /** First day it applies; when absent, the signed date (or the school year's first day). */
  validFrom: string | null;
  /** Last day it applies; when absent and no school year is given, it runs until revoked. */
  validUntil: string | null;
  /** A school year such as `2026-2027`: 1 July to 30 June, when no explicit window is given. */
  schoolYear: string | null;
  signedBy: ReleaseSigner | null;
  signedOn: string | null;
  /** When the district received it (kept for the record; it does not change the standing). */
  receivedOn?: string | null;
}

export interface StudentFacts {
  /** Needed to accept the student's own signature (18 or older on the signed date). */
  birthDate: string | null;
  /** Guardians linked to the student in the SIS. */
  guardianIds: readonly string[];
}

export const RELEASE_PROBLEMS = [
  'NO_RELEASE',
  'SCOPE_NOT_COVERED',
  'DENIED',
  'REVOKED',
  'NOT_YET_VALID',
  'EXPIRED',
  'UNSIGNED',
  'SIGNED_IN_FUTURE',
  'SIGNER_NOT_GUARDIAN',
  'STUDENT_NOT_ADULT',
  'INVALID_WINDOW',
] as const;
export type ReleaseProblem = (typeof RELEASE_PROBLEMS)[number];

export type ReleaseStanding =
  | { current: true; sections: SectionId[] }
  | { current: false; problem: ReleaseProblem; message: string; sections: SectionId[] };

const XIV: SectionId[] = ['XIV'];

const SCOPE_LABEL: Record<MediaScope, string> = {
  DISTRICT_SOCIAL_MEDIA: 'district social media',
  WEBSITE: 'the district website',
  PRINT: 'print',
  NEWS_MEDIA: 'news media',
};

function problem(code: ReleaseProblem, message: string): ReleaseStanding {
  return { current: false, problem: code, message, sections: [...XIV] };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` of a date string or Date (a timestamp keeps its UTC day). */
export function isoDate(value: string | Date): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (!ISO_DATE.test(value.slice(0, 10))) throw new Error(`not a date: ${value}`);
  return value.slice(0, 10);
}

/** The window of a school year `YYYY-YYYY` (1 July to 30 June), or null when malformed. */
export function schoolYearWindow(schoolYear: string): { from: string; until: string } | null {
  const m = /^(\d{4})-(\d{4})$/.exec(schoolYear.trim());
  if (!m || Number(m[2]) !== Number(m[1]) + 1) return null;
  return { from: `${m[1]}-07-01`, until: `${m[2]}-06-30` };
}

/** Whether someone born on `birthDate` is 18 or older on `date`. */
export function isAdultOn(birthDate: string, date: string): boolean {
  const [y, m, d] = isoDate(birthDate).split('-');
  const eighteenth = `${String(Number(y) + 18).padStart(4, '0')}-${m}-${d}`;
  return eighteenth <= isoDate(date);
}

/**
 * Whether one release is "current and properly completed" (XIV) for `scope` on `on` (the date the
 * students are shown), checked on `today`. In order: granted, covering the scope, signed, signed
 * by a linked guardian or by the student once 18, signed date not in the future, and `on` inside
 * its validity window. Each failure has its own problem code.
 */
export function releaseStanding(
  release: MediaReleaseFacts,
  student: StudentFacts,
  scope: MediaScope,
  on: string,
  today: string,
): ReleaseStanding {
  if (release.status === 'DENIED') {
    return problem('DENIED', 'The guardian declined the media release.');
  }
  if (release.status === 'REVOKED') {
    return problem('REVOKED', 'The media release was revoked.');
  }
  if (!release.scopes.includes(scope)) {
    return problem('SCOPE_NOT_COVERED', `The media release does not cover ${SCOPE_LABEL[scope]}.`);
  }
  if (!release.signedBy || !release.signedOn) {
    return problem('UNSIGNED', 'The media release has no signature and signed date on file.');
  }
  const signedOn = isoDate(release.signedOn);
  if (signedOn > isoDate(today)) {
    return problem('SIGNED_IN_FUTURE', `The media release is dated ${signedOn}, in the future.`);
  }
  if (release.signedBy.kind === 'GUARDIAN') {
    if (!student.guardianIds.includes(release.signedBy.guardianId)) {
      return problem(
        'SIGNER_NOT_GUARDIAN',
        'The media release was signed by someone who is not a guardian of this student on file.',
      );
    }
  } else if (!student.birthDate || !isAdultOn(student.birthDate, signedOn)) {
    return problem(
      'STUDENT_NOT_ADULT',
      'The student signed the media release before turning 18; a guardian must sign it.',
    );
  }
  const year = release.schoolYear ? schoolYearWindow(release.schoolYear) : null;
  if (release.schoolYear && !year && !release.validFrom && !release.validUntil) {
    return problem('INVALID_WINDOW', `The school year "${release.schoolYear}" is not of the form 2026-2027.`);
  }
  const from = release.validFrom ? isoDate(release.validFrom) : (year?.from ?? signedOn);
  const until = release.validUntil ? isoDate(release.validUntil) : (year?.until ?? null);
  if (until !== null && until < from) {
    return problem('INVALID_WINDOW', `The media release ends (${until}) before it starts (${from}).`);
  }
  const day = isoDate(on);
  if (day < from) {
    return problem('NOT_YET_VALID', `The media release applies from ${from}, after ${day}.`);
  }
  if (until !== null && day > until) {
    return problem('EXPIRED', `The media release expired on ${until}.`);
  }
  return { current: true, sections: [...XIV] };
}

/**
 * A student's standing for `scope` on `on`, from every release on file. The latest signed
 * release that speaks to the scope decides (a later denial or revocation replaces an earlier
 * grant; a later grant replaces an earlier denial); releases for other scopes only explain why
 * none applies.
 */
export function studentReleaseStanding(
  releases: readonly MediaReleaseFacts[],
  student: StudentFacts,
  scope: MediaScope,
  on: string,
  today: string,
): ReleaseStanding {
  if (releases.length === 0) {
    return problem('NO_RELEASE', 'No media release is on file for this student.');
  }
  const relevant = releases.filter((r) => r.scopes.includes(scope));
  if (relevant.length === 0) {
    return problem('SCOPE_NOT_COVERED', `No media release on file covers ${SCOPE_LABEL[scope]}.`);
  }
  const latest = [...relevant].sort((a, b) =>
    (b.signedOn ?? '').localeCompare(a.signedOn ?? '') ||
    (b.receivedOn ?? '').localeCompare(a.receivedOn ?? ''),
  )[0] as MediaReleaseFacts;
  return releaseStanding(latest, student, scope, on, today);
}

export interface PublicationStudent extends StudentFacts {
  id: string;
  releases: readonly MediaReleaseFacts[];
}

export type PublicationResult = 'ALLOWED' | 'BLOCKED';

export interface StudentVerdict {
  studentId: string;
  allowed: boolean;
  problem: ReleaseProblem | 'PERSONAL_ACCOUNT' | null;
  message: string;
  sections: SectionId[];
}

/**
 * May these students be shown in a post on this account on `on`? On a personal account any
 * student blocks the post (IV). On a school-affiliated account every student needs a current,
 * properly completed release covering district social media on that date (XIV). Names alone
 * are treated like pictures: a family's refusal is recorded as a denied release, and a name is
 * student information under XIV too.
 */
export function checkPublication(input: {
  classification: Classification;
  mediaKind: MediaKind;
  students: readonly PublicationStudent[];
  on: string;
  today: string;
}): { result: PublicationResult; students: StudentVerdict[] } {
  const students = input.students.map((s): StudentVerdict => {
    if (input.classification === 'PERSONAL') {
      return {
        studentId: s.id,
        allowed: false,
        problem: 'PERSONAL_ACCOUNT',
        message: 'Students are not shown on a personal account; post this on a school-affiliated account.',
        sections: ['IV'],
      };
    }
    const standing = studentReleaseStanding(s.releases, s, 'DISTRICT_SOCIAL_MEDIA', input.on, input.today);
    return standing.current
      ? {
          studentId: s.id,
          allowed: true,
          problem: null,
          message: 'A current media release covering district social media is on file.',
          sections: standing.sections,
        }
      : { studentId: s.id, allowed: false, problem: standing.problem, message: standing.message, sections: standing.sections };
  });
  return { result: students.every((s) => s.allowed) ? 'ALLOWED' : 'BLOCKED', students };
}

/** This module's rules, for the policy coverage map (coverage.ts). */
export const MEDIA_RULES: readonly RuleDeclaration[] = [
  {
    id: 'media.checkPublication',
    name:
      'Before publication, a post is checked and the result recorded: students may not be shown ' +
      'on a personal account (IV); on a school-affiliated account every student shown needs a ' +
      'current, properly completed media release covering district social media (XIV). Steward ' +
      'cannot stop a post on the platform',
    sections: ['IV', 'XIV'],
    kind: 'WORKFLOW',
    functions: ['checkPublication', 'releaseStanding', 'studentReleaseStanding'],
    operations: ['checkPublication'],
    screen: SCREENS.checkPost,
    tests: 'media.test.ts',
  },
];
