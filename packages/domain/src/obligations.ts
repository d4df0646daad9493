import { canActAsSupervisor, resolveApprover } from './approvals.js';
import type { SectionId } from './catalog.js';
import type { Classification } from './classification.js';
import { type Decision, refuse } from './decision.js';
import type { AccountState } from './accounts.js';
import type { Role } from './permissions.js';
import { type RuleDeclaration, type RuleScreen, SCREENS } from './rules.js';

/**
 * Obligations of school-affiliated accounts.
 *
 * - Required interactions (XII): "staff may be required to interact with specified individuals
 *   on School-Affiliated Accounts". The instruction comes from the owner's supervising
 *   administrator (or the district admin), is recorded per account, and the people who run the
 *   account (its owner and its administrators) each confirm they have it. A requirement ends by
 *   being retired, never deleted, so the history of what was asked stays.
 * - Questions about planned content (XVIII): "questions about appropriate content should be
 *   referred to the staff member's supervising administrator". The question goes to that
 *   administrator (the district admin when there is none), who answers; the asker may ask
 *   further, which reopens it. The thread only grows.
 */

// ---------------------------------------------------------------------------------------------
// Required interactions (XII)
// ---------------------------------------------------------------------------------------------

const XII: SectionId[] = ['XII'];
const PERSONAL_XII: SectionId[] = ['VIII', 'IX', 'XII'];

/**
 * - AWAITING_CONFIRMATION: someone who runs the account (owner or administrator) has not
 *   confirmed it yet;
 * - CONFIRMED: everyone who runs the account now has confirmed it;
 * - RETIRED: the supervising administrator withdrew it (kept in the history);
 * - LAPSED: nobody withdrew it, but the account no longer takes instructions: it is personal now,
 *   was reclassified after the requirement was set, or is retired (`interactionStands`). Kept in
 *   the history; nobody confirms it.
 */
export const INTERACTION_STATES = ['AWAITING_CONFIRMATION', 'CONFIRMED', 'RETIRED', 'LAPSED'] as const;
export type InteractionState = (typeof INTERACTION_STATES)[number];

/** Limits of a requirement's words, shared by the API (refusal) and the dashboard (form). */
export const INTERACTION_DESCRIPTION_MIN = 10;
export const INTERACTION_DESCRIPTION_MAX = 1000;
export const INTERACTION_TARGET_MAX = 300;

/** Who sets or retires a requirement, and on which account. */
export interface InteractionRequirer {
  actorId: string;
  actorRoles: readonly Role[];
  ownerId: string;
  ownerSupervisorId: string | null;
  classification: Classification;
  accountState: AccountState;
}

/**
 * Whether `actorId` may set a required interaction on the account (XII). Only school-affiliated
 * accounts carry such instructions: a personal account is its owner's own (VIII, IX). A retired
 * account is no longer used. The instruction is a supervisor's to give: the owner's supervising
 * administrator, or a district admin; never the owner themselves.
 */
export function mayRequireInteraction(p: InteractionRequirer): Decision {
  if (p.classification !== 'SCHOOL_AFFILIATED') {
    return refuse(
      'POLICY_VIOLATION',
      'Required interactions are set only on school-affiliated accounts (XII); this account is ' +
        "personal (VIII, IX), and the district does not direct whom its owner interacts with.",
      PERSONAL_XII,
    );
  }
  if (p.accountState === 'RETIRED') {
    return refuse('ILLEGAL_TRANSITION', 'This account is retired: it no longer takes required interactions.', XII);
  }
  return mayInstruct(p);
}

function mayInstruct(p: InteractionRequirer): Decision {
  if (p.actorId === p.ownerId) {
    return refuse(
      'SELF_DECISION',
      "An account's required interactions come from its owner's supervising administrator, not " +
        'from the owner.',
      XII,
    );
  }
  if (p.actorRoles.includes('DISTRICT_ADMIN')) return { ok: true };
  if (p.actorRoles.includes('SUPERVISOR') && p.ownerSupervisorId === p.actorId) return { ok: true };
  return refuse(
    'NOT_APPROVER',
    "Only the account owner's supervising administrator, or a district administrator, sets or " +
      "retires the account's required interactions.",
    XII,
  );
}

/**
 * Whether `actorId` may retire a requirement: the same people who may set one, while it stands.
 * A retired account's requirements may still be retired (tidying up what is left).
 */
export function mayRetireInteraction(p: InteractionRequirer & { retired: boolean }): Decision {
  if (p.retired) return refuse('ILLEGAL_TRANSITION', 'This required interaction is already retired.', XII);
  return mayInstruct(p);
}

/** What decides whether a requirement still stands, besides being retired: its account now. */
export interface InteractionStanding {
  classification: Classification;
  accountState: AccountState;
  /** When the requirement was set. */
  requiredAt: Date;
  /** When the account last changed classification; null if it never did. */
  reclassifiedAt: Date | null;
}

/**
 * Whether a requirement that nobody retired still stands (XII): only a school-affiliated account
 * takes instructions. Reclassified as personal, the account is its owner's own (VIII, IX): its
 * requirements end with the affiliation, as its administrators do, and do not come back if it
 * is affiliated again later (any reclassification after the requirement was set went through
 * personal, since a requirement is only set on an affiliated account); a new one is set if it
 * still applies. A retired account is no longer used.
 */
export function interactionStands(p: InteractionStanding): Decision {
  if (p.classification !== 'SCHOOL_AFFILIATED') {
    return refuse(
      'ILLEGAL_TRANSITION',
      'This account is personal now (VIII, IX): the district does not direct whom its owner interacts ' +
        'with, so its required interactions no longer stand and there is nothing to confirm (XII).',
      PERSONAL_XII,
    );
  }
  if (p.reclassifiedAt !== null && p.reclassifiedAt.getTime() > p.requiredAt.getTime()) {
    return refuse(
      'ILLEGAL_TRANSITION',
      'This account was reclassified as personal after this requirement was set (VIII, IX): the ' +
        'requirement ended with that affiliation; the supervising administrator sets it again if it still applies (XII).',
      PERSONAL_XII,
    );
  }
  if (p.accountState === 'RETIRED') {
    return refuse('ILLEGAL_TRANSITION', 'This account is retired: its required interactions no longer stand.', XII);
  }
  return { ok: true };
}

/**
 * Whether `actorId` may confirm a requirement: each person who runs the account (its owner and
 * its administrators) confirms once, for themselves, while the requirement stands (not retired,
 * and its account still takes instructions: `interactionStands`).
 */
export function mayConfirmInteraction(
  p: InteractionStanding & {
    actorId: string;
    ownerId: string;
    administratorIds: readonly string[];
    retired: boolean;
    confirmedByIds: readonly string[];
  },
): Decision {
  if (p.actorId !== p.ownerId && !p.administratorIds.includes(p.actorId)) {
    return refuse(
      'FORBIDDEN',
      "Only the account's owner and its administrators confirm its required interactions.",
      XII,
    );
  }
  if (p.retired) return refuse('ILLEGAL_TRANSITION', 'This required interaction is retired: nothing to confirm.', XII);
  const stands = interactionStands(p);
  if (!stands.ok) return stands;
  if (p.confirmedByIds.includes(p.actorId)) {
    return refuse('ILLEGAL_TRANSITION', 'You have already confirmed this required interaction.', XII);
  }
  return { ok: true };
}

/**
 * Where a requirement stands, and who still has to confirm it: the account's people now (owner
 * first, then administrators), less those who confirmed. Someone who confirmed and no longer runs
 * the account stays in the history but is not waited for; a new administrator is. A retired one
 * is RETIRED; one whose account no longer takes instructions is LAPSED; nobody is waited for.
 */
export function interactionState(
  p: InteractionStanding & {
    retired: boolean;
    ownerId: string;
    administratorIds: readonly string[];
    confirmedByIds: readonly string[];
  },
): { state: InteractionState; awaitingIds: string[] } {
  if (p.retired) return { state: 'RETIRED', awaitingIds: [] };
  if (!interactionStands(p).ok) return { state: 'LAPSED', awaitingIds: [] };
  const people = [...new Set([p.ownerId, ...p.administratorIds])];
  const awaitingIds = people.filter((id) => !p.confirmedByIds.includes(id));
  return { state: awaitingIds.length > 0 ? 'AWAITING_CONFIRMATION' : 'CONFIRMED', awaitingIds };
}

// ---------------------------------------------------------------------------------------------
// Questions about planned content (XVIII)
// ---------------------------------------------------------------------------------------------

const XVIII: SectionId[] = ['XVIII'];

/** OPEN: waiting for the supervising administrator; ANSWERED: the last word is theirs. */
export const CONTENT_QUESTION_STATUSES = ['OPEN', 'ANSWERED'] as const;
export type ContentQuestionStatus = (typeof CONTENT_QUESTION_STATUSES)[number];

/** QUESTION opens the thread; ANSWER is the administrator's; FOLLOW_UP is the asker's again. */
export const CONTENT_MESSAGE_KINDS = ['QUESTION', 'ANSWER', 'FOLLOW_UP'] as const;
export type ContentMessageKind = (typeof CONTENT_MESSAGE_KINDS)[number];

export const CONTENT_QUESTION_TEXT_MAX = 5000;

/** The asker's supervisor as routing needs them: whether they are still here, and their roles. */
export interface AskerSupervisor {
  id: string;
  active: boolean;
  roles: readonly Role[];
}

/**
 * Whether the recorded supervisor can take a question: an active person whose role answers
 * questions (SUPERVISOR, or DISTRICT_ADMIN; the `contentQuestion.answer` permission). Someone
 * recorded as a supervisor without such a role, or who has left, could never answer it, so the
 * question would wait forever.
 */
export function supervisorCanAnswer(s: AskerSupervisor | null): s is AskerSupervisor {
  return !!s && canActAsSupervisor(s);
}

/**
 * Who a question goes to (XVIII): the asker's supervising administrator, when they can answer it
 * (`supervisorCanAnswer`); otherwise (none, inactive, without the role, or themselves) a district
 * administrator, chosen as approvals choose one (`resolveApprover`). Null when the district has
 * nobody to route it to.
 */
export function routeContentQuestion(p: {
  askerId: string;
  askerSupervisor: AskerSupervisor | null;
  districtAdminIds: readonly string[];
}): { recipientId: string | null; fallback: boolean } {
  const { approverId, fallback } = resolveApprover({
    requesterId: p.askerId,
    requesterSupervisorId: supervisorCanAnswer(p.askerSupervisor) ? p.askerSupervisor.id : null,
    districtAdminIds: p.districtAdminIds,
  });
  return { recipientId: approverId, fallback };
}

/**
 * Who may add to a thread, and as whom: the asker asks further (a FOLLOW_UP); the recipient of
 * record, or a district administrator, answers (an ANSWER). Nobody answers their own question.
 */
export function mayPostContentMessage(p: {
  actorId: string;
  actorRoles: readonly Role[];
  askerId: string;
  recipientId: string | null;
  as: 'ASKER' | 'ANSWERER';
}): Decision<{ kind: ContentMessageKind }> {
  if (p.as === 'ASKER') {
    if (p.actorId !== p.askerId) {
      return refuse('FORBIDDEN', 'Only the person who asked can ask further in this thread.', XVIII);
    }
    return { ok: true, kind: 'FOLLOW_UP' };
  }
  if (p.actorId === p.askerId) {
    return refuse('SELF_DECISION', 'No one answers their own question; it goes to their supervising administrator.', XVIII);
  }
  if (p.actorId === p.recipientId || p.actorRoles.includes('DISTRICT_ADMIN')) return { ok: true, kind: 'ANSWER' };
  return refuse(
    'NOT_APPROVER',
    "Only the asker's supervising administrator the question went to, or a district administrator, answers it.",
    XVIII,
  );
}

/**
 * The status after a message: an answer (or a further answer) leaves it ANSWERED; the asker's
 * follow-up opens it again, even after an answer.
 */
export function contentQuestionStatusAfter(kind: ContentMessageKind): ContentQuestionStatus {
  return kind === 'ANSWER' ? 'ANSWERED' : 'OPEN';
}

// ---------------------------------------------------------------------------------------------
// Declarations for the coverage map
// ---------------------------------------------------------------------------------------------

export const CONTENT_QUESTIONS_SCREEN: RuleScreen = { path: '/contentQuestions', label: 'Questions about content' };

/** This module's rules, for the policy coverage map (coverage.ts). */
export const OBLIGATION_RULES: readonly RuleDeclaration[] = [
  {
    id: 'obligations.requiredInteractions',
    name:
      "A school-affiliated account's required interactions (whom it must follow or answer) are set " +
      "by the owner's supervising administrator or a district admin, never on a personal or retired " +
      'account; the owner and each administrator confirm them while the account stays affiliated; ' +
      'retired and lapsed ones (the account became personal or was retired) stay in the history',
    sections: ['XII'],
    kind: 'WORKFLOW',
    functions: ['mayRequireInteraction', 'mayRetireInteraction', 'mayConfirmInteraction', 'interactionStands', 'interactionState'],
    operations: [
      'requireInteraction',
      'confirmRequiredInteraction',
      'retireRequiredInteraction',
      'requiredInteractions',
    ],
    screen: SCREENS.socialAccounts,
    tests: 'obligations.test.ts',
  },
  {
    id: 'obligations.contentQuestions',
    name:
      "Questions about planned content go to the asker's supervising administrator (a district " +
      'admin when there is none, or they are inactive or lack the role to answer), who answers; the asker may ask further, reopening it; the thread ' +
      'is kept whole',
    sections: ['XVIII'],
    kind: 'WORKFLOW',
    functions: ['routeContentQuestion', 'supervisorCanAnswer', 'mayPostContentMessage', 'contentQuestionStatusAfter'],
    operations: ['askAboutContent', 'answerContentQuestion', 'followUpContentQuestion', 'contentQuestions'],
    screen: CONTENT_QUESTIONS_SCREEN,
    tests: 'obligations.test.ts',
  },
];
