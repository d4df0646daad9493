import type { SectionId } from './catalog.js';
import type { Classification } from './classification.js';
import { type Decision, refuse } from './decision.js';

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
