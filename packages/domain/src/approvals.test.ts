import { describe, expect, it } from 'vitest';
import {
  APPROVAL_ACTIONS,
  APPROVAL_KIND_INFO,
  APPROVAL_KINDS,
  APPROVAL_STATES,
  type ApprovalAction,
  type ApprovalKind,
  type ApprovalState,
  allowedActions,
  isTerminal,
  mayDecideApproval,
  requiredApprovalKinds,
  canActAsSupervisor,
  resolveApprover,
  transitionApproval,
} from './approvals.js';
import type { AffiliationSignal, Classification } from './classification.js';
import type { Role } from './permissions.js';

/** The legal moves, written out by hand; every other (state, action) pair is illegal. */
const LEGAL: Partial<Record<`${ApprovalState} ${ApprovalAction}`, ApprovalState>> = {
  'PENDING APPROVE': 'APPROVED',
  'PENDING DENY': 'DENIED',
  'PENDING WITHDRAW': 'WITHDRAWN',
  'PENDING EXPIRE': 'EXPIRED',
  'APPROVED REVOKE': 'REVOKED',
  'APPROVED EXPIRE': 'EXPIRED',
};

const GRID = APPROVAL_STATES.flatMap((state) =>
  APPROVAL_ACTIONS.map((action) => [state, action, LEGAL[`${state} ${action}`] ?? null] as const),
);

describe('approval state machine (XIX, XXII, XXIX)', () => {
  it('covers the whole 6 x 5 grid', () => {
    expect(GRID).toHaveLength(30);
  });

  it.each(GRID)('%s + %s -> %s', (state, action, next) => {
    const result = transitionApproval(state, action, 'Checked with the principal.');
    if (next) {
      expect(result).toEqual({ ok: true, state: next });
    } else {
      expect(result).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
      if (!result.ok) {
        expect(result.message).toMatch(new RegExp(`^An approval request that is ${state} cannot`));
        expect(result.sections).toEqual(['XIX', 'XXII', 'XXIX']);
      }
    }
  });

  it('says what cannot happen, in words', () => {
    const result = transitionApproval('DENIED', 'APPROVE');
    expect(!result.ok && result.message).toBe(
      'An approval request that is DENIED cannot be approved.',
    );
  });

  it.each<[ApprovalState, ApprovalAction, string | null | undefined]>([
    ['PENDING', 'DENY', undefined],
    ['PENDING', 'DENY', null],
    ['PENDING', 'DENY', ''],
    ['PENDING', 'DENY', '   \n\t'],
    ['APPROVED', 'REVOKE', undefined],
    ['APPROVED', 'REVOKE', '  '],
  ])('%s + %s with note %j needs a note', (state, action, note) => {
    expect(transitionApproval(state, action, note)).toMatchObject({
      ok: false,
      code: 'NOTE_REQUIRED',
    });
  });

  it.each<[ApprovalState, ApprovalAction, ApprovalState]>([
    ['PENDING', 'APPROVE', 'APPROVED'],
    ['PENDING', 'WITHDRAW', 'WITHDRAWN'],
    ['PENDING', 'EXPIRE', 'EXPIRED'],
    ['APPROVED', 'EXPIRE', 'EXPIRED'],
  ])('%s + %s needs no note', (state, action, next) => {
    expect(transitionApproval(state, action)).toEqual({ ok: true, state: next });
  });

  it('reports an illegal move before a missing note', () => {
    expect(transitionApproval('DENIED', 'DENY')).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
  });

  it.each<[ApprovalState, ApprovalAction[], boolean]>([
    ['PENDING', ['APPROVE', 'DENY', 'WITHDRAW', 'EXPIRE'], false],
    ['APPROVED', ['REVOKE', 'EXPIRE'], false],
    ['DENIED', [], true],
    ['WITHDRAWN', [], true],
    ['REVOKED', [], true],
    ['EXPIRED', [], true],
  ])('%s allows %j (terminal: %s)', (state, actions, terminal) => {
    expect(allowedActions(state)).toEqual(actions);
    expect(isTerminal(state)).toBe(terminal);
  });
});

describe('resolveApprover (XIX, XXII, XXIX)', () => {
  type Row = [
    behaviour: string,
    requesterId: string,
    requesterSupervisorId: string | null,
    districtAdminIds: string[],
    approverId: string | null,
    fallback: boolean,
  ];
  it.each<Row>([
    ['the supervising administrator', 'teacher', 'principal', ['admin'], 'principal', false],
    ['the supervisor even with no admins', 'teacher', 'principal', [], 'principal', false],
    ['an admin when there is no supervisor', 'teacher', null, ['admin', 'admin2'], 'admin', true],
    ['an admin when the requester supervises themself', 'boss', 'boss', ['admin'], 'admin', true],
    ['another admin when the requester is an admin', 'admin', null, ['admin', 'x'], 'x', true],
    ['no one when the only admin is the requester', 'admin', null, ['admin'], null, true],
    ['no one when there is no supervisor and no admin', 'teacher', null, [], null, true],
  ])('picks %s', (_name, requesterId, requesterSupervisorId, districtAdminIds, ...expected) => {
    const [approverId, fallback] = expected;
    expect(resolveApprover({ requesterId, requesterSupervisorId, districtAdminIds })).toEqual({
      approverId,
      fallback,
    });
  });
});

describe('canActAsSupervisor: a recorded supervisor who could never decide is passed over (XIX, XXII, XXIX)', () => {
  it.each<[string, { active: boolean; roles: Role[] } | null, boolean]>([
    ['an active supervising administrator', { active: true, roles: ['STAFF', 'SUPERVISOR'] }, true],
    ['an active district administrator', { active: true, roles: ['STAFF', 'DISTRICT_ADMIN'] }, true],
    ['a colleague without the SUPERVISOR role', { active: true, roles: ['STAFF'] }, false],
    ['an auditor', { active: true, roles: ['AUDITOR'] }, false],
    ['a supervisor who has left', { active: false, roles: ['STAFF', 'SUPERVISOR'] }, false],
    ['no one recorded', null, false],
  ])('%s -> %s', (_name, supervisor, expected) => {
    expect(canActAsSupervisor(supervisor)).toBe(expected);
  });
});

describe("mayDecideApproval: never one's own request (XIX, XXII, XXIX)", () => {
  type Row = [
    behaviour: string,
    decider: [id: string, roles: Role[]],
    requester: [id: string, supervisorId: string | null],
    expected: true | 'SELF_DECISION' | 'NOT_APPROVER',
  ];
  const SUPERVISOR: Role[] = ['STAFF', 'SUPERVISOR'];
  it.each<Row>([
    ["the requester's supervisor", ['principal', SUPERVISOR], ['teacher', 'principal'], true],
    ['a district admin, for anyone else', ['admin', ['DISTRICT_ADMIN']], ['teacher', 'p'], true],
    ['a district admin, with no supervisor', ['admin', ['DISTRICT_ADMIN']], ['t', null], true],
    [
      'a district admin deciding their own request',
      ['admin', ['STAFF', 'DISTRICT_ADMIN']],
      ['admin', null],
      'SELF_DECISION',
    ],
    [
      'a supervisor deciding their own request',
      ['principal', SUPERVISOR],
      ['principal', 'principal'],
      'SELF_DECISION',
    ],
    [
      'a staff member deciding their own request',
      ['teacher', ['STAFF']],
      ['teacher', 'principal'],
      'SELF_DECISION',
    ],
    [
      "another school's supervisor",
      ['principal2', SUPERVISOR],
      ['teacher', 'principal'],
      'NOT_APPROVER',
    ],
    [
      'a supervisor, when the requester has none',
      ['principal', SUPERVISOR],
      ['teacher', null],
      'NOT_APPROVER',
    ],
    [
      'the supervisor id without the SUPERVISOR role',
      ['principal', ['STAFF']],
      ['teacher', 'principal'],
      'NOT_APPROVER',
    ],
    ['a colleague', ['teacher2', ['STAFF']], ['teacher', 'principal'], 'NOT_APPROVER'],
    ['the superintendent', ['s', ['SUPERINTENDENT']], ['teacher', 'principal'], 'NOT_APPROVER'],
    [
      'the Director of External Relations',
      ['der', ['EXTERNAL_RELATIONS']],
      ['teacher', 'principal'],
      'NOT_APPROVER',
    ],
    ['an auditor', ['auditor', ['AUDITOR']], ['teacher', 'principal'], 'NOT_APPROVER'],
    ['the SIS', ['sis', ['SIS']], ['teacher', 'principal'], 'NOT_APPROVER'],
  ])('%s', (_name, [deciderId, deciderRoles], [requesterId, requesterSupervisorId], expected) => {
    const result = mayDecideApproval({
      deciderId,
      deciderRoles,
      requesterId,
      requesterSupervisorId,
    });
    if (expected === true) {
      expect(result).toEqual({ ok: true });
    } else {
      expect(result).toMatchObject({ ok: false, code: expected });
      expect(!result.ok && result.sections).toEqual(['XIX', 'XXII', 'XXIX']);
    }
  });
});

describe('requiredApprovalKinds (XIX, XXIX)', () => {
  it.each<[Classification, AffiliationSignal[], ApprovalKind[]]>([
    ['PERSONAL', [], []],
    ['SCHOOL_AFFILIATED', ['PURPORTS_OFFICIAL'], ['AFFILIATED_ACCOUNT']],
    ['SCHOOL_AFFILIATED', ['LISTS_STAFF_POSITION'], ['AFFILIATED_ACCOUNT']],
    ['SCHOOL_AFFILIATED', ['USES_DISTRICT_NAME'], ['AFFILIATED_ACCOUNT', 'DISTRICT_BRANDING']],
    ['SCHOOL_AFFILIATED', ['USES_MASCOT_OR_IMAGE'], ['AFFILIATED_ACCOUNT', 'DISTRICT_BRANDING']],
    [
      'SCHOOL_AFFILIATED',
      ['PURPORTS_OFFICIAL', 'USES_DISTRICT_NAME', 'USES_MASCOT_OR_IMAGE'],
      ['AFFILIATED_ACCOUNT', 'DISTRICT_BRANDING'],
    ],
    // XIX covers personal accounts too.
    ['PERSONAL', ['USES_MASCOT_OR_IMAGE'], ['DISTRICT_BRANDING']],
  ])('%s with %j needs %j', (classification, signals, kinds) => {
    expect(requiredApprovalKinds(classification, signals)).toEqual(kinds);
  });

  it.each<[ApprovalKind, string]>([
    ['AFFILIATED_ACCOUNT', 'XXIX'],
    ['DISTRICT_BRANDING', 'XIX'],
    ['INSTRUCTIONAL_USE', 'XXII'],
  ])('%s cites §%s', (kind, section) => {
    expect(APPROVAL_KIND_INFO[kind].sections).toContain(section);
    expect(APPROVAL_KIND_INFO[kind].label).not.toBe('');
  });

  it('describes every kind', () => {
    expect(Object.keys(APPROVAL_KIND_INFO).sort()).toEqual([...APPROVAL_KINDS].sort());
  });
});
