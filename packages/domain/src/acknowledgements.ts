import { POLICY_SECTIONS, type PolicySection, type SectionId } from './catalog.js';
import type { Role } from './permissions.js';
import type { RuleDeclaration, RuleScreen } from './rules.js';

/**
 * Acknowledgement rounds of policy revisions (XIII, XVII, XVIII, XX, XXIV, XXVI, XXVII).
 *
 * These sections state consequences (XIII, XX), duties judged by people (XVII, XVIII, XXVII) or
 * classroom and school-network practice (XXIV, XXVI): software cannot decide them, but the
 * district can make sure every member of staff has read them. A district admin opens a round for
 * a revision of the policy; everyone it requires acknowledges once; supervisors and the district
 * follow completion; reminders go out at most once a week until the person has acknowledged.
 */

/** The sections staff read and acknowledge in every round, in the policy's order. */
export const ACKNOWLEDGED_SECTIONS = ['XIII', 'XVII', 'XVIII', 'XX', 'XXIV', 'XXVI', 'XXVII'] as const satisfies readonly SectionId[];

const SECTIONS: SectionId[] = [...ACKNOWLEDGED_SECTIONS];

/** The catalog entries (title and summary in our words) that a round shows, in policy order. */
export function acknowledgementSections(ids: readonly string[] = ACKNOWLEDGED_SECTIONS): PolicySection[] {
  return POLICY_SECTIONS.filter((s) => ids.includes(s.id));
}

/**
 * A day as the policy's dates are written (revision, due date): `YYYY-MM-DD`, a real calendar day
 * from year 1 on. JavaScript accepts year 0, but PostgreSQL's `date` has no year 0 (1 BC comes
 * before AD 1), so such a day would fail at the database instead of being refused here.
 */
export function isIsoDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || value.startsWith('0000')) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The UTC day of an instant, `YYYY-MM-DD` (rounds are dated in days; the district's clock is UTC). */
export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Why a round cannot be opened: the input field at fault and what to change. */
export type RoundCheck = { ok: true } | { ok: false; field: 'revisionDate' | 'dueDate'; message: string; sections: SectionId[] };

/**
 * Whether a round may be opened for this revision. A round is for a revision of the policy:
 * a new revision starts a new round, so its date must be later than the latest round's (the same
 * revision is not acknowledged twice, and an older one cannot replace a newer one). Staff need
 * a due date they can still meet: not before the revision, and not already past.
 */
export function validateAcknowledgementRound(p: {
  revisionDate: string;
  dueDate: string;
  /** The revision date of the latest round opened so far, if any. */
  latestRevisionDate: string | null;
  /** Today, `YYYY-MM-DD`. */
  today: string;
}): RoundCheck {
  const no = (field: 'revisionDate' | 'dueDate', message: string): RoundCheck => ({ ok: false, field, message, sections: SECTIONS });
  if (!isIsoDay(p.revisionDate)) return no('revisionDate', 'The revision date must be a day written YYYY-MM-DD.');
  if (!isIsoDay(p.dueDate)) return no('dueDate', 'The due date must be a day written YYYY-MM-DD.');
  if (p.latestRevisionDate !== null && p.revisionDate <= p.latestRevisionDate) {
    return no(
      'revisionDate',
      `A new round is for a newer revision: the latest round is for the revision of ${p.latestRevisionDate}, ` +
        `so the revision date must be after it (it is ${p.revisionDate}).`,
    );
  }
  if (p.dueDate < p.revisionDate) {
    return no('dueDate', `The due date (${p.dueDate}) is before the revision date (${p.revisionDate}).`);
  }
  if (p.dueDate < p.today) return no('dueDate', `The due date (${p.dueDate}) has already passed (today is ${p.today}).`);
  return { ok: true };
}

/** A person as far as a round is concerned. */
export interface AcknowledgementPerson {
  active: boolean;
  roles: readonly Role[];
  schoolId: string | null;
}

/**
 * Whether a round requires this person to acknowledge, decided now (not when the round opened):
 * active staff (the STAFF role; an outside auditor with read access only is not staff), of the
 * round's school when it is for one school. Someone who joins after the round opens is required;
 * someone who leaves drops out of the pending lists and gets no more reminders.
 */
export function requiresAcknowledgement(person: AcknowledgementPerson, round: { schoolId: string | null }): boolean {
  if (!person.active || !person.roles.includes('STAFF')) return false;
  return round.schoolId === null || person.schoolId === round.schoolId;
}

export type AcknowledgeCheck =
  | { ok: true }
  | { ok: false; code: 'NOT_REQUIRED' | 'ALREADY_ACKNOWLEDGED' | 'SUPERSEDED'; message: string; sections: SectionId[] };

/** Whether a person may acknowledge a round now: once, while it is current, if it requires them. */
export function mayAcknowledge(p: { required: boolean; acknowledgedAt: Date | null; superseded: boolean }): AcknowledgeCheck {
  if (p.acknowledgedAt) {
    return {
      ok: false,
      code: 'ALREADY_ACKNOWLEDGED',
      message: `You acknowledged this revision on ${p.acknowledgedAt.toISOString()}; once is enough.`,
      sections: SECTIONS,
    };
  }
  if (p.superseded) {
    return {
      ok: false,
      code: 'SUPERSEDED',
      message: 'A newer revision has replaced this one: acknowledge the current round instead.',
      sections: SECTIONS,
    };
  }
  if (!p.required) {
    return {
      ok: false,
      code: 'NOT_REQUIRED',
      message: 'This round does not ask you to acknowledge (it is for active staff of another school, or you are not staff).',
      sections: SECTIONS,
    };
  }
  return { ok: true };
}

/** The least time between two reminders to one person: a week. */
export const REMINDER_INTERVAL_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether a reminder is due to a person now: they are required, have not acknowledged, and had
 * no reminder (for any round) in the last seven days. The first reminder is due as soon as the
 * round requires them: it is how they learn of the new revision.
 */
export function acknowledgementReminderDue(p: {
  required: boolean;
  acknowledged: boolean;
  lastReminderAt: Date | null;
  now: Date;
}): boolean {
  if (!p.required || p.acknowledged) return false;
  return p.lastReminderAt === null || p.now.getTime() - p.lastReminderAt.getTime() >= REMINDER_INTERVAL_DAYS * DAY_MS;
}

/**
 * The Monday (UTC, `YYYY-MM-DD`) of the week an instant falls in. Two reminders at least seven
 * days apart never share a week, so the database keeps one reminder per person and week as a
 * unique key: a second process sending at the same moment cannot send a second one.
 */
export function reminderWeek(at: Date): string {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return isoDay(new Date(day.getTime() - sinceMonday * DAY_MS));
}

/** Whether a required person is late: not acknowledged and the due date has passed. */
export function isAcknowledgementOverdue(p: { dueDate: string; acknowledged: boolean; today: string }): boolean {
  return !p.acknowledged && p.today > p.dueDate;
}

/** The dashboard page where staff acknowledge and supervisors and the district follow completion. */
export const ACKNOWLEDGEMENTS_SCREEN: RuleScreen = { path: '/acknowledgements', label: 'Acknowledgements' };
const SCREEN = ACKNOWLEDGEMENTS_SCREEN;

/** This module's rules, for the policy coverage map (coverage.ts). */
export const ACKNOWLEDGEMENT_RULES: readonly RuleDeclaration[] = [
  {
    id: 'acknowledgements.validateAcknowledgementRound',
    name:
      'A district admin opens an acknowledgement round for each new revision of the policy, with ' +
      'a due date staff can still meet; the round shows these sections\' summaries to read',
    sections: SECTIONS,
    kind: 'WORKFLOW',
    functions: ['validateAcknowledgementRound', 'acknowledgementSections'],
    operations: ['openAcknowledgementRound', 'acknowledgementRounds', 'acknowledgementRound'],
    screen: SCREEN,
    tests: 'acknowledgements.test.ts',
  },
  {
    id: 'acknowledgements.requiresAcknowledgement',
    name:
      'Every active member of staff (of the school, for a one-school round) acknowledges the ' +
      'current revision once, recorded with who, when and which revision; supervisors see who on ' +
      'their staff has not, the district sees completion per school',
    sections: SECTIONS,
    kind: 'WORKFLOW',
    functions: ['requiresAcknowledgement', 'mayAcknowledge', 'isAcknowledgementOverdue'],
    operations: ['acknowledgePolicy', 'myAcknowledgement', 'acknowledgementRound'],
    screen: SCREEN,
    tests: 'acknowledgements.test.ts',
  },
  {
    id: 'acknowledgements.acknowledgementReminderDue',
    name:
      'Staff who have not acknowledged are reminded by mail at most once a week, and never after ' +
      'acknowledging or once they have left',
    sections: SECTIONS,
    kind: 'WORKFLOW',
    functions: ['acknowledgementReminderDue', 'reminderWeek'],
    operations: [],
    screen: SCREEN,
    tests: 'acknowledgements.test.ts',
  },
];
