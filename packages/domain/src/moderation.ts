import type { SectionId } from './catalog.js';
import type { Classification } from './classification.js';
import { type Decision, refuse } from './decision.js';
import { type RuleDeclaration, SCREENS } from './rules.js';

/**
 * Moderation of third-party content on school-affiliated accounts (XXX-XXXV).
 *
 * A school-affiliated account is a public body's page, so removing what others post there must
 * stay viewpoint-neutral: content may be removed only for the five reasons XXXI-XXXV list, never
 * for disagreement or criticism. Every removal keeps a copy, sends it to the superintendent and
 * the reason in writing to the Director of External Relations (XXX), who answers any question
 * about it.
 */

export const REMOVAL_REASONS = [
  'OBSCENE',
  'PROTECTED_STUDENT_OR_PERSONNEL_INFORMATION',
  'THREATENING_HARASSING_DISCRIMINATORY',
  'INCITES_VIOLENCE_OR_DISRUPTION',
  'OTHER_SAFETY_THREAT',
] as const;
export type RemovalReason = (typeof REMOVAL_REASONS)[number];

export const REMOVAL_REASON_INFO: Record<RemovalReason, { section: SectionId; label: string }> = {
  OBSCENE: { section: 'XXXI', label: 'Obscene, lewd, or appeals to prurient interests' },
  PROTECTED_STUDENT_OR_PERSONNEL_INFORMATION: {
    section: 'XXXII',
    label: 'Student or personnel information protected by state or federal law',
  },
  THREATENING_HARASSING_DISCRIMINATORY: {
    section: 'XXXIII',
    label: 'Threatening, harassing, or discriminatory words or phrases',
  },
  INCITES_VIOLENCE_OR_DISRUPTION: {
    section: 'XXXIV',
    label: 'Incites violence, illegal activity, or a material and substantial disruption',
  },
  OTHER_SAFETY_THREAT: { section: 'XXXV', label: 'Any other threat to the safety of students and staff' },
};

export const MODERATION_STATES = ['OPEN', 'REMOVED', 'REPORTED', 'CLOSED', 'DISMISSED', 'RESTORED'] as const;
export type ModerationState = (typeof MODERATION_STATES)[number];

export const MODERATION_ACTIONS = ['REMOVE', 'REPORT', 'CLOSE', 'DISMISS', 'RESTORE'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

const MODERATION_SECTIONS: SectionId[] = ['XXX'];

/**
 * OPEN -> REMOVED (content taken down, both notices queued) -> REPORTED (both delivered) ->
 * CLOSED; OPEN -> DISMISSED (kept, nothing removed). The Director of External Relations may
 * order removed content back (RESTORED) at any point after removal.
 */
const TRANSITIONS: Record<ModerationState, Partial<Record<ModerationAction, ModerationState>>> = {
  OPEN: { REMOVE: 'REMOVED', DISMISS: 'DISMISSED' },
  REMOVED: { REPORT: 'REPORTED', RESTORE: 'RESTORED' },
  REPORTED: { CLOSE: 'CLOSED', RESTORE: 'RESTORED' },
  CLOSED: { RESTORE: 'RESTORED' },
  DISMISSED: {},
  RESTORED: {},
};

const DONE: Record<ModerationAction, string> = {
  REMOVE: 'removed',
  REPORT: 'reported',
  CLOSE: 'closed',
  DISMISS: 'dismissed',
  RESTORE: 'restored',
};

/** The shortest written explanation of a removal, restoration or dismissal kept on record. */
export const MIN_EXPLANATION = 20;

/** Cases are opened only on school-affiliated accounts: a personal page is not the district's. */
export function mayOpenModerationCase(classification: Classification): Decision {
  if (classification !== 'SCHOOL_AFFILIATED') {
    return refuse(
      'POLICY_VIOLATION',
      "Moderation cases are for school-affiliated accounts (the district's pages); this account " +
        'is personal.',
      ['VIII', 'IX', 'XXX'],
    );
  }
  return { ok: true };
}

/**
 * Checks a removal's reasons and explanation: at least one reason, only reasons of XXXI-XXXV,
 * and a written explanation. Anything else (disagreement, criticism of the district, off-topic)
 * is refused, which keeps removals viewpoint-neutral.
 */
export function validateRemoval(
  reasons: readonly string[],
  explanation: string | null | undefined,
): Decision<{ reasons: RemovalReason[]; sections: SectionId[] }> {
  const unknown = reasons.filter((r) => !(REMOVAL_REASONS as readonly string[]).includes(r));
  if (unknown.length > 0) {
    return refuse(
      'POLICY_VIOLATION',
      `Content may be removed only for the reasons of XXXI-XXXV; "${unknown.join('", "')}" is not one ` +
        'of them. Disagreement or criticism is never a reason to remove content from a public page.',
      ['XXX', 'XXXI', 'XXXII', 'XXXIII', 'XXXIV', 'XXXV'],
    );
  }
  const chosen = [...new Set(reasons as RemovalReason[])];
  if (chosen.length === 0) {
    return refuse('REASON_REQUIRED', 'Choose at least one of the reasons XXXI-XXXV list.', ['XXX']);
  }
  if ((explanation ?? '').trim().length < MIN_EXPLANATION) {
    return refuse(
      'REASON_REQUIRED',
      `Explain the removal in at least ${MIN_EXPLANATION} characters: the Director of External ` +
        'Relations receives it in writing.',
      ['XXX'],
    );
  }
  const sections = REMOVAL_REASONS.filter((r) => chosen.includes(r)).map((r) => REMOVAL_REASON_INFO[r].section);
  return { ok: true, reasons: REMOVAL_REASONS.filter((r) => chosen.includes(r)), sections };
}

/** One step of a case's life; notes are required where the step must be explained in writing. */
export function transitionModeration(
  state: ModerationState,
  action: ModerationAction,
  note?: string | null,
): Decision<{ state: ModerationState }> {
  const next = TRANSITIONS[state][action];
  if (!next) {
    return refuse('ILLEGAL_TRANSITION', `A case that is ${state} cannot be ${DONE[action]}.`, MODERATION_SECTIONS);
  }
  if ((action === 'RESTORE' || action === 'DISMISS') && (note ?? '').trim().length < MIN_EXPLANATION) {
    return refuse(
      'NOTE_REQUIRED',
      `Say in at least ${MIN_EXPLANATION} characters why the content is ${DONE[action]}; it stays on the case.`,
      MODERATION_SECTIONS,
    );
  }
  return { ok: true, state: next };
}

/** The notices XXX requires for a removal: a copy to the superintendent, the reason to the Director. */
export const REMOVAL_NOTICES = ['COPY_TO_SUPERINTENDENT', 'REASON_TO_EXTERNAL_RELATIONS'] as const;
export type RemovalNotice = (typeof REMOVAL_NOTICES)[number];

/** A removed case becomes REPORTED once every required notice has been delivered. */
export function isReported(delivered: readonly RemovalNotice[]): boolean {
  return REMOVAL_NOTICES.every((n) => delivered.includes(n));
}

/* ------------------------------------------------------------------------------------------ */
/* Working the queue (XXX): deadlines, assignment, retention and legal hold.                   */
/* ------------------------------------------------------------------------------------------ */

/** The kinds of third-party content a case can be about. */
export const CONTENT_KINDS = ['POST', 'COMMENT', 'REPLY', 'MESSAGE'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

/** INTERNAL notes stay with those who work the case; RECORD notes go out with the notices (XXX). */
export const CASE_NOTE_VISIBILITIES = ['INTERNAL', 'RECORD'] as const;
export type CaseNoteVisibility = (typeof CASE_NOTE_VISIBILITIES)[number];

/** States in which nothing more is expected of anyone: retention runs from here. */
export const FINAL_MODERATION_STATES: readonly ModerationState[] = ['REPORTED', 'CLOSED', 'DISMISSED', 'RESTORED'];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** When a case opened at `openedAt` should have been decided (and, once removed, reported). */
export function moderationDueAt(openedAt: Date, responseHours: number): Date {
  return new Date(openedAt.getTime() + responseHours * HOUR);
}

/**
 * A case is overdue while someone still owes it something past its due time: an OPEN case not
 * decided, or a REMOVED case whose notices of XXX have not both been delivered yet.
 */
export function isModerationOverdue(state: ModerationState, dueAt: Date, now: Date): boolean {
  return (state === 'OPEN' || state === 'REMOVED') && dueAt.getTime() < now.getTime();
}

/**
 * The queue lists first the cases that need someone now: still being worked (OPEN, or REMOVED and
 * not yet reported) and either nobody is assigned or they are overdue. The API's queue statement
 * applies the same rule in SQL.
 */
export function moderationNeedsAttention(
  state: ModerationState,
  assigned: boolean,
  dueAt: Date,
  now: Date,
): boolean {
  return (state === 'OPEN' || state === 'REMOVED') && (!assigned || dueAt.getTime() < now.getTime());
}

/** The retention schedule (README "Moderation"): days kept after a case reaches a final state. */
export interface RetentionSchedule {
  /** REPORTED, CLOSED, RESTORED: the evidence of a removal (XIV, XXX). */
  retentionDays: number;
  /** DISMISSED: nothing was removed, so less to keep. */
  dismissedRetentionDays: number;
}

/**
 * Until when a case's evidence must be kept, counted from the moment it reached `state` (each
 * later final step starts the period again, so a case closed late is kept as long from its
 * close). Null while the case is still being worked: nothing is purged from an open matter.
 */
export function moderationRetentionUntil(state: ModerationState, at: Date, schedule: RetentionSchedule): Date | null {
  if (!FINAL_MODERATION_STATES.includes(state)) return null;
  const days = state === 'DISMISSED' ? schedule.dismissedRetentionDays : schedule.retentionDays;
  return new Date(at.getTime() + days * DAY);
}

/**
 * Whether the purge may remove a case's snapshot content now: past its retention date and not
 * under a legal hold (a hold always wins over the schedule; SECURITY.md "Data and records").
 */
export function mayPurgeEvidence(
  facts: { retentionUntil: Date | null; legalHold: boolean; purged: boolean },
  now: Date,
): Decision {
  if (facts.purged) return refuse('ILLEGAL_TRANSITION', 'The evidence of this case was already purged.', ['XIV', 'XXX']);
  if (facts.legalHold) {
    return refuse('FORBIDDEN', 'The case is under a legal hold: its evidence is kept until the hold is released.', ['XIV', 'XXX']);
  }
  if (!facts.retentionUntil || facts.retentionUntil.getTime() > now.getTime()) {
    return refuse('FORBIDDEN', 'The case is still inside its retention period.', ['XIV', 'XXX']);
  }
  return { ok: true };
}

/**
 * Who may be assigned a case: someone who runs the account (its owner or one of its
 * administrators), or the Director of External Relations, who answers for removals (XXX).
 */
export function mayAssignModerationCase(
  assignee: { id: string; roles: readonly string[]; active: boolean },
  account: { ownerId: string; administratorIds: readonly string[] },
): Decision {
  if (!assignee.active) {
    return refuse('POLICY_VIOLATION', 'This person has left the district and cannot be assigned a case.', ['XXX']);
  }
  if (
    assignee.id === account.ownerId ||
    account.administratorIds.includes(assignee.id) ||
    assignee.roles.includes('EXTERNAL_RELATIONS')
  ) {
    return { ok: true };
  }
  return refuse(
    'POLICY_VIOLATION',
    "A case is worked by the account's owner or one of its administrators, or by the Director of " +
      'External Relations; this person is none of them.',
    ['XXX'],
  );
}

/* ------------------------------------------------------------------------------------------ */
/* Triage: suggestions only, a person decides (XXXI-XXXIII).                                    */
/* ------------------------------------------------------------------------------------------ */

/** A suggestion raised when a case opens, with the reason it points to and why it was raised. */
export interface TriageFlag {
  reason: RemovalReason;
  section: SectionId;
  why: string;
  excerpt: string;
}

/** A word of text with where it stands in the original string. */
interface Word {
  norm: string;
  start: number;
  end: number;
}

/** Folds case and accents, so "José" in a roster matches "jose" in a comment. */
function fold(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Letters and digits of any script; apostrophes and hyphens split ("O'Brien" is o brien). */
function words(text: string): Word[] {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({
    norm: fold(m[0]),
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
}

/** The text around `[start, end)`, on one line, with an ellipsis where it was cut. */
export function excerptAround(text: string, start: number, end: number, radius = 40): string {
  const from = Math.max(0, start - radius);
  const to = Math.min(text.length, end + radius);
  const body = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}

/** A student on the roster, as the triage needs them. */
export interface RosterStudent {
  id: string;
  givenName: string;
  familyName: string;
  preferredName?: string | null;
}

export interface StudentMention {
  studentId: string;
  /**
   * The words of the text that matched, as the text has them. Never the roster's spelling: a
   * flag quoting the roster would tell its reader a preferred name behind a legal one.
   */
  text: string;
  start: number;
  end: number;
}

/**
 * Where `text` names a student of `roster` by full name (given or preferred name, then family
 * name), ignoring case, accents and punctuation between the words. A first name alone is too
 * common to suggest anything, so it never matches. Each student is reported once.
 */
export function findStudentMentions(text: string, roster: readonly RosterStudent[]): StudentMention[] {
  const tokens = words(text);
  const byFirst = new Map<string, { student: RosterStudent; seq: string[] }[]>();
  for (const student of roster) {
    const family = words(student.familyName).map((w) => w.norm);
    if (family.length === 0) continue;
    const firsts = new Set([student.givenName, student.preferredName ?? ''].filter(Boolean));
    for (const first of firsts) {
      const seq = [...words(first).map((w) => w.norm), ...family];
      if (seq.length < 2) continue;
      const key = seq[0] as string;
      byFirst.set(key, [...(byFirst.get(key) ?? []), { student, seq }]);
    }
  }
  const found = new Map<string, StudentMention>();
  tokens.forEach((token, i) => {
    for (const { student, seq } of byFirst.get(token.norm) ?? []) {
      if (found.has(student.id)) continue;
      if (seq.every((w, k) => tokens[i + k]?.norm === w)) {
        const last = tokens[i + seq.length - 1] as Word;
        found.set(student.id, {
          studentId: student.id,
          text: text.slice(token.start, last.end),
          start: token.start,
          end: last.end,
        });
      }
    }
  });
  return [...found.values()].sort((a, b) => a.start - b.start);
}

/**
 * XXXII: content naming an enrolled student may carry information protected by FERPA. The flag
 * quotes only the words of the text that matched: everyone who may read the case reads the flag,
 * so it never adds what the roster knows (another name of the student, their school). The caller
 * passes only the students the case's opener may read, so a flag reveals no enrolment beyond that.
 */
export function studentMentionFlags(text: string, roster: readonly RosterStudent[]): TriageFlag[] {
  return findStudentMentions(text, roster).map((m) => ({
    reason: 'PROTECTED_STUDENT_OR_PERSONNEL_INFORMATION',
    section: REMOVAL_REASON_INFO.PROTECTED_STUDENT_OR_PERSONNEL_INFORMATION.section,
    why:
      `Names an enrolled student: "${m.text.replace(/\s+/g, ' ')}". Check whether it discloses ` +
      'protected student information (XXXII).',
    excerpt: excerptAround(text, m.start, m.end),
  }));
}

/** This module's rules, for the policy coverage map (coverage.ts). */
export const MODERATION_RULES: readonly RuleDeclaration[] = [
  {
    id: 'moderation.validateRemoval',
    name:
      'Steward refuses to record a removal of third-party content without one of the five ' +
      'reasons of XXXI-XXXV and a written explanation, or on an account that is not ' +
      'school-affiliated; the removal itself happens on the platform',
    sections: ['XXX', 'XXXI', 'XXXII', 'XXXIII', 'XXXIV', 'XXXV'],
    kind: 'WORKFLOW',
    functions: ['validateRemoval', 'mayOpenModerationCase'],
    operations: ['openModerationCase', 'removeModeratedContent'],
    screen: SCREENS.moderation,
    tests: 'moderation.test.ts',
  },
  {
    id: 'moderation.case',
    name:
      'Each removal is a case: a copy is kept, sent to the superintendent, and the reason is ' +
      'reported in writing to the Director of External Relations, who answers questions about it',
    sections: ['XXX'],
    kind: 'WORKFLOW',
    functions: ['transitionModeration', 'isReported', 'mayAssignModerationCase'],
    operations: [
      'removeModeratedContent',
      'assignModerationCase',
      'askAboutRemoval',
      'answerRemovalQuestion',
      'restoreModeratedContent',
      'closeModerationCase',
    ],
    screen: SCREENS.moderation,
    tests: 'moderation.test.ts',
  },
  {
    id: 'moderation.retention',
    name:
      "A case's evidence is kept for the retention period and never purged under a legal hold",
    sections: ['XIV', 'XXX'],
    kind: 'ENFORCED',
    functions: ['mayPurgeEvidence', 'moderationRetentionUntil'],
    operations: ['placeLegalHold', 'releaseLegalHold'],
    screen: SCREENS.moderation,
    tests: 'moderation.test.ts',
  },
  {
    id: 'moderation.triage',
    name:
      "When a case opens, enrolled students' full names in the content are pointed out as a " +
      'possible reason (XXXII); a person decides',
    sections: ['XXXII'],
    kind: 'ADVISORY',
    functions: ['studentMentionFlags'],
    operations: ['openModerationCase'],
    screen: SCREENS.moderation,
    tests: 'moderation.test.ts',
  },
];
