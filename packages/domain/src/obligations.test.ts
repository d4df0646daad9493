import { describe, expect, it } from 'vitest';
import type { AccountState } from './accounts.js';
import type { Classification } from './classification.js';
import {
  type ContentMessageKind,
  contentQuestionStatusAfter,
  type InteractionState,
  interactionStands,
  interactionState,
  mayConfirmInteraction,
  mayPostContentMessage,
  mayRequireInteraction,
  mayRetireInteraction,
  OBLIGATION_RULES,
  routeContentQuestion,
  supervisorCanAnswer,
  type AskerSupervisor,
  type InteractionStanding,
} from './obligations.js';
import type { Role } from './permissions.js';

const OWNER = 'teacher';
const PRINCIPAL = 'principal';
const OTHER_PRINCIPAL = 'other-principal';
const ADMIN = 'district-admin';

/** When the requirements of these tests were set, and a moment after. */
const SET_AT = new Date('2026-09-01T08:00:00Z');
const LATER = new Date('2026-10-01T08:00:00Z');
/** A requirement on an affiliated, active account never reclassified. */
const STANDING: InteractionStanding = {
  classification: 'SCHOOL_AFFILIATED',
  accountState: 'ACTIVE',
  requiredAt: SET_AT,
  reclassifiedAt: null,
};

const account = {
  ownerId: OWNER,
  ownerSupervisorId: PRINCIPAL,
  classification: 'SCHOOL_AFFILIATED' as Classification,
  accountState: 'ACTIVE' as AccountState,
};

describe('mayRequireInteraction: who sets an affiliated account\'s required interactions (XII)', () => {
  it.each<[string, string, Role[], Classification, AccountState, string | null, string[]]>([
    ['the owner\'s principal, active account', PRINCIPAL, ['STAFF', 'SUPERVISOR'], 'SCHOOL_AFFILIATED', 'ACTIVE', null, []],
    ['the owner\'s principal, account pending approval', PRINCIPAL, ['STAFF', 'SUPERVISOR'], 'SCHOOL_AFFILIATED', 'PENDING_APPROVAL', null, []],
    ['the owner\'s principal, suspended account', PRINCIPAL, ['STAFF', 'SUPERVISOR'], 'SCHOOL_AFFILIATED', 'SUSPENDED', null, []],
    ['a district admin', ADMIN, ['STAFF', 'DISTRICT_ADMIN'], 'SCHOOL_AFFILIATED', 'ACTIVE', null, []],
    ['another school\'s principal', OTHER_PRINCIPAL, ['STAFF', 'SUPERVISOR'], 'SCHOOL_AFFILIATED', 'ACTIVE', 'NOT_APPROVER', ['XII']],
    ['a colleague without the role', 'colleague', ['STAFF'], 'SCHOOL_AFFILIATED', 'ACTIVE', 'NOT_APPROVER', ['XII']],
    ['the owner themselves, even as a supervisor', OWNER, ['STAFF', 'SUPERVISOR'], 'SCHOOL_AFFILIATED', 'ACTIVE', 'SELF_DECISION', ['XII']],
    ['the owner themselves, even as district admin', OWNER, ['STAFF', 'DISTRICT_ADMIN'], 'SCHOOL_AFFILIATED', 'ACTIVE', 'SELF_DECISION', ['XII']],
    ['anyone, on a personal account', PRINCIPAL, ['STAFF', 'SUPERVISOR'], 'PERSONAL', 'ACTIVE', 'POLICY_VIOLATION', ['VIII', 'IX', 'XII']],
    ['a district admin, on a personal account', ADMIN, ['DISTRICT_ADMIN'], 'PERSONAL', 'ACTIVE', 'POLICY_VIOLATION', ['VIII', 'IX', 'XII']],
    ['anyone, on a retired account', PRINCIPAL, ['STAFF', 'SUPERVISOR'], 'SCHOOL_AFFILIATED', 'RETIRED', 'ILLEGAL_TRANSITION', ['XII']],
  ])('%s', (_name, actorId, actorRoles, classification, accountState, code, sections) => {
    const result = mayRequireInteraction({ ...account, actorId, actorRoles, classification, accountState });
    if (code === null) expect(result).toEqual({ ok: true });
    else expect(result).toMatchObject({ ok: false, code, sections });
  });

  it('says in words why a personal account takes no instructions', () => {
    const result = mayRequireInteraction({ ...account, actorId: PRINCIPAL, actorRoles: ['SUPERVISOR'], classification: 'PERSONAL' });
    expect(!result.ok && result.message).toMatch(/only on school-affiliated accounts.*personal/);
  });
});

describe('mayRetireInteraction: the same people, while it stands (XII)', () => {
  it.each<[string, string, Role[], boolean, string | null]>([
    ['the owner\'s principal', PRINCIPAL, ['SUPERVISOR'], false, null],
    ['a district admin', ADMIN, ['DISTRICT_ADMIN'], false, null],
    ['another principal', OTHER_PRINCIPAL, ['SUPERVISOR'], false, 'NOT_APPROVER'],
    ['the owner', OWNER, ['STAFF'], false, 'SELF_DECISION'],
    ['the principal, already retired', PRINCIPAL, ['SUPERVISOR'], true, 'ILLEGAL_TRANSITION'],
  ])('%s', (_name, actorId, actorRoles, retired, code) => {
    const result = mayRetireInteraction({ ...account, actorId, actorRoles, retired });
    if (code === null) expect(result).toEqual({ ok: true });
    else expect(result).toMatchObject({ ok: false, code, sections: ['XII'] });
  });

  it('lets a retired account\'s requirements be retired', () => {
    expect(
      mayRetireInteraction({ ...account, accountState: 'RETIRED', actorId: PRINCIPAL, actorRoles: ['SUPERVISOR'], retired: false }),
    ).toEqual({ ok: true });
  });
});

describe('mayConfirmInteraction: the people who run the account, each once (XII)', () => {
  it.each<[string, string, boolean, string[], string | null]>([
    ['the owner', OWNER, false, [], null],
    ['an administrator', 'co-admin', false, [OWNER], null],
    ['the owner, a second time', OWNER, false, [OWNER], 'ILLEGAL_TRANSITION'],
    ['the owner, once retired', OWNER, true, [], 'ILLEGAL_TRANSITION'],
    ['the owner\'s principal (they require, they do not confirm)', PRINCIPAL, false, [], 'FORBIDDEN'],
    ['a teacher of another school', 'stranger', false, [], 'FORBIDDEN'],
  ])('%s', (_name, actorId, retired, confirmedByIds, code) => {
    const result = mayConfirmInteraction({ ...STANDING, actorId, ownerId: OWNER, administratorIds: ['co-admin'], retired, confirmedByIds });
    if (code === null) expect(result).toEqual({ ok: true });
    else expect(result).toMatchObject({ ok: false, code, sections: ['XII'] });
  });

  // A requirement whose account no longer takes instructions is not confirmed by anyone.
  it.each<[string, Partial<InteractionStanding>, string | null, string[]]>([
    ['affiliated, active', {}, null, []],
    ['affiliated, pending approval', { accountState: 'PENDING_APPROVAL' }, null, []],
    ['affiliated again, reclassified before it was set', { reclassifiedAt: new Date('2026-08-01T00:00:00Z') }, null, []],
    ['reclassified as personal', { classification: 'PERSONAL', reclassifiedAt: LATER }, 'ILLEGAL_TRANSITION', ['VIII', 'IX', 'XII']],
    ['personal (never reclassified: bad data)', { classification: 'PERSONAL' }, 'ILLEGAL_TRANSITION', ['VIII', 'IX', 'XII']],
    ['personal, then affiliated again after it was set', { reclassifiedAt: LATER }, 'ILLEGAL_TRANSITION', ['VIII', 'IX', 'XII']],
    ['the account is retired', { accountState: 'RETIRED' }, 'ILLEGAL_TRANSITION', ['XII']],
  ])('the owner, %s', (_name, account, code, sections) => {
    const result = mayConfirmInteraction({
      ...STANDING,
      ...account,
      actorId: OWNER,
      ownerId: OWNER,
      administratorIds: [],
      retired: false,
      confirmedByIds: [],
    });
    if (code === null) expect(result).toEqual({ ok: true });
    else expect(result).toMatchObject({ ok: false, code, sections });
    expect(interactionStands({ ...STANDING, ...account }).ok).toBe(code === null);
  });
});

describe('interactionState: confirmed when everyone who runs the account has (XII)', () => {
  it.each<[string, boolean, string[], string[], InteractionState, string[]]>([
    ['nobody confirmed, owner alone', false, [], [], 'AWAITING_CONFIRMATION', [OWNER]],
    ['the owner confirmed, no administrators', false, [], [OWNER], 'CONFIRMED', []],
    ['the owner confirmed, an administrator not yet', false, ['co-admin'], [OWNER], 'AWAITING_CONFIRMATION', ['co-admin']],
    ['both confirmed', false, ['co-admin'], ['co-admin', OWNER], 'CONFIRMED', []],
    ['a former administrator confirmed, the owner not', false, [], ['former'], 'AWAITING_CONFIRMATION', [OWNER]],
    ['the owner is also listed as administrator', false, [OWNER], [OWNER], 'CONFIRMED', []],
    ['retired, whatever was confirmed', true, ['co-admin'], [], 'RETIRED', []],
  ])('%s', (_name, retired, administratorIds, confirmedByIds, state, awaitingIds) => {
    expect(interactionState({ ...STANDING, retired, ownerId: OWNER, administratorIds, confirmedByIds })).toEqual({ state, awaitingIds });
  });

  it.each<[string, Partial<InteractionStanding>, boolean, InteractionState]>([
    ['reclassified as personal, nobody confirmed', { classification: 'PERSONAL', reclassifiedAt: LATER }, false, 'LAPSED'],
    ['affiliated again after it was set', { reclassifiedAt: LATER }, false, 'LAPSED'],
    ['the account is retired', { accountState: 'RETIRED' }, false, 'LAPSED'],
    ['retired, then the account became personal: still RETIRED', { classification: 'PERSONAL', reclassifiedAt: LATER }, true, 'RETIRED'],
  ])('%s', (_name, account, retired, state) => {
    expect(
      interactionState({ ...STANDING, ...account, retired, ownerId: OWNER, administratorIds: ['co-admin'], confirmedByIds: [] }),
    ).toEqual({ state, awaitingIds: [] });
  });
});

describe('routeContentQuestion: to the asker\'s supervising administrator, if they can answer (XVIII)', () => {
  const sup = (id: string, active: boolean, roles: Role[]): AskerSupervisor => ({ id, active, roles });
  it.each<[string, AskerSupervisor | null, string[], string | null, boolean]>([
    ['the supervisor', sup(PRINCIPAL, true, ['STAFF', 'SUPERVISOR']), [ADMIN], PRINCIPAL, false],
    ['a supervisor who is a district admin (no SUPERVISOR role)', sup(ADMIN, true, ['STAFF', 'DISTRICT_ADMIN']), [ADMIN], ADMIN, false],
    ['no supervisor: a district admin', null, [ADMIN], ADMIN, true],
    // Recorded supervisors who could never answer: the question would wait forever.
    ['a supervisor without the role to answer: a district admin', sup('colleague', true, ['STAFF']), [ADMIN], ADMIN, true],
    ['an inactive supervisor: a district admin', sup(PRINCIPAL, false, ['STAFF', 'SUPERVISOR']), [ADMIN], ADMIN, true],
    ['a supervisor who is only an auditor: a district admin', sup('auditor', true, ['AUDITOR']), [ADMIN], ADMIN, true],
    ['their own supervisor (bad data): a district admin', sup(OWNER, true, ['STAFF', 'SUPERVISOR']), [ADMIN], ADMIN, true],
    ['no supervisor, the asker is the only admin: nobody', null, [OWNER], null, true],
    ['an unfit supervisor, no admin: nobody', sup('colleague', true, ['STAFF']), [], null, true],
  ])('%s', (_name, askerSupervisor, districtAdminIds, recipientId, fallback) => {
    expect(routeContentQuestion({ askerId: OWNER, askerSupervisor, districtAdminIds })).toEqual({ recipientId, fallback });
  });
});

describe('supervisorCanAnswer: an active person whose role answers questions (XVIII)', () => {
  it.each<[string, boolean, Role[], boolean]>([
    ['an active principal', true, ['STAFF', 'SUPERVISOR'], true],
    ['an active district admin', true, ['STAFF', 'DISTRICT_ADMIN'], true],
    ['a principal who has left', false, ['STAFF', 'SUPERVISOR'], false],
    ['a colleague recorded as supervisor', true, ['STAFF'], false],
    ['the Director of External Relations', true, ['STAFF', 'EXTERNAL_RELATIONS'], false],
  ])('%s', (_name, active, roles, expected) => {
    expect(supervisorCanAnswer({ id: PRINCIPAL, active, roles })).toBe(expected);
  });
  it('nobody recorded', () => expect(supervisorCanAnswer(null)).toBe(false));
});

describe('mayPostContentMessage: the asker asks further, the recipient answers (XVIII)', () => {
  it.each<[string, string, Role[], 'ASKER' | 'ANSWERER', string | null, ContentMessageKind | string]>([
    ['the asker asks further', OWNER, ['STAFF'], 'ASKER', PRINCIPAL, 'FOLLOW_UP'],
    ['the principal it went to answers', PRINCIPAL, ['STAFF', 'SUPERVISOR'], 'ANSWERER', PRINCIPAL, 'ANSWER'],
    ['a district admin answers (fallback)', ADMIN, ['DISTRICT_ADMIN'], 'ANSWERER', PRINCIPAL, 'ANSWER'],
    ['another principal may not answer', OTHER_PRINCIPAL, ['SUPERVISOR'], 'ANSWERER', PRINCIPAL, 'NOT_APPROVER'],
    ['the asker may not answer, even as admin', OWNER, ['DISTRICT_ADMIN'], 'ANSWERER', null, 'SELF_DECISION'],
    ['someone else may not ask further', PRINCIPAL, ['SUPERVISOR'], 'ASKER', PRINCIPAL, 'FORBIDDEN'],
  ])('%s', (_name, actorId, actorRoles, as, recipientId, expected) => {
    const result = mayPostContentMessage({ actorId, actorRoles, askerId: OWNER, recipientId, as });
    if (expected === 'ANSWER' || expected === 'FOLLOW_UP') expect(result).toEqual({ ok: true, kind: expected });
    else expect(result).toMatchObject({ ok: false, code: expected, sections: ['XVIII'] });
  });
});

describe('contentQuestionStatusAfter: answered until the asker asks further (XVIII)', () => {
  it.each<[ContentMessageKind, string]>([
    ['QUESTION', 'OPEN'],
    ['ANSWER', 'ANSWERED'],
    ['FOLLOW_UP', 'OPEN'],
  ])('%s -> %s', (kind, status) => {
    expect(contentQuestionStatusAfter(kind)).toBe(status);
  });
});

describe('OBLIGATION_RULES', () => {
  it('declares one workflow for XII and one for XVIII', () => {
    expect(OBLIGATION_RULES.map((r) => [r.id, r.sections, r.kind])).toEqual([
      ['obligations.requiredInteractions', ['XII'], 'WORKFLOW'],
      ['obligations.contentQuestions', ['XVIII'], 'WORKFLOW'],
    ]);
  });
});
