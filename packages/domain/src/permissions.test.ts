import { describe, expect, it } from 'vitest';
import {
  grantedScope,
  isAllowed,
  mayAttempt,
  OPERATIONS,
  type Operation,
  ROLES,
  type Role,
  type Scope,
  type ScopeActor,
  type ScopeSubject,
  scopeCovers,
} from './permissions.js';

/**
 * Who may attempt each operation at all, written out by hand from the policy (not derived from
 * PERMISSION_MATRIX, so that a change to the matrix has to be made here too, on purpose).
 */
const EXPECTED: Record<Operation, Role[]> = {
  // Everyone reads their own record; supervisors their staff; overseers and the SIS everyone.
  'staff.read': [
    'STAFF',
    'SUPERVISOR',
    'SUPERINTENDENT',
    'EXTERNAL_RELATIONS',
    'DISTRICT_ADMIN',
    'AUDITOR',
    'SIS',
  ],
  // District IT manages people and roles; the SIS pushes staff.
  'staff.manage': ['DISTRICT_ADMIN'],
  'staff.sync': ['DISTRICT_ADMIN', 'SIS'],
  'organization.read': [
    'STAFF',
    'SUPERVISOR',
    'SUPERINTENDENT',
    'EXTERNAL_RELATIONS',
    'DISTRICT_ADMIN',
    'AUDITOR',
    'SIS',
  ],
  'organization.manage': ['DISTRICT_ADMIN'],
  // The SIS (or district IT) pushes the district and its schools.
  'organization.sync': ['DISTRICT_ADMIN', 'SIS'],
  'sisKey.manage': ['DISTRICT_ADMIN'],

  // Social accounts: people, never the SIS (it has no business with staff's accounts).
  'socialAccount.read': [
    'STAFF',
    'SUPERVISOR',
    'SUPERINTENDENT',
    'EXTERNAL_RELATIONS',
    'DISTRICT_ADMIN',
    'AUDITOR',
  ],
  'socialAccount.register': [
    'STAFF',
    'SUPERVISOR',
    'SUPERINTENDENT',
    'EXTERNAL_RELATIONS',
    'DISTRICT_ADMIN',
  ],
  'socialAccount.update': [
    'STAFF',
    'SUPERVISOR',
    'SUPERINTENDENT',
    'EXTERNAL_RELATIONS',
    'DISTRICT_ADMIN',
  ],
  // A classification preview writes nothing, so the read-only auditor may run one too.
  'socialAccount.classify': [
    'STAFF',
    'SUPERVISOR',
    'SUPERINTENDENT',
    'EXTERNAL_RELATIONS',
    'DISTRICT_ADMIN',
    'AUDITOR',
  ],
  // A flagged account's classification is reviewed by the owner's supervising administrator,
  // or the district admin (IX, XXIX).
  'socialAccount.review': ['SUPERVISOR', 'DISTRICT_ADMIN'],

  // Approvals (XIX, XXII, XXIX): anyone may ask; only a supervising administrator (or the
  // district admin as fallback) decides or revokes.
  'approval.read': [
    'STAFF',
    'SUPERVISOR',
    'SUPERINTENDENT',
    'EXTERNAL_RELATIONS',
    'DISTRICT_ADMIN',
    'AUDITOR',
  ],
  'approval.submit': [
    'STAFF',
    'SUPERVISOR',
    'SUPERINTENDENT',
    'EXTERNAL_RELATIONS',
    'DISTRICT_ADMIN',
  ],
  'approval.decide': ['SUPERVISOR', 'DISTRICT_ADMIN'],
  'approval.withdraw': [
    'STAFF',
    'SUPERVISOR',
    'SUPERINTENDENT',
    'EXTERNAL_RELATIONS',
    'DISTRICT_ADMIN',
  ],
  'approval.revoke': ['SUPERVISOR', 'DISTRICT_ADMIN'],

  // Credentials (III, XI, XXIX): metadata is not a secret; the secret goes to the supervising
  // administrator or the district admin only; the auditor holds no secrets.
  'credential.readMetadata': [
    'STAFF',
    'SUPERVISOR',
    'SUPERINTENDENT',
    'EXTERNAL_RELATIONS',
    'DISTRICT_ADMIN',
    'AUDITOR',
  ],
  'credential.escrow': [
    'STAFF',
    'SUPERVISOR',
    'SUPERINTENDENT',
    'EXTERNAL_RELATIONS',
    'DISTRICT_ADMIN',
  ],
  'credential.reveal': ['SUPERVISOR', 'DISTRICT_ADMIN'],

  // Students and media releases (IV, XIV): the SIS is their source; staff check posts.
  'student.read': [
    'STAFF',
    'SUPERVISOR',
    'SUPERINTENDENT',
    'EXTERNAL_RELATIONS',
    'DISTRICT_ADMIN',
    'AUDITOR',
    'SIS',
  ],
  'student.sync': ['DISTRICT_ADMIN', 'SIS'],
  // Guardians' contact details: district IT and the SIS only, never staff (VI, XIV).
  'guardian.read': ['DISTRICT_ADMIN', 'SIS'],
  // The release history: supervisors and overseers; staff see only whether a release is current.
  'mediaRelease.read': [
    'SUPERVISOR',
    'SUPERINTENDENT',
    'EXTERNAL_RELATIONS',
    'DISTRICT_ADMIN',
    'AUDITOR',
    'SIS',
  ],
  'mediaRelease.sync': ['DISTRICT_ADMIN', 'SIS'],
  'publication.check': [
    'STAFF',
    'SUPERVISOR',
    'SUPERINTENDENT',
    'EXTERNAL_RELATIONS',
    'DISTRICT_ADMIN',
  ],

  // Moderation (XXX-XXXV): account administrators record removals; the superintendent and the
  // Director of External Relations receive them; only that Director answers questions.
  'moderation.read': [
    'STAFF',
    'SUPERVISOR',
    'SUPERINTENDENT',
    'EXTERNAL_RELATIONS',
    'DISTRICT_ADMIN',
    'AUDITOR',
  ],
  'moderation.record': [
    'STAFF',
    'SUPERVISOR',
    'SUPERINTENDENT',
    'EXTERNAL_RELATIONS',
    'DISTRICT_ADMIN',
  ],
  'moderation.answer': ['EXTERNAL_RELATIONS'],
  'moderation.hold': ['DISTRICT_ADMIN'],

  // The mail outbox: district IT and auditors.
  'notification.read': ['DISTRICT_ADMIN', 'AUDITOR'],
  'notification.retry': ['DISTRICT_ADMIN'],

  // The policy coverage map: every person, no machine.
  'policy.read': ['STAFF', 'SUPERVISOR', 'SUPERINTENDENT', 'EXTERNAL_RELATIONS', 'DISTRICT_ADMIN', 'AUDITOR'],

  // Acknowledgements: each person acknowledges; everyone reads (own, staff, district); district IT opens rounds.
  'acknowledgement.read': ['STAFF', 'SUPERVISOR', 'SUPERINTENDENT', 'EXTERNAL_RELATIONS', 'DISTRICT_ADMIN', 'AUDITOR'],
  'acknowledgement.submit': ['STAFF', 'SUPERVISOR', 'SUPERINTENDENT', 'EXTERNAL_RELATIONS', 'DISTRICT_ADMIN'],
  'acknowledgement.manage': ['DISTRICT_ADMIN'],

  // VI: people ask about their own connections; supervisors, district IT and auditors read attestations.
  'connection.guidance': ['STAFF', 'SUPERVISOR', 'SUPERINTENDENT', 'EXTERNAL_RELATIONS', 'DISTRICT_ADMIN'],
  'connection.attest': ['STAFF', 'SUPERVISOR', 'SUPERINTENDENT', 'EXTERNAL_RELATIONS', 'DISTRICT_ADMIN'],
  'connection.read': ['STAFF', 'SUPERVISOR', 'DISTRICT_ADMIN', 'AUDITOR'],

  // XII: supervisors (district IT) require interactions; account administrators confirm them.
  'interaction.read': ['STAFF', 'SUPERVISOR', 'SUPERINTENDENT', 'EXTERNAL_RELATIONS', 'DISTRICT_ADMIN', 'AUDITOR'],
  'interaction.require': ['SUPERVISOR', 'DISTRICT_ADMIN'],
  'interaction.confirm': ['STAFF', 'SUPERVISOR', 'SUPERINTENDENT', 'EXTERNAL_RELATIONS', 'DISTRICT_ADMIN'],

  // XVIII: staff ask, their supervising administrator (district IT as fallback) answers.
  'contentQuestion.read': ['STAFF', 'SUPERVISOR', 'SUPERINTENDENT', 'EXTERNAL_RELATIONS', 'DISTRICT_ADMIN', 'AUDITOR'],
  'contentQuestion.ask': ['STAFF', 'SUPERVISOR', 'SUPERINTENDENT', 'EXTERNAL_RELATIONS', 'DISTRICT_ADMIN'],
  'contentQuestion.answer': ['SUPERVISOR', 'DISTRICT_ADMIN'],

  // The audit trail: auditors and district IT.
  'audit.read': ['DISTRICT_ADMIN', 'AUDITOR'],
  'audit.verify': ['DISTRICT_ADMIN', 'AUDITOR'],
};

describe('permission matrix: every role against every operation', () => {
  it('lists every operation in the expected table', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...OPERATIONS].sort());
  });

  const GRID = OPERATIONS.flatMap((operation) =>
    ROLES.map((role) => [role, operation, EXPECTED[operation].includes(role)] as const),
  );

  it('covers the full cross product', () => {
    expect(GRID).toHaveLength(ROLES.length * OPERATIONS.length);
  });

  it.each(GRID)('%s may attempt %s: %s', (role, operation, allowed) => {
    expect(mayAttempt([role], operation)).toBe(allowed);
  });

  it('denies a caller with no roles everything', () => {
    for (const operation of OPERATIONS) expect(mayAttempt([], operation)).toBe(false);
  });

  it('takes the widest scope among several roles', () => {
    expect(grantedScope(['STAFF'], 'socialAccount.read')).toBe('OWN');
    expect(grantedScope(['STAFF', 'SUPERVISOR'], 'socialAccount.read')).toBe('OWN_STAFF');
    expect(grantedScope(['STAFF', 'SUPERVISOR', 'AUDITOR'], 'socialAccount.read')).toBe('DISTRICT');
    expect(grantedScope(['AUDITOR'], 'credential.reveal')).toBeNull();
  });
});

const TEACHER: ScopeActor = { staffId: 'teacher', schoolId: 'high' };
const PRINCIPAL: ScopeActor = { staffId: 'principal', schoolId: 'high' };
const MACHINE: ScopeActor = { staffId: null, schoolId: null };

/** Records, by whose they are. */
const teachersOwn: ScopeSubject = {
  ownerId: 'teacher',
  ownerSupervisorId: 'principal',
  schoolId: 'high',
};
const colleagues: ScopeSubject = {
  ownerId: 'teacher2',
  ownerSupervisorId: 'principal',
  schoolId: 'high',
};
const otherSchools: ScopeSubject = {
  ownerId: 'teacher3',
  ownerSupervisorId: 'principal2',
  schoolId: 'middle',
};
const ownerless: ScopeSubject = { ownerId: null, ownerSupervisorId: null, schoolId: null };

describe('scopeCovers', () => {
  it.each<[string, Scope, ScopeActor, ScopeSubject, boolean]>([
    ['OWN covers my own record', 'OWN', TEACHER, teachersOwn, true],
    ["OWN does not cover a colleague's", 'OWN', TEACHER, colleagues, false],
    ["OWN_STAFF covers a supervisor's own staff", 'OWN_STAFF', PRINCIPAL, colleagues, true],
    [
      "OWN_STAFF covers the supervisor's own record",
      'OWN_STAFF',
      PRINCIPAL,
      {
        ownerId: 'principal',
        ownerSupervisorId: 'superintendent',
        schoolId: 'high',
      },
      true,
    ],
    [
      "OWN_STAFF does not cover another principal's staff",
      'OWN_STAFF',
      PRINCIPAL,
      otherSchools,
      false,
    ],
    [
      "OWN_STAFF does not cover a colleague's, for a teacher",
      'OWN_STAFF',
      TEACHER,
      colleagues,
      false,
    ],
    ['SCHOOL covers a record of my school', 'SCHOOL', TEACHER, colleagues, true],
    ["SCHOOL does not cover another school's", 'SCHOOL', TEACHER, otherSchools, false],
    ['DISTRICT covers every record', 'DISTRICT', TEACHER, otherSchools, true],
    ['DISTRICT covers an ownerless record', 'DISTRICT', MACHINE, ownerless, true],
    [
      'a machine (no staff id) owns nothing, even ownerless records',
      'OWN',
      MACHINE,
      ownerless,
      false,
    ],
    ['a machine supervises no one', 'OWN_STAFF', MACHINE, ownerless, false],
    ['a machine has no school', 'SCHOOL', MACHINE, ownerless, false],
    [
      'a person without a school matches no null school',
      'SCHOOL',
      { staffId: 'x', schoolId: null },
      ownerless,
      false,
    ],
  ])('%s', (_behaviour, scope, actor, subject, covered) => {
    expect(scopeCovers(scope, actor, subject)).toBe(covered);
  });
});

describe('isAllowed: role and scope together', () => {
  it.each<[string, Role[], Operation, ScopeActor, ScopeSubject, boolean]>([
    ['a teacher reads their own staff record', ['STAFF'], 'staff.read', TEACHER, teachersOwn, true],
    [
      "a teacher may not read another school's teacher",
      ['STAFF'],
      'staff.read',
      TEACHER,
      otherSchools,
      false,
    ],
    [
      "a teacher may not read a colleague's staff record",
      ['STAFF'],
      'staff.read',
      TEACHER,
      colleagues,
      false,
    ],
    [
      'a supervisor reads their own staff',
      ['STAFF', 'SUPERVISOR'],
      'staff.read',
      PRINCIPAL,
      colleagues,
      true,
    ],
    [
      "a supervisor may not read another principal's staff",
      ['STAFF', 'SUPERVISOR'],
      'staff.read',
      PRINCIPAL,
      otherSchools,
      false,
    ],
    [
      'a supervisor decides for their own staff',
      ['SUPERVISOR'],
      'approval.decide',
      PRINCIPAL,
      colleagues,
      true,
    ],
    [
      "a supervisor may not decide for another principal's staff",
      ['SUPERVISOR'],
      'approval.decide',
      PRINCIPAL,
      otherSchools,
      false,
    ],
    [
      "a supervisor reveals their own staff member's credential",
      ['SUPERVISOR'],
      'credential.reveal',
      PRINCIPAL,
      colleagues,
      true,
    ],
    [
      "a supervisor may not reveal another school's credential",
      ['SUPERVISOR'],
      'credential.reveal',
      PRINCIPAL,
      otherSchools,
      false,
    ],
    [
      'a district admin reveals any credential',
      ['DISTRICT_ADMIN'],
      'credential.reveal',
      TEACHER,
      otherSchools,
      true,
    ],
    [
      'the auditor may not reveal a credential',
      ['AUDITOR'],
      'credential.reveal',
      MACHINE,
      otherSchools,
      false,
    ],
    ['the auditor reads the audit trail', ['AUDITOR'], 'audit.read', MACHINE, ownerless, true],
    ['the SIS may not read the audit trail', ['SIS'], 'audit.read', MACHINE, ownerless, false],
    [
      'the SIS may not read social accounts',
      ['SIS'],
      'socialAccount.read',
      MACHINE,
      otherSchools,
      false,
    ],
    ['the SIS syncs students', ['SIS'], 'student.sync', MACHINE, ownerless, true],
    [
      'a teacher reads students of their own school',
      ['STAFF'],
      'student.read',
      TEACHER,
      colleagues,
      true,
    ],
    [
      "a teacher may not read another school's students",
      ['STAFF'],
      'student.read',
      TEACHER,
      otherSchools,
      false,
    ],
    [
      "a supervisor reviews their own staff's account classification",
      ['SUPERVISOR'],
      'socialAccount.review',
      PRINCIPAL,
      colleagues,
      true,
    ],
    [
      "a supervisor may not review another school's account",
      ['SUPERVISOR'],
      'socialAccount.review',
      PRINCIPAL,
      otherSchools,
      false,
    ],
    [
      'a district admin reviews any account',
      ['DISTRICT_ADMIN'],
      'socialAccount.review',
      TEACHER,
      otherSchools,
      true,
    ],
    [
      'a teacher may not review accounts',
      ['STAFF'],
      'socialAccount.review',
      TEACHER,
      teachersOwn,
      false,
    ],
    [
      'only External Relations answers removal questions',
      ['SUPERINTENDENT'],
      'moderation.answer',
      TEACHER,
      teachersOwn,
      false,
    ],
  ])('%s', (_behaviour, roles, operation, actor, subject, allowed) => {
    expect(isAllowed(roles, operation, actor, subject)).toBe(allowed);
  });
});
