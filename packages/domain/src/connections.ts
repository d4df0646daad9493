import type { SectionId } from './catalog.js';
import type { RuleDeclaration, RuleScreen } from './rules.js';

/**
 * Connections with students and their families on personal accounts (VI).
 *
 * Friend and follower lists live on the platforms, which Steward does not see, so it cannot
 * refuse a connection. What it can do is answer the question a staff member asks before accepting
 * a request ("is this in line with VI?") from the SIS's facts, and keep the one exception the
 * policy makes for families (a personal relationship that existed before, outside school) as a
 * short attestation their supervising administrator can read: a tracked process, not a secret.
 */

/** Who the request comes from, as the roster knows them. */
export type ConnectionPersonKind = 'STUDENT' | 'GUARDIAN';
export const CONNECTION_PERSON_KINDS: readonly ConnectionPersonKind[] = ['STUDENT', 'GUARDIAN'];

/**
 * The roster search's bounds, shared by the API (which enforces them) and the dashboard (which
 * does not send a shorter search and says how many letters to type), so the two cannot drift.
 * Two letters find "Ng" or "Li"; one would list half the district.
 */
export const MIN_SEARCH_LENGTH = 2;
/** How many people a search lists at most: enough to pick from, too few to page the roster. */
export const MAX_CANDIDATES = 20;

/** A student's graduation facts, as the SIS sends them. */
export interface GraduationFacts {
  /** The SIS's graduated flag. */
  graduated: boolean;
  /** ENROLLED, WITHDRAWN or GRADUATED. */
  enrollmentStatus: string;
  /** Expected graduation date, `YYYY-MM-DD`, when the SIS sends one. */
  expectedGraduation: string | null;
}

/**
 * Whether a student counts as graduated on `today` (`YYYY-MM-DD`): the SIS says so (flag or
 * status), or their expected graduation date has passed. VI lifts its restriction "after that
 * student has graduated", so the graduation day itself still counts as before.
 */
export function isGraduated(facts: GraduationFacts, today: string): boolean {
  if (facts.graduated || facts.enrollmentStatus === 'GRADUATED') return true;
  return facts.expectedGraduation !== null && facts.expectedGraduation.slice(0, 10) < today;
}

/** What the dashboard may show of a student's standing: graduated or not, nothing more. */
export type GraduationStatus = 'CURRENT' | 'GRADUATED';

export function graduationStatus(facts: GraduationFacts, today: string): GraduationStatus {
  return isGraduated(facts, today) ? 'GRADUATED' : 'CURRENT';
}

/**
 * The answers to "may I accept this request?":
 * - STUDENT_NOT_GRADUATED: a current student; refrain until after graduation.
 * - STUDENT_GRADUATED: VI no longer restricts it.
 * - GUARDIAN_OF_CURRENT_STUDENT: a parent or family member of a current student, and the asker
 *   has not attested a prior personal relationship; refrain.
 * - GUARDIAN_PRIOR_RELATIONSHIP: same, but the asker attested one; VI's exception applies.
 * - GUARDIAN_NO_CURRENT_STUDENT: every student linked to the guardian has graduated (or none is
 *   linked any more); VI no longer restricts it.
 */
export type ConnectionVerdict =
  | 'STUDENT_NOT_GRADUATED'
  | 'STUDENT_GRADUATED'
  | 'GUARDIAN_OF_CURRENT_STUDENT'
  | 'GUARDIAN_PRIOR_RELATIONSHIP'
  | 'GUARDIAN_NO_CURRENT_STUDENT';

export const CONNECTION_VERDICTS: readonly ConnectionVerdict[] = [
  'STUDENT_NOT_GRADUATED',
  'STUDENT_GRADUATED',
  'GUARDIAN_OF_CURRENT_STUDENT',
  'GUARDIAN_PRIOR_RELATIONSHIP',
  'GUARDIAN_NO_CURRENT_STUDENT',
];

export type ConnectionQuestion =
  | { kind: 'STUDENT'; student: GraduationFacts }
  | {
      kind: 'GUARDIAN';
      /** The guardian's students (active links), each with their graduation facts. */
      students: readonly GraduationFacts[];
      /** Whether the asker has an attestation of a prior personal relationship on record. */
      attested: boolean;
    };

export interface ConnectionGuidance {
  verdict: ConnectionVerdict;
  /** Whether accepting the request is in line with VI. */
  inLine: boolean;
  /** The answer in plain words. */
  explanation: string;
  sections: SectionId[];
  /**
   * Until when to refrain, when the SIS knows it: the student's expected graduation date, or
   * the last of a guardian's current students' (only when every one of them has a date).
   */
  refrainUntil: string | null;
  /** Whether recording an attestation would change the answer (a family, not a student). */
  attestationApplies: boolean;
}

const VI: SectionId[] = ['VI'];
// XVII (professional boundaries in digital environments) still applies once VI no longer does.
const VI_XVII: SectionId[] = ['VI', 'XVII'];

/** `2027-05-22` as "22 May 2027", the way people read dates (no time zone involved). */
export function formatGraduationDate(date: string): string {
  const months = [
    'January', 'February', 'March', 'April', 'May', 'June',
    'July', 'August', 'September', 'October', 'November', 'December',
  ];
  const [y, m, d] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  return `${d} ${months[m - 1] ?? '?'} ${y}`;
}

/** The latest of the dates, or null if any is unknown (then nobody can say "until when"). */
function lastDate(dates: readonly (string | null)[]): string | null {
  if (dates.length === 0 || dates.some((d) => d === null)) return null;
  return (dates as string[]).map((d) => d.slice(0, 10)).sort().at(-1) ?? null;
}

/**
 * The guidance of VI for one request, on `today` (`YYYY-MM-DD`). Pure: the caller reads the
 * facts from the SIS and whether the asker has attested.
 */
export function connectionGuidance(question: ConnectionQuestion, today: string): ConnectionGuidance {
  if (question.kind === 'STUDENT') {
    const s = question.student;
    if (isGraduated(s, today)) {
      return {
        verdict: 'STUDENT_GRADUATED',
        inLine: true,
        explanation:
          'This person has graduated, so VI no longer asks you to refrain from accepting them. ' +
          'Your professional conduct and the board\'s rules on boundaries still apply (XVII).',
        sections: VI_XVII,
        refrainUntil: null,
        attestationApplies: false,
      };
    }
    const until = s.expectedGraduation ? s.expectedGraduation.slice(0, 10) : null;
    const left = s.enrollmentStatus === 'WITHDRAWN' ? ' The SIS shows them as withdrawn, not graduated.' : '';
    return {
      verdict: 'STUDENT_NOT_GRADUATED',
      inLine: false,
      explanation:
        `This is a current student: refrain from accepting them as a friend or follower on a ` +
        `personal account until after they graduate` +
        (until ? ` (expected on ${formatGraduationDate(until)}).` : '. The SIS has no graduation date for them.') +
        left +
        ' A prior personal relationship does not change this for a student (VI).',
      sections: VI,
      refrainUntil: until,
      attestationApplies: false,
    };
  }
  const current = question.students.filter((s) => !isGraduated(s, today));
  if (current.length === 0) {
    return {
      verdict: 'GUARDIAN_NO_CURRENT_STUDENT',
      inLine: true,
      explanation:
        (question.students.length === 0
          ? 'No current student is linked to this parent or guardian in the SIS, '
          : 'Every student linked to this parent or guardian has graduated, ') +
        'so VI no longer asks you to refrain from accepting them.',
      sections: VI,
      refrainUntil: null,
      attestationApplies: false,
    };
  }
  const until = lastDate(current.map((s) => s.expectedGraduation));
  const untilText = until ? ` (their last current student is expected to graduate on ${formatGraduationDate(until)})` : '';
  if (question.attested) {
    return {
      verdict: 'GUARDIAN_PRIOR_RELATIONSHIP',
      inLine: true,
      explanation:
        'This is a parent or family member of a current student, and you have recorded that a ' +
        'personal relationship with them existed before, outside school. VI allows accepting ' +
        'them; your supervising administrator can read what you recorded.',
      sections: VI,
      refrainUntil: null,
      attestationApplies: true,
    };
  }
  return {
    verdict: 'GUARDIAN_OF_CURRENT_STUDENT',
    inLine: false,
    explanation:
      'This is a parent or family member of a current student: refrain from accepting them on a ' +
      'personal account unless a personal relationship existed before, outside your work at ' +
      `school${untilText}. If one did, record it in a sentence or two; your supervising ` +
      'administrator can read it.',
    sections: VI,
    refrainUntil: until,
    attestationApplies: true,
  };
}

/** The shortest and longest attestation, in characters. */
export const ATTESTATION_MIN_LENGTH = 10;
export const ATTESTATION_MAX_LENGTH = 500;

/**
 * What is wrong with an attestation's text, or null. It says how the relationship came about
 * ("neighbours since 2015", "my sister-in-law"), in a sentence or two: long enough to mean
 * something to the supervisor, short enough not to become a diary.
 */
export function attestationProblem(statement: string): string | null {
  const text = statement.trim();
  if (text.length < ATTESTATION_MIN_LENGTH) {
    return `Say in a few words how you knew them before (at least ${ATTESTATION_MIN_LENGTH} characters).`;
  }
  if (text.length > ATTESTATION_MAX_LENGTH) {
    return `Keep it short: at most ${ATTESTATION_MAX_LENGTH} characters.`;
  }
  return null;
}

/**
 * Whether an attestation of a prior personal relationship can be recorded for this kind of
 * person: only for families. VI makes no such exception for students.
 */
export function mayAttestPriorRelationship(
  kind: ConnectionPersonKind,
): { ok: true } | { ok: false; message: string; sections: SectionId[] } {
  if (kind === 'GUARDIAN') return { ok: true };
  return {
    ok: false,
    message:
      'A prior relationship is an exception for parents and family members only; for a student, ' +
      'VI asks you to wait until after they graduate.',
    sections: VI,
  };
}

/**
 * Whether `readerStaffId` may read an attestation's statement: its author and the author's
 * supervising administrator only. VI's issue makes the attestation "visible to their supervisor";
 * district IT and auditors may see that one exists (who, about which guardian, when) for
 * oversight, but how a teacher knows a family (a relative, a neighbour, a friend) is personal and
 * not theirs to read. A caller with no staff id (a machine) reads none, even when the author has
 * no supervisor on record.
 */
export function mayReadAttestationStatement(
  readerStaffId: string | null,
  author: { staffId: string; supervisorId: string | null },
): boolean {
  if (readerStaffId === null) return false;
  return readerStaffId === author.staffId || readerStaffId === author.supervisorId;
}

/** The dashboard screen where staff ask (App.tsx's custom route). */
export const CONNECTIONS_SCREEN: RuleScreen = { path: '/connections', label: 'Connections' };

/** This module's rules, for the policy coverage map (coverage.ts). */
export const CONNECTION_RULES: readonly RuleDeclaration[] = [
  {
    id: 'connections.priorRelationshipAttestation',
    name:
      'A staff member records, for a parent or family member of a current student, that a ' +
      'personal relationship existed before, outside school; their supervising administrator ' +
      'reads it (its words are for the two of them only), and it can be withdrawn (never for a student)',
    sections: ['VI'],
    kind: 'WORKFLOW',
    functions: ['mayAttestPriorRelationship', 'attestationProblem', 'mayReadAttestationStatement'],
    operations: ['attestPriorRelationship', 'withdrawConnectionAttestation', 'connectionAttestations'],
    screen: CONNECTIONS_SCREEN,
    tests: 'connections.test.ts',
  },
  {
    id: 'connections.connectionGuidance',
    name:
      'Before accepting a friend or follower, a staff member looks the person up and is told ' +
      'whether it is in line with VI: a current student not until after graduation (with the ' +
      'date when known), a family of a current student only with a prior personal relationship',
    sections: ['VI'],
    kind: 'ADVISORY',
    functions: ['connectionGuidance', 'isGraduated'],
    operations: ['connectionCandidates', 'connectionGuidance'],
    screen: CONNECTIONS_SCREEN,
    tests: 'connections.test.ts',
  },
];
