import { describe, expect, it } from 'vitest';
import {
  type AccountState,
  type AffiliationReviewAction,
  type AffiliationReviewState,
  type AffiliationReviewStatus,
  type AdministratorCandidate,
  accountStateAfterReclassification,
  AFFILIATED_CONTENT_KIND_INFO,
  AFFILIATED_CONTENT_KINDS,
  checkContentFields,
  isAffiliatedContentKind,
  mayAdministerAccount,
  mayHaveAdministrators,
  accountStateOnApproval,
  affiliationReviewAfterSave,
  type AttentionReason,
  attentionReasons,
  initialAccountState,
  mayActivateAccount,
  mayReviewAffiliation,
  resolveAffiliationReview,
  undeclaredSignals,
} from './accounts.js';
import type { Refusal } from './decision.js';
import type { Role } from './permissions.js';
import {
  type AffiliationSignal,
  type Classification,
  type Platform,
  SIGNAL_INFO,
  type SignalSuggestion,
} from './classification.js';

describe('account lifecycle (XXIX)', () => {
  it.each<[Classification, AccountState]>([
    ['PERSONAL', 'ACTIVE'],
    ['SCHOOL_AFFILIATED', 'PENDING_APPROVAL'],
  ])('a new %s account starts %s', (classification, state) => {
    expect(initialAccountState(classification)).toBe(state);
  });

  type Reclassification = [
    behaviour: string,
    previous: Classification,
    next: Classification,
    state: AccountState,
    hasApprovedAffiliation: boolean,
    expected: AccountState,
  ];
  it.each<Reclassification>([
    [
      'personal -> affiliated waits for approval',
      'PERSONAL',
      'SCHOOL_AFFILIATED',
      'ACTIVE',
      false,
      'PENDING_APPROVAL',
    ],
    [
      'personal -> affiliated with approval keeps its state',
      'PERSONAL',
      'SCHOOL_AFFILIATED',
      'ACTIVE',
      true,
      'ACTIVE',
    ],
    [
      'personal -> affiliated, suspended with approval, stays suspended',
      'PERSONAL',
      'SCHOOL_AFFILIATED',
      'SUSPENDED',
      true,
      'SUSPENDED',
    ],
    [
      'affiliated -> personal becomes active',
      'SCHOOL_AFFILIATED',
      'PERSONAL',
      'PENDING_APPROVAL',
      false,
      'ACTIVE',
    ],
    [
      'affiliated -> personal lifts a suspension',
      'SCHOOL_AFFILIATED',
      'PERSONAL',
      'SUSPENDED',
      false,
      'ACTIVE',
    ],
    [
      'a retired account stays retired (to affiliated)',
      'PERSONAL',
      'SCHOOL_AFFILIATED',
      'RETIRED',
      false,
      'RETIRED',
    ],
    [
      'a retired account stays retired (to personal)',
      'SCHOOL_AFFILIATED',
      'PERSONAL',
      'RETIRED',
      true,
      'RETIRED',
    ],
    [
      'no change of classification changes nothing',
      'SCHOOL_AFFILIATED',
      'SCHOOL_AFFILIATED',
      'PENDING_APPROVAL',
      false,
      'PENDING_APPROVAL',
    ],
  ])('%s', (_behaviour, previous, next, state, hasApprovedAffiliation, expected) => {
    expect(
      accountStateAfterReclassification({ previous, next, state, hasApprovedAffiliation }),
    ).toBe(expected);
  });

  it.each<['APPROVED' | 'REVOKED' | 'EXPIRED', AccountState, AccountState]>([
    ['APPROVED', 'PENDING_APPROVAL', 'ACTIVE'],
    ['APPROVED', 'SUSPENDED', 'ACTIVE'],
    ['APPROVED', 'ACTIVE', 'ACTIVE'],
    ['APPROVED', 'RETIRED', 'RETIRED'],
    ['REVOKED', 'ACTIVE', 'SUSPENDED'],
    ['REVOKED', 'PENDING_APPROVAL', 'SUSPENDED'],
    ['REVOKED', 'SUSPENDED', 'SUSPENDED'],
    ['REVOKED', 'RETIRED', 'RETIRED'],
    ['EXPIRED', 'ACTIVE', 'SUSPENDED'],
    ['EXPIRED', 'PENDING_APPROVAL', 'SUSPENDED'],
    ['EXPIRED', 'RETIRED', 'RETIRED'],
  ])('an approval %s turns %s into %s', (outcome, state, expected) => {
    expect(accountStateOnApproval(outcome, state)).toBe(expected);
  });

  it('refuses to activate an affiliated account without approval, citing XXIX', () => {
    expect(
      mayActivateAccount({ classification: 'SCHOOL_AFFILIATED', hasApprovedAffiliation: false }),
    ).toMatchObject({ ok: false, code: 'POLICY_VIOLATION', sections: ['XXIX'] });
  });

  it.each<[Classification, boolean]>([
    ['SCHOOL_AFFILIATED', true],
    ['PERSONAL', false],
    ['PERSONAL', true],
  ])('activates a %s account (approved: %s)', (classification, hasApprovedAffiliation) => {
    expect(mayActivateAccount({ classification, hasApprovedAffiliation })).toEqual({ ok: true });
  });
});

describe('attentionReasons', () => {
  const now = new Date('2025-03-01T12:00:00Z');
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

  type Row = [
    behaviour: string,
    classification: Classification,
    state: AccountState,
    ownerActive: boolean,
    reclassifiedAt: Date | null,
    expected: AttentionReason[],
  ];
  it.each<Row>([
    ['an active account needs nothing', 'SCHOOL_AFFILIATED', 'ACTIVE', true, null, []],
    [
      'a pending account waits for approval',
      'SCHOOL_AFFILIATED',
      'PENDING_APPROVAL',
      true,
      null,
      ['PENDING_APPROVAL'],
    ],
    ['a suspended account', 'SCHOOL_AFFILIATED', 'SUSPENDED', true, null, ['SUSPENDED']],
    [
      'an affiliated account whose owner left needs a new owner (XI)',
      'SCHOOL_AFFILIATED',
      'ACTIVE',
      false,
      null,
      ['NEEDS_NEW_OWNER'],
    ],
    ['a retired account needs no new owner', 'SCHOOL_AFFILIATED', 'RETIRED', false, null, []],
    ['a personal account needs no new owner', 'PERSONAL', 'ACTIVE', false, null, []],
    ['re-classified today', 'SCHOOL_AFFILIATED', 'ACTIVE', true, daysAgo(0), ['RECLASSIFIED']],
    ['re-classified 30 days ago', 'PERSONAL', 'ACTIVE', true, daysAgo(30), ['RECLASSIFIED']],
    ['re-classified 31 days ago', 'PERSONAL', 'ACTIVE', true, daysAgo(31), []],
    [
      'several at once',
      'SCHOOL_AFFILIATED',
      'PENDING_APPROVAL',
      false,
      daysAgo(2),
      ['PENDING_APPROVAL', 'NEEDS_NEW_OWNER', 'RECLASSIFIED'],
    ],
  ])('%s', (_behaviour, classification, state, ownerActive, reclassifiedAt, expected) => {
    expect(attentionReasons({ classification, state, ownerActive, reclassifiedAt, now })).toEqual(
      expected,
    );
  });
});

describe('attentionReasons: the affiliation review (IX)', () => {
  const now = new Date('2025-03-01T12:00:00Z');
  it.each<[AffiliationReviewStatus | null | undefined, AttentionReason[]]>([
    ['PENDING', ['AFFILIATION_REVIEW']],
    ['CONFIRMED_PERSONAL', []],
    ['APPLIED', []],
    [null, []],
    [undefined, []],
  ])('a personal account whose review is %s: %j', (affiliationReview, expected) => {
    expect(
      attentionReasons({
        classification: 'PERSONAL',
        state: 'ACTIVE',
        ownerActive: true,
        reclassifiedAt: null,
        now,
        affiliationReview,
      }),
    ).toEqual(expected);
  });
});

/** A suggestion as `suggestAffiliationSignals` makes it; only signal and strength matter here. */
function suggestion(signal: AffiliationSignal, strong = true): SignalSuggestion {
  return {
    signal,
    confidence: strong ? 'STRONG' : 'POSSIBLE',
    field: 'bio',
    matched: 'ralston',
    reason: `test (${SIGNAL_INFO[signal].sections.join(', ')})`,
    sections: [...SIGNAL_INFO[signal].sections],
  };
}
const NAME = suggestion('USES_DISTRICT_NAME');
const POSITION = suggestion('LISTS_STAFF_POSITION');
const OFFICIAL = suggestion('PURPORTS_OFFICIAL');
const MAYBE_MASCOT = suggestion('USES_MASCOT_OR_IMAGE', false);
const NONE: AffiliationReviewState = { status: null, signals: [] };

describe('undeclaredSignals: only STRONG suggestions count', () => {
  it.each<[string, AffiliationSignal[], SignalSuggestion[], AffiliationSignal[]]>([
    ['a strong one not ticked', [], [NAME], ['USES_DISTRICT_NAME']],
    ['a strong one ticked', ['USES_DISTRICT_NAME'], [NAME], []],
    ['a possible one never', [], [MAYBE_MASCOT], []],
    [
      'several, in the fixed order',
      [],
      [POSITION, NAME, OFFICIAL],
      ['PURPORTS_OFFICIAL', 'LISTS_STAFF_POSITION', 'USES_DISTRICT_NAME'],
    ],
  ])('%s', (_behaviour, signals, suggestions, expected) => {
    expect(undeclaredSignals(signals, suggestions)).toEqual(expected);
  });
});

describe('affiliationReviewAfterSave (IX, XXIX)', () => {
  type Row = [
    behaviour: string,
    classification: Classification,
    signals: AffiliationSignal[],
    suggestions: SignalSuggestion[],
    previous: AffiliationReviewState,
    expected: AffiliationReviewState & { added: AffiliationSignal[] },
  ];
  it.each<Row>([
    [
      'a personal account with a strong suggestion is flagged',
      'PERSONAL',
      [],
      [NAME, MAYBE_MASCOT],
      NONE,
      { status: 'PENDING', signals: ['USES_DISTRICT_NAME'], added: ['USES_DISTRICT_NAME'] },
    ],
    [
      'a possible suggestion alone raises no flag',
      'PERSONAL',
      [],
      [MAYBE_MASCOT],
      NONE,
      { status: null, signals: [], added: [] },
    ],
    [
      'no suggestion, no flag',
      'PERSONAL',
      [],
      [],
      NONE,
      { status: null, signals: [], added: [] },
    ],
    [
      'an affiliated account goes to approval instead: no flag (XXIX)',
      'SCHOOL_AFFILIATED',
      ['PURPORTS_OFFICIAL'],
      [OFFICIAL, NAME],
      NONE,
      { status: null, signals: [], added: [] },
    ],
    [
      'a flag stays when the text no longer suggests anything (never silent)',
      'PERSONAL',
      [],
      [],
      { status: 'PENDING', signals: ['USES_DISTRICT_NAME'] },
      { status: 'PENDING', signals: ['USES_DISTRICT_NAME'], added: [] },
    ],
    [
      'a new strong suggestion joins a pending flag',
      'PERSONAL',
      [],
      [NAME, POSITION],
      { status: 'PENDING', signals: ['USES_DISTRICT_NAME'] },
      {
        status: 'PENDING',
        signals: ['LISTS_STAFF_POSITION', 'USES_DISTRICT_NAME'],
        added: ['LISTS_STAFF_POSITION'],
      },
    ],
    [
      'the owner declaring the account affiliated settles a pending flag',
      'SCHOOL_AFFILIATED',
      ['USES_DISTRICT_NAME'],
      [NAME],
      { status: 'PENDING', signals: ['USES_DISTRICT_NAME'] },
      { status: null, signals: [], added: [] },
    ],
    [
      'a confirmed account is not flagged again for what was confirmed',
      'PERSONAL',
      [],
      [NAME],
      { status: 'CONFIRMED_PERSONAL', signals: ['USES_DISTRICT_NAME'] },
      { status: 'CONFIRMED_PERSONAL', signals: ['USES_DISTRICT_NAME'], added: [] },
    ],
    [
      'a confirmed account is flagged again for a new strong suggestion',
      'PERSONAL',
      [],
      [NAME, POSITION],
      { status: 'CONFIRMED_PERSONAL', signals: ['USES_DISTRICT_NAME'] },
      {
        status: 'PENDING',
        signals: ['LISTS_STAFF_POSITION', 'USES_DISTRICT_NAME'],
        added: ['LISTS_STAFF_POSITION'],
      },
    ],
    [
      'a confirmed account stays confirmed when its text suggests less',
      'PERSONAL',
      [],
      [],
      { status: 'CONFIRMED_PERSONAL', signals: ['USES_DISTRICT_NAME'] },
      { status: 'CONFIRMED_PERSONAL', signals: ['USES_DISTRICT_NAME'], added: [] },
    ],
    [
      'an applied review stays as history while the account is affiliated',
      'SCHOOL_AFFILIATED',
      ['USES_DISTRICT_NAME'],
      [NAME],
      { status: 'APPLIED', signals: ['USES_DISTRICT_NAME'] },
      { status: 'APPLIED', signals: ['USES_DISTRICT_NAME'], added: [] },
    ],
    [
      'an applied account made personal again by its owner is flagged again',
      'PERSONAL',
      [],
      [NAME],
      { status: 'APPLIED', signals: ['USES_DISTRICT_NAME'] },
      { status: 'PENDING', signals: ['USES_DISTRICT_NAME'], added: ['USES_DISTRICT_NAME'] },
    ],
  ])('%s', (_behaviour, classification, signals, suggestions, previous, expected) => {
    expect(affiliationReviewAfterSave({ classification, signals, suggestions, previous })).toEqual(
      expected,
    );
  });
});

describe('mayReviewAffiliation: the supervisor, or the district admin (IX, XXIX)', () => {
  type Row = [string, string, Role[], string, string | null, true | Refusal['code']];
  it.each<Row>([
    ["the owner's supervisor", 'principal', ['STAFF', 'SUPERVISOR'], 'teacher', 'principal', true],
    ['a district admin', 'admin', ['STAFF', 'DISTRICT_ADMIN'], 'teacher', 'principal', true],
    ['a district admin, when the owner has no supervisor', 'admin', ['DISTRICT_ADMIN'], 'teacher', null, true],
    [
      "another school's supervisor",
      'principal2',
      ['STAFF', 'SUPERVISOR'],
      'teacher',
      'principal',
      'NOT_APPROVER',
    ],
    ['the owner, even a district admin', 'admin', ['DISTRICT_ADMIN'], 'admin', null, 'SELF_DECISION'],
    ['a colleague', 'teacher2', ['STAFF'], 'teacher', 'principal', 'NOT_APPROVER'],
  ])('%s', (_behaviour, reviewerId, reviewerRoles, ownerId, ownerSupervisorId, expected) => {
    const decision = mayReviewAffiliation({ reviewerId, reviewerRoles, ownerId, ownerSupervisorId });
    if (expected === true) expect(decision).toEqual({ ok: true });
    else expect(decision).toMatchObject({ ok: false, code: expected, sections: ['VIII', 'IX', 'XIX', 'XXIX'] });
  });
});

describe('resolveAffiliationReview', () => {
  type Row = [
    behaviour: string,
    status: AffiliationReviewStatus | null,
    action: AffiliationReviewAction,
    signals: AffiliationSignal[] | null,
    note: string | null,
    expected: AffiliationReviewState | Refusal['code'],
  ];
  it.each<Row>([
    [
      'applying signals makes the review APPLIED',
      'PENDING',
      'APPLY_SIGNALS',
      ['USES_DISTRICT_NAME', 'PURPORTS_OFFICIAL'],
      null,
      { status: 'APPLIED', signals: ['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME'] },
    ],
    ['applying nothing is refused', 'PENDING', 'APPLY_SIGNALS', [], null, 'REASON_REQUIRED'],
    [
      'confirming personal records what was on the screen',
      'PENDING',
      'CONFIRM_PERSONAL',
      null,
      'Ralston is her surname.',
      { status: 'CONFIRMED_PERSONAL', signals: ['LISTS_STAFF_POSITION', 'USES_DISTRICT_NAME'] },
    ],
    ['confirming personal needs a note', 'PENDING', 'CONFIRM_PERSONAL', null, '  ', 'NOTE_REQUIRED'],
    [
      'a resolved review cannot be resolved again',
      'CONFIRMED_PERSONAL',
      'CONFIRM_PERSONAL',
      null,
      'again',
      'ILLEGAL_TRANSITION',
    ],
    ['an account never flagged has nothing to resolve', null, 'APPLY_SIGNALS', ['USES_DISTRICT_NAME'], null, 'ILLEGAL_TRANSITION'],
  ])('%s', (_behaviour, status, action, signals, note, expected) => {
    const result = resolveAffiliationReview({
      status,
      flagged: ['USES_DISTRICT_NAME'],
      onScreen: ['LISTS_STAFF_POSITION'],
      action,
      signals,
      note,
    });
    if (typeof expected === 'string') expect(result).toMatchObject({ ok: false, code: expected });
    else expect(result).toEqual({ ok: true, ...expected });
  });

  it('throws a TypeError for an unknown signal', () => {
    expect(() =>
      resolveAffiliationReview({
        status: 'PENDING',
        flagged: [],
        action: 'APPLY_SIGNALS',
        signals: ['NOT_A_SIGNAL' as AffiliationSignal],
      }),
    ).toThrow(TypeError);
  });
});

describe('other school-affiliated content (XXIX)', () => {
  type Fields = Parameters<typeof checkContentFields>[0];
  type Accepted = { platform: Platform; handle: string; url: string | null };

  it.each<[behaviour: string, input: Fields, expected: Accepted]>([
    [
      'a web page is identified by its address; its handle is the address without the scheme',
      { kind: 'WEB_PAGE', platform: null, handle: null, url: 'https://North.Example.org/band/' },
      { platform: 'WEB', handle: 'north.example.org/band', url: 'https://North.Example.org/band/' },
    ],
    [
      'a web page keeps a short handle given for it',
      { kind: 'WEB_PAGE', platform: 'WEB', handle: 'north-band-site', url: 'https://north.example.org/band' },
      { platform: 'WEB', handle: 'north-band-site', url: 'https://north.example.org/band' },
    ],
    [
      'other content (a podcast) may be on plain http, on platform OTHER by default',
      { kind: 'OTHER_CONTENT', platform: null, handle: null, url: 'http://podcasts.example.com/north' },
      { platform: 'OTHER', handle: 'podcasts.example.com/north', url: 'http://podcasts.example.com/north' },
    ],
    [
      'a microblog lives on a platform, by its handle',
      { kind: 'MICROBLOG', platform: 'BLUESKY', handle: 'northband', url: null },
      { platform: 'BLUESKY', handle: 'northband', url: null },
    ],
    [
      'a handle held before anything is posted is registered like an account',
      { kind: 'HANDLE', platform: 'INSTAGRAM', handle: 'north_robotics', url: null },
      { platform: 'INSTAGRAM', handle: 'north_robotics', url: null },
    ],
    [
      'an account on a platform Steward does not list is OTHER',
      { kind: 'SOCIAL_ACCOUNT', platform: 'OTHER', handle: 'band@mastodon.social', url: null },
      { platform: 'OTHER', handle: 'band@mastodon.social', url: null },
    ],
  ])('XXIX: %s', (_behaviour, input, expected) => {
    expect(checkContentFields(input)).toEqual({ ok: true, ...expected });
  });

  it.each<[behaviour: string, input: Fields, field: string, message: RegExp]>([
    ['a web page needs its address', { kind: 'WEB_PAGE', platform: null, handle: 'x', url: null }, 'url', /give its url/],
    ['a web page is https', { kind: 'WEB_PAGE', platform: null, handle: null, url: 'http://north.example.org' }, 'url', /^A web page is registered by its https:\/\/ address\.$/],
    ['other content needs its address', { kind: 'OTHER_CONTENT', platform: null, handle: null, url: null }, 'url', /^Other digital content is registered by its address/],
    ['a web page is not on a social platform', { kind: 'WEB_PAGE', platform: 'X', handle: null, url: 'https://a.example' }, 'platform', /WEB/],
    ['other content on a social platform is an account', { kind: 'OTHER_CONTENT', platform: 'TIKTOK', handle: null, url: 'https://a.example' }, 'platform', /account, page, microblog or handle/],
    ['a long address needs a short handle', { kind: 'WEB_PAGE', platform: null, handle: null, url: `https://a.example/${'p'.repeat(120)}` }, 'handle', /short handle/],
    ['an account needs its platform', { kind: 'SOCIAL_ACCOUNT', platform: null, handle: 'x', url: null }, 'platform', /Choose the platform/],
    ['WEB is not a social platform', { kind: 'MICROBLOG', platform: 'WEB', handle: 'x', url: null }, 'platform', /web page/],
    ['a social media page needs its handle', { kind: 'SOCIAL_MEDIA_PAGE', platform: 'FACEBOOK', handle: null, url: null }, 'handle', /handle/],
  ])('XXIX: refuses when %s', (_behaviour, input, field, message) => {
    const result = checkContentFields(input);
    expect(result).toMatchObject({ ok: false, field, sections: ['XXIX'] });
    expect(result.ok ? '' : result.message).toMatch(message);
  });

  it('labels every kind, and knows what identifies it', () => {
    for (const kind of AFFILIATED_CONTENT_KINDS) {
      expect(AFFILIATED_CONTENT_KIND_INFO[kind].label).toBeTruthy();
      expect(isAffiliatedContentKind(kind)).toBe(true);
    }
    expect(isAffiliatedContentKind('NEWSLETTER')).toBe(false);
  });
});

describe('account administrators are active staff only (XXIX)', () => {
  it.each<[behaviour: string, candidate: AdministratorCandidate, allowed: boolean, message?: RegExp]>([
    ['an active staff member', { kind: 'STAFF', label: 'Ana Ortiz', active: true, roles: ['STAFF'] }, true],
    ['an active supervisor', { kind: 'STAFF', label: 'Grace Abernathy', active: true, roles: ['STAFF', 'SUPERVISOR'] }, true],
    ['a staff member who left the district', { kind: 'STAFF', label: 'Ray Cole', active: false, roles: ['STAFF'] }, false, /Ray Cole is no longer an active member of staff/],
    ['an outside auditor (no STAFF role)', { kind: 'STAFF', label: 'Helen Kowalczyk', active: true, roles: ['AUDITOR'] }, false, /Helen Kowalczyk is not a member of the district's staff/],
    ['a user with no role at all', { kind: 'STAFF', label: 'Nobody', active: true, roles: [] }, false, /not a member of the district's staff/],
    ["a student's address", { kind: 'NOT_STAFF', label: 'kid@students.example.org' }, false, /students, volunteers/],
    ['a volunteer or outside address', { kind: 'NOT_STAFF', label: 'parent@gmail.com' }, false, /parent@gmail\.com is not an active member/],
  ])('XXIX: %s -> %s', (_behaviour, candidate, allowed, message) => {
    const decision = mayAdministerAccount(candidate);
    expect(decision.ok).toBe(allowed);
    if (!decision.ok) {
      expect(decision).toMatchObject({ code: 'POLICY_VIOLATION', sections: ['XXIX'] });
      expect(decision.message).toMatch(message ?? /./);
    }
  });

  it.each<[Classification, boolean]>([
    ['SCHOOL_AFFILIATED', true],
    ['PERSONAL', false],
  ])('VIII, IX, XXIX: a %s account may have administrators: %s', (classification, allowed) => {
    const decision = mayHaveAdministrators(classification);
    expect(decision.ok).toBe(allowed);
    if (!decision.ok) expect(decision.sections).toEqual(['VIII', 'IX', 'XXIX']);
  });
});
