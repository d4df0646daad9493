import type { SectionId } from './catalog.js';
import {
  AFFILIATION_SIGNALS,
  type AffiliationSignal,
  type Classification,
  isAffiliationSignal,
  type Platform,
  type SignalSuggestion,
} from './classification.js';
import { type Decision, refuse } from './decision.js';
import type { Role } from './permissions.js';
import { type RuleDeclaration, SCREENS } from './rules.js';

/** The lifecycle of a registered social media account. */
export const ACCOUNT_STATES = ['PENDING_APPROVAL', 'ACTIVE', 'SUSPENDED', 'RETIRED'] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

/**
 * A personal account needs no one's permission; a school-affiliated one waits for it (XXIX).
 */
export function initialAccountState(classification: Classification): AccountState {
  return classification === 'SCHOOL_AFFILIATED' ? 'PENDING_APPROVAL' : 'ACTIVE';
}

/**
 * The state after the account's classification changes. A personal account that became
 * school-affiliated (IX) needs permission before use (XXIX), unless it already has it; one that
 * became personal needs none, so it is active again. A retired account stays retired.
 */
export function accountStateAfterReclassification(p: {
  previous: Classification;
  next: Classification;
  state: AccountState;
  hasApprovedAffiliation: boolean;
}): AccountState {
  if (p.state === 'RETIRED' || p.previous === p.next) return p.state;
  if (p.next === 'SCHOOL_AFFILIATED') {
    return p.hasApprovedAffiliation ? p.state : 'PENDING_APPROVAL';
  }
  return 'ACTIVE';
}

/** XXIX: a school-affiliated account may be used only with approved permission. */
export function mayActivateAccount(p: {
  classification: Classification;
  hasApprovedAffiliation: boolean;
}): Decision {
  if (p.classification === 'SCHOOL_AFFILIATED' && !p.hasApprovedAffiliation) {
    return refuse(
      'POLICY_VIOLATION',
      'A school-affiliated account can become active only after its request is approved by the ' +
        "owner's supervising administrator.",
      ['XXIX'],
    );
  }
  return { ok: true };
}

/**
 * What an approval outcome does to the account it is about: granted permission makes it active;
 * when permission is revoked or runs out, the account may no longer be used and is suspended
 * (XXIX). A retired account is not brought back.
 */
export function accountStateOnApproval(
  outcome: 'APPROVED' | 'REVOKED' | 'EXPIRED',
  state: AccountState,
): AccountState {
  if (state === 'RETIRED') return state;
  if (outcome === 'APPROVED') return 'ACTIVE';
  return state === 'ACTIVE' || state === 'PENDING_APPROVAL' ? 'SUSPENDED' : state;
}

export type AttentionReason =
  | 'PENDING_APPROVAL'
  | 'SUSPENDED'
  | 'NEEDS_NEW_OWNER'
  | 'RECLASSIFIED'
  | 'AFFILIATION_REVIEW';

/** How long a re-classified account stays flagged for its supervising administrator. */
export const RECLASSIFIED_ATTENTION_DAYS = 30;
const DAY_MS = 86_400_000;

/** Why an account needs a supervising administrator's attention, if it does. */
export function attentionReasons(p: {
  classification: Classification;
  state: AccountState;
  ownerActive: boolean;
  reclassifiedAt: Date | null;
  now: Date;
  /** The account's affiliation review, if any (see `affiliationReviewAfterSave`). */
  affiliationReview?: AffiliationReviewStatus | null;
}): AttentionReason[] {
  const reasons: AttentionReason[] = [];
  if (p.state === 'PENDING_APPROVAL') reasons.push('PENDING_APPROVAL');
  if (p.state === 'SUSPENDED') reasons.push('SUSPENDED');
  // XI: the district keeps control of an affiliated account when its owner leaves; someone must
  // take it over (or retire it) rather than leave it with a former employee.
  if (p.classification === 'SCHOOL_AFFILIATED' && !p.ownerActive && p.state !== 'RETIRED') {
    reasons.push('NEEDS_NEW_OWNER');
  }
  if (
    p.reclassifiedAt !== null &&
    p.now.getTime() - p.reclassifiedAt.getTime() <= RECLASSIFIED_ATTENTION_DAYS * DAY_MS
  ) {
    reasons.push('RECLASSIFIED');
  }
  // IX: the profile text says school-affiliated, the owner's signals say personal.
  if (p.affiliationReview === 'PENDING') reasons.push('AFFILIATION_REVIEW');
  return reasons;
}

// ---------------------------------------------------------------------------------------------
// Affiliation review: what the profile text says against what the owner declared (IX, XIX, XXIX)
// ---------------------------------------------------------------------------------------------

/**
 * - PENDING: the profile text strongly suggests signals the owner did not declare, and the
 *   account is personal; its owner's supervising administrator must look at it.
 * - CONFIRMED_PERSONAL: that administrator confirmed it personal, with a note, for the signals
 *   that were on the screen (`signals`).
 * - APPLIED: that administrator applied signals (`signals`): the account is school-affiliated.
 */
export const AFFILIATION_REVIEW_STATUSES = ['PENDING', 'CONFIRMED_PERSONAL', 'APPLIED'] as const;
export type AffiliationReviewStatus = (typeof AFFILIATION_REVIEW_STATUSES)[number];

export interface AffiliationReviewState {
  status: AffiliationReviewStatus | null;
  /** PENDING: the signals that raised it; otherwise the ones confirmed or applied. */
  signals: AffiliationSignal[];
}

const REVIEW_SECTIONS: SectionId[] = ['VIII', 'IX', 'XIX', 'XXIX'];

function inOrder(signals: Iterable<AffiliationSignal>): AffiliationSignal[] {
  const set = new Set(signals);
  return AFFILIATION_SIGNALS.filter((s) => set.has(s));
}

/**
 * The STRONG suggestions (see `suggestAffiliationSignals`) the account's own signals leave out.
 * Only these can raise a review: a POSSIBLE one needs a person's judgment about what a word
 * means (a town, a surname, another team), so it is shown but never flags anyone.
 */
export function undeclaredSignals(
  signals: readonly AffiliationSignal[],
  suggestions: readonly SignalSuggestion[],
): AffiliationSignal[] {
  return inOrder(
    suggestions
      .filter((s) => s.confidence === 'STRONG' && !signals.includes(s.signal))
      .map((s) => s.signal),
  );
}

/**
 * The review after an account is registered or saved, from its classification (computed from
 * the owner's signals) and the suggestions its profile text gets now (IX):
 *
 * - A personal account with an undeclared STRONG suggestion is flagged (PENDING). Registering
 *   is not refused (staff may know better), but it is never silent.
 * - A flag stays until the supervising administrator resolves it, even if the text is edited
 *   meanwhile; new undeclared signals join it.
 * - An account confirmed personal is not flagged again until its text produces a STRONG
 *   suggestion of a signal that was not confirmed.
 * - An account the owner declares school-affiliated goes to approval (XXIX), where the same
 *   administrator decides: a pending flag is settled by that, other reviews stay as history.
 *
 * `added` are the signals that raised or extended a flag now (empty when nothing new).
 */
export function affiliationReviewAfterSave(p: {
  classification: Classification;
  signals: readonly AffiliationSignal[];
  suggestions: readonly SignalSuggestion[];
  previous: AffiliationReviewState;
}): AffiliationReviewState & { added: AffiliationSignal[] } {
  const previous = { status: p.previous.status, signals: inOrder(p.previous.signals) };
  if (p.classification === 'SCHOOL_AFFILIATED') {
    return previous.status === 'PENDING'
      ? { status: null, signals: [], added: [] }
      : { ...previous, added: [] };
  }
  const undeclared = undeclaredSignals(p.signals, p.suggestions);
  const known =
    previous.status === 'PENDING' || previous.status === 'CONFIRMED_PERSONAL'
      ? previous.signals
      : [];
  const added = undeclared.filter((s) => !known.includes(s));
  if (added.length === 0) return { ...previous, added };
  if (previous.status === 'PENDING') {
    return { status: 'PENDING', signals: inOrder([...previous.signals, ...added]), added };
  }
  return { status: 'PENDING', signals: undeclared, added };
}

/**
 * Who resolves a review: the owner's supervising administrator, or a district administrator
 * (the fallback when the owner has none, and district-wide). Nobody reviews their own account.
 */
export function mayReviewAffiliation(p: {
  reviewerId: string;
  reviewerRoles: readonly Role[];
  ownerId: string;
  ownerSupervisorId: string | null;
}): Decision {
  if (p.reviewerId === p.ownerId) {
    return refuse(
      'SELF_DECISION',
      "No one reviews their own account's classification; it goes to their supervising " +
        'administrator.',
      REVIEW_SECTIONS,
    );
  }
  if (p.reviewerRoles.includes('DISTRICT_ADMIN')) return { ok: true };
  if (p.reviewerRoles.includes('SUPERVISOR') && p.ownerSupervisorId === p.reviewerId) {
    return { ok: true };
  }
  return refuse(
    'NOT_APPROVER',
    "Only the owner's supervising administrator, or a district administrator, reviews this " +
      "account's classification.",
    REVIEW_SECTIONS,
  );
}

export type AffiliationReviewAction = 'APPLY_SIGNALS' | 'CONFIRM_PERSONAL';

/**
 * Resolving a pending review. APPLY_SIGNALS needs at least one signal and makes the account
 * school-affiliated (the API then reclassifies it, and it waits for approval: XXIX).
 * CONFIRM_PERSONAL needs a note saying why, and records as confirmed every signal that was on
 * the screen: those that raised the flag and those the text suggests now (`onScreen`).
 */
export function resolveAffiliationReview(p: {
  status: AffiliationReviewStatus | null;
  flagged: readonly AffiliationSignal[];
  action: AffiliationReviewAction;
  signals?: readonly AffiliationSignal[] | null;
  onScreen?: readonly AffiliationSignal[] | null;
  note?: string | null;
}): Decision<AffiliationReviewState> {
  if (p.status !== 'PENDING') {
    return refuse(
      'ILLEGAL_TRANSITION',
      'This account has no classification review waiting: it was resolved already, or never ' +
        'flagged.',
      REVIEW_SECTIONS,
    );
  }
  if (p.action === 'APPLY_SIGNALS') {
    const signals = p.signals ?? [];
    for (const signal of signals) {
      if (!isAffiliationSignal(signal)) {
        throw new TypeError(`Unknown affiliation signal: ${JSON.stringify(signal)}`);
      }
    }
    if (signals.length === 0) {
      return refuse(
        'REASON_REQUIRED',
        'Choose at least one signal to apply, or confirm the account as personal with a note.',
        REVIEW_SECTIONS,
      );
    }
    return { ok: true, status: 'APPLIED', signals: inOrder(signals) };
  }
  if (!p.note?.trim()) {
    return refuse(
      'NOTE_REQUIRED',
      'Say why the account is personal despite its profile text; the note is kept with the ' +
        'review and in the audit trail.',
      REVIEW_SECTIONS,
    );
  }
  return {
    ok: true,
    status: 'CONFIRMED_PERSONAL',
    signals: inOrder([...p.flagged, ...(p.onScreen ?? [])]),
  };
}

// ---------------------------------------------------------------------------------------------
// Other school-affiliated digital content (XXIX)
// ---------------------------------------------------------------------------------------------

/**
 * What a register entry is. XXIX asks permission for "any school-affiliated internet content
 * including, but not limited to, School-Affiliated Accounts, web pages, microblogs, social media
 * pages or handles, or any other digital content": each is registered, classified (VIII, IX) and
 * approved the same way; only the fields that identify it differ (a handle, or an address).
 */
export const AFFILIATED_CONTENT_KINDS = [
  'SOCIAL_ACCOUNT',
  'SOCIAL_MEDIA_PAGE',
  'MICROBLOG',
  'HANDLE',
  'WEB_PAGE',
  'OTHER_CONTENT',
] as const;
export type AffiliatedContentKind = (typeof AFFILIATED_CONTENT_KINDS)[number];

export const AFFILIATED_CONTENT_KIND_INFO: Record<
  AffiliatedContentKind,
  { label: string; description: string; identifiedBy: 'HANDLE' | 'URL' }
> = {
  SOCIAL_ACCOUNT: {
    label: 'Social media account',
    description: 'An account on a social media platform, by its handle.',
    identifiedBy: 'HANDLE',
  },
  SOCIAL_MEDIA_PAGE: {
    label: 'Social media page',
    description: 'A page or group run on a platform (e.g. a club\'s page), by its handle.',
    identifiedBy: 'HANDLE',
  },
  MICROBLOG: {
    label: 'Microblog',
    description: 'A microblog (short posts, e.g. on X, Threads or Bluesky), by its handle.',
    identifiedBy: 'HANDLE',
  },
  HANDLE: {
    label: 'Handle',
    description: 'A handle or name held on a platform, even before anything is posted.',
    identifiedBy: 'HANDLE',
  },
  WEB_PAGE: {
    label: 'Web page',
    description: 'A web page or site, by its https address.',
    identifiedBy: 'URL',
  },
  OTHER_CONTENT: {
    label: 'Other digital content',
    description:
      'Any other content that represents itself as school-related (a podcast, a blog, a shared ' +
      'document), by its address.',
    identifiedBy: 'URL',
  },
};

export function isAffiliatedContentKind(value: unknown): value is AffiliatedContentKind {
  return typeof value === 'string' && (AFFILIATED_CONTENT_KINDS as readonly string[]).includes(value);
}

/** A field that does not fit the entry's kind; the API answers BAD_USER_INPUT naming `field`. */
export interface ContentFieldProblem {
  ok: false;
  field: 'platform' | 'handle' | 'url';
  message: string;
  sections: SectionId[];
}

const MAX_HANDLE = 100;
const ADDRESS = /^(https?):\/\/([^/?#\s]+)([^?#\s]*)/i;

/**
 * What identifies a register entry of this kind, with what the server fills in (XXIX):
 *
 * - A web page (or other content) is identified by its address: `url` is required (https for a
 *   web page: the district publishes nothing over plain http), its platform is WEB (OTHER also
 *   allowed for other content), and its handle, when not given, is the address without its
 *   scheme (`school.example.org/band`), so the register's (platform, handle) stays unique.
 * - Accounts, pages, microblogs and handles live on a platform: `platform` and `handle` are
 *   required, and WEB is not a social platform.
 *
 * `handle` arrives cleaned (no leading @, no spaces) and `url` normalized, or null.
 */
export function checkContentFields(p: {
  kind: AffiliatedContentKind;
  platform: Platform | null;
  handle: string | null;
  url: string | null;
}): { ok: true; platform: Platform; handle: string; url: string | null } | ContentFieldProblem {
  const info = AFFILIATED_CONTENT_KIND_INFO[p.kind];
  const label = info.label.toLowerCase();
  // "Other digital content" takes no article ("A other digital content" is not English).
  const aLabel = p.kind === 'OTHER_CONTENT' ? info.label : `A ${label}`;
  const problem = (field: ContentFieldProblem['field'], message: string): ContentFieldProblem => ({
    ok: false,
    field,
    message,
    sections: ['XXIX'],
  });
  if (info.identifiedBy === 'URL') {
    const address = p.url ? ADDRESS.exec(p.url) : null;
    if (!p.url || !address) {
      return problem('url', `${aLabel} is registered by its address: give its url.`);
    }
    if (p.kind === 'WEB_PAGE' && address[1]?.toLowerCase() !== 'https') {
      // "https://", as the form's helper text shows it (the dashboard shows this message as is).
      return problem('url', 'A web page is registered by its https:// address.');
    }
    const platform = p.platform ?? (p.kind === 'WEB_PAGE' ? 'WEB' : 'OTHER');
    if (platform !== 'WEB' && (p.kind === 'WEB_PAGE' || platform !== 'OTHER')) {
      return problem(
        'platform',
        p.kind === 'WEB_PAGE'
          ? 'A web page has the platform WEB (or none).'
          : `${aLabel} has the platform WEB or OTHER (or none); content on a social platform is ` +
              'registered as an account, page, microblog or handle.',
      );
    }
    const derived = `${(address[2] ?? '').toLowerCase()}${(address[3] ?? '').replace(/\/+$/, '')}`;
    const handle = p.handle ?? derived;
    if (handle.length > MAX_HANDLE) {
      return problem(
        'handle',
        `The address is longer than ${MAX_HANDLE} characters: give a short handle for the register.`,
      );
    }
    return { ok: true, platform, handle, url: p.url };
  }
  if (!p.platform) return problem('platform', `Choose the platform the ${label} is on.`);
  if (p.platform === 'WEB') {
    return problem(
      'platform',
      `WEB is for web pages: register a web page as the kind "web page", or choose the platform ` +
        `the ${label} is on.`,
    );
  }
  if (!p.handle) return problem('handle', `A ${label} is registered by its handle: give it.`);
  return { ok: true, platform: p.platform, handle: p.handle, url: p.url };
}

// ---------------------------------------------------------------------------------------------
// Account administrators (XXIX)
// ---------------------------------------------------------------------------------------------

/**
 * Someone proposed as an administrator of a school-affiliated account, as the register finds
 * them: a person in the staff register (active or not, with the roles they hold in Steward), or
 * nobody there (a student, a volunteer, an outside address: the register cannot tell these
 * apart, and need not). The staff register also holds people who are not staff, such as an
 * outside auditor (roles ['AUDITOR'] only): only the STAFF role makes someone staff.
 */
export type AdministratorCandidate =
  | { kind: 'STAFF'; label: string; active: boolean; roles: readonly Role[] }
  | { kind: 'NOT_STAFF'; label: string };

/**
 * XXIX: the login of a school-affiliated account may not go "to any unauthorized individual,
 * including students and volunteers". Its administrators are therefore active staff only; a
 * staff member who has left is no longer authorized (XI keeps control with the district), and
 * someone in the register without the STAFF role (an outside auditor) is not staff at all, the
 * same test as `requiresAcknowledgement` uses.
 */
export function mayAdministerAccount(candidate: AdministratorCandidate): Decision {
  if (candidate.kind === 'NOT_STAFF') {
    return refuse(
      'POLICY_VIOLATION',
      `${candidate.label} is not an active member of the district's staff. Only active staff ` +
        'administer a school-affiliated account; students, volunteers and anyone outside the ' +
        'district may not be given its access.',
      ['XXIX'],
    );
  }
  if (!candidate.active) {
    return refuse(
      'POLICY_VIOLATION',
      `${candidate.label} is no longer an active member of staff. Only active staff administer ` +
        'a school-affiliated account.',
      ['XXIX'],
    );
  }
  if (!candidate.roles.includes('STAFF')) {
    return refuse(
      'POLICY_VIOLATION',
      `${candidate.label} is not a member of the district's staff (a Steward user without the ` +
        'staff role, such as an outside auditor). Only active staff administer a ' +
        'school-affiliated account.',
      ['XXIX'],
    );
  }
  return { ok: true };
}

/**
 * Only a school-affiliated account is run for the district and has administrators beside its
 * owner (XXIX); a personal account is its owner's alone (VIII, IX), and the district holds none
 * of its access (III).
 */
export function mayHaveAdministrators(classification: Classification): Decision {
  if (classification !== 'SCHOOL_AFFILIATED') {
    return refuse(
      'POLICY_VIOLATION',
      'A personal account has no administrators in the register: only a school-affiliated ' +
        'account is run for the district, by active staff.',
      ['VIII', 'IX', 'XXIX'],
    );
  }
  return { ok: true };
}

/** This module's rules, for the policy coverage map (coverage.ts). */
export const ACCOUNT_RULES: readonly RuleDeclaration[] = [
  {
    id: 'accounts.mayActivateAccount',
    name:
      'A school-affiliated account starts pending and becomes active only once its request is ' +
      'approved; a revoked or expired permission suspends it',
    sections: ['XXIX'],
    kind: 'ENFORCED',
    functions: [
      'mayActivateAccount',
      'initialAccountState',
      'accountStateAfterReclassification',
      'accountStateOnApproval',
    ],
    operations: ['registerSocialAccount', 'updateSocialAccount', 'decideApprovalRequest', 'revokeApproval'],
    screen: SCREENS.socialAccounts,
    tests: 'accounts.test.ts',
  },
  {
    id: 'accounts.affiliationReview',
    name:
      "A personal account whose profile text strongly suggests a connection to the district goes " +
      "to the owner's supervising administrator, who applies the signals or confirms it personal " +
      'with a note',
    sections: ['IX', 'XIX', 'XXIX'],
    kind: 'WORKFLOW',
    functions: ['affiliationReviewAfterSave', 'mayReviewAffiliation', 'resolveAffiliationReview'],
    operations: ['registerSocialAccount', 'updateSocialAccount', 'resolveAffiliationReview'],
    screen: SCREENS.socialAccounts,
    tests: 'accounts.test.ts',
  },
  {
    id: 'accounts.attentionReasons',
    name:
      'A school-affiliated account whose owner left the district is flagged until someone takes ' +
      'it over or retires it, so its login stays with the district',
    sections: ['XI'],
    kind: 'WORKFLOW',
    functions: ['attentionReasons'],
    operations: ['socialAccounts'],
    screen: SCREENS.socialAccounts,
    tests: 'accounts.test.ts',
  },
  {
    id: 'accounts.affiliatedContent',
    name:
      'Web pages, microblogs, social media pages, handles and other school-affiliated content ' +
      'are registered like accounts and need the same approval before use',
    sections: ['XXIX'],
    kind: 'WORKFLOW',
    functions: ['checkContentFields', 'initialAccountState'],
    operations: ['registerSocialAccount', 'updateSocialAccount', 'socialAccounts'],
    screen: SCREENS.socialAccounts,
    tests: 'accounts.test.ts',
  },
  {
    id: 'accounts.mayAdministerAccount',
    name:
      'Only active staff administer a school-affiliated account: a student, a volunteer, an ' +
      'outside address, a user without the staff role (an outside auditor) or a former staff ' +
      'member is refused, and staff who leave stop being administrators',
    sections: ['XXIX'],
    kind: 'ENFORCED',
    functions: ['mayAdministerAccount', 'mayHaveAdministrators'],
    operations: ['setAccountAdministrators', 'syncStaff'],
    screen: SCREENS.socialAccounts,
    tests: 'accounts.test.ts',
  },
];
