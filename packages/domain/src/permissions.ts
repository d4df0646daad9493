/**
 * Roles and the permission matrix: which role may perform which operation, and over which scope.
 *
 * Role alone is never enough (SECURITY.md): the API first asks `mayAttempt` (does any of the
 * caller's roles grant the operation at all?) and then, with the record in hand, `isInScope`
 * (is this record inside the widest scope the caller's roles grant?).
 */

export const ROLES = [
  'STAFF',
  'SUPERVISOR',
  'SUPERINTENDENT',
  'EXTERNAL_RELATIONS',
  'DISTRICT_ADMIN',
  'AUDITOR',
  'SIS',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  STAFF: 'Staff member',
  SUPERVISOR: 'Supervising administrator',
  SUPERINTENDENT: 'Superintendent',
  EXTERNAL_RELATIONS: 'Director of External Relations',
  DISTRICT_ADMIN: 'District administrator',
  AUDITOR: 'Auditor (read-only)',
  SIS: 'Student Information System (machine)',
};

/**
 * Scopes, narrowest first.
 * - OWN: records the caller owns (or the caller's own person record).
 * - OWN_STAFF: OWN, plus records of people whose supervising administrator is the caller.
 * - SCHOOL: OWN_STAFF, plus records of the caller's school.
 * - DISTRICT: every record.
 */
export const SCOPES = ['OWN', 'OWN_STAFF', 'SCHOOL', 'DISTRICT'] as const;
export type Scope = (typeof SCOPES)[number];

/** Every operation the API offers, grouped by feature. */
export const OPERATIONS = [
  // people and organization
  'staff.read',
  'staff.manage',
  'staff.sync',
  'organization.read',
  'organization.manage',
  'organization.sync',
  'sisKey.manage',
  // social accounts (VIII, IX, XIX, XXIX)
  'socialAccount.read',
  'socialAccount.register',
  'socialAccount.update',
  'socialAccount.classify',
  'socialAccount.review',
  // approvals (XIX, XXII, XXIX)
  'approval.read',
  'approval.submit',
  'approval.decide',
  'approval.withdraw',
  'approval.revoke',
  // credential escrow (III, XI, XXIX)
  'credential.readMetadata',
  'credential.escrow',
  'credential.reveal',
  // students and media releases (IV, XIV)
  'student.read',
  'student.sync',
  'guardian.read',
  'mediaRelease.read',
  'mediaRelease.sync',
  'publication.check',
  // moderation (XXX-XXXV)
  'moderation.read',
  'moderation.record',
  'moderation.answer',
  'moderation.hold',
  // the mail outbox (notices of XXX; approval and acknowledgement mails later)
  'notification.read',
  'notification.retry',
  // the policy coverage map (every section I..XXXV and how Steward handles it)
  'policy.read',
  // acknowledgements of policy revisions (XIII, XVII, XVIII, XX, XXIV, XXVI, XXVII)
  'acknowledgement.read',
  'acknowledgement.submit',
  'acknowledgement.manage',
  // connections with students and guardians (VI)
  'connection.guidance',
  'connection.attest',
  'connection.read',
  // required interactions of affiliated accounts (XII)
  'interaction.read',
  'interaction.require',
  'interaction.confirm',
  // questions about planned content (XVIII)
  'contentQuestion.read',
  'contentQuestion.ask',
  'contentQuestion.answer',
  // audit trail
  'audit.read',
  'audit.verify',
] as const;
export type Operation = (typeof OPERATIONS)[number];

type Grants = Partial<Record<Role, Scope>>;

const HUMAN_OWN: Grants = {
  STAFF: 'OWN',
  SUPERVISOR: 'OWN',
  SUPERINTENDENT: 'OWN',
  EXTERNAL_RELATIONS: 'OWN',
  DISTRICT_ADMIN: 'OWN',
};

/** District-wide overseers who read everything but hold no secrets (AUDITOR is read-only). */
const OVERSEERS_READ: Grants = {
  SUPERINTENDENT: 'DISTRICT',
  EXTERNAL_RELATIONS: 'DISTRICT',
  DISTRICT_ADMIN: 'DISTRICT',
  AUDITOR: 'DISTRICT',
};

/**
 * The matrix. A role missing from an operation's row is denied. Where a person holds several
 * roles, the widest scope among them applies.
 */
export const PERMISSION_MATRIX: Record<Operation, Grants> = {
  'staff.read': { STAFF: 'OWN', SUPERVISOR: 'OWN_STAFF', ...OVERSEERS_READ, SIS: 'DISTRICT' },
  'staff.manage': { DISTRICT_ADMIN: 'DISTRICT' },
  'staff.sync': { SIS: 'DISTRICT', DISTRICT_ADMIN: 'DISTRICT' },
  'organization.read': {
    STAFF: 'DISTRICT',
    SUPERVISOR: 'DISTRICT',
    ...OVERSEERS_READ,
    SIS: 'DISTRICT',
  },
  'organization.manage': { DISTRICT_ADMIN: 'DISTRICT' },
  'organization.sync': { SIS: 'DISTRICT', DISTRICT_ADMIN: 'DISTRICT' },
  'sisKey.manage': { DISTRICT_ADMIN: 'DISTRICT' },

  'socialAccount.read': { STAFF: 'OWN', SUPERVISOR: 'OWN_STAFF', ...OVERSEERS_READ },
  'socialAccount.register': { ...HUMAN_OWN, DISTRICT_ADMIN: 'DISTRICT' },
  'socialAccount.update': { ...HUMAN_OWN, DISTRICT_ADMIN: 'DISTRICT' },
  // A preview saves nothing, so anyone signed in who may read accounts may preview one.
  'socialAccount.classify': {
    STAFF: 'OWN',
    SUPERVISOR: 'OWN',
    ...OVERSEERS_READ,
  },
  // Resolving a flagged account's classification is for the owner's supervising administrator,
  // the district admin as fallback (IX, XXIX); "not your own account" is in accounts.ts.
  'socialAccount.review': { SUPERVISOR: 'OWN_STAFF', DISTRICT_ADMIN: 'DISTRICT' },

  'approval.read': { STAFF: 'OWN', SUPERVISOR: 'OWN_STAFF', ...OVERSEERS_READ },
  'approval.submit': HUMAN_OWN,
  // Deciding is for the requester's supervising administrator, the district admin as fallback
  // (XIX, XXII, XXIX); the "not your own request" rule is in approvals.ts.
  'approval.decide': { SUPERVISOR: 'OWN_STAFF', DISTRICT_ADMIN: 'DISTRICT' },
  'approval.withdraw': HUMAN_OWN,
  'approval.revoke': { SUPERVISOR: 'OWN_STAFF', DISTRICT_ADMIN: 'DISTRICT' },

  'credential.readMetadata': { STAFF: 'OWN', SUPERVISOR: 'OWN_STAFF', ...OVERSEERS_READ },
  'credential.escrow': { ...HUMAN_OWN, SUPERVISOR: 'OWN_STAFF', DISTRICT_ADMIN: 'DISTRICT' },
  // XI: only the owner's supervising administrator, and the district admin, see the secret.
  'credential.reveal': { SUPERVISOR: 'OWN_STAFF', DISTRICT_ADMIN: 'DISTRICT' },

  'student.read': {
    STAFF: 'SCHOOL',
    SUPERVISOR: 'SCHOOL',
    ...OVERSEERS_READ,
    SIS: 'DISTRICT',
  },
  'student.sync': { SIS: 'DISTRICT', DISTRICT_ADMIN: 'DISTRICT' },
  // Guardians' contact details stay with district IT and the SIS (VI, XIV).
  'guardian.read': { SIS: 'DISTRICT', DISTRICT_ADMIN: 'DISTRICT' },
  // Staff see whether a student's release is current (student.read), not the history.
  'mediaRelease.read': {
    SUPERVISOR: 'SCHOOL',
    ...OVERSEERS_READ,
    SIS: 'DISTRICT',
  },
  'mediaRelease.sync': { SIS: 'DISTRICT', DISTRICT_ADMIN: 'DISTRICT' },
  'publication.check': {
    ...HUMAN_OWN,
    SUPERVISOR: 'OWN_STAFF',
    SUPERINTENDENT: 'DISTRICT',
    EXTERNAL_RELATIONS: 'DISTRICT',
    DISTRICT_ADMIN: 'DISTRICT',
  },

  'moderation.read': { STAFF: 'OWN', SUPERVISOR: 'OWN_STAFF', ...OVERSEERS_READ },
  'moderation.record': {
    ...HUMAN_OWN,
    SUPERVISOR: 'OWN_STAFF',
    EXTERNAL_RELATIONS: 'DISTRICT',
    DISTRICT_ADMIN: 'DISTRICT',
  },
  // XXX: questions about a removal go to the Director of External Relations.
  'moderation.answer': { EXTERNAL_RELATIONS: 'DISTRICT' },
  // A legal hold stops the retention purge of a case's evidence; district IT places and lifts it.
  'moderation.hold': { DISTRICT_ADMIN: 'DISTRICT' },

  // The outbox holds copies of removed content and notices: district IT runs it, auditors check it.
  'notification.read': { DISTRICT_ADMIN: 'DISTRICT', AUDITOR: 'DISTRICT' },
  // Sending a failed message again (after the mail server is fixed) is district IT's.
  'notification.retry': { DISTRICT_ADMIN: 'DISTRICT' },

  // The policy and how Steward handles it are for every person signed in; nothing in it is
  // anyone's record. Machines (the SIS) have no use for it.
  'policy.read': {
    STAFF: 'DISTRICT',
    SUPERVISOR: 'DISTRICT',
    SUPERINTENDENT: 'DISTRICT',
    EXTERNAL_RELATIONS: 'DISTRICT',
    DISTRICT_ADMIN: 'DISTRICT',
    AUDITOR: 'DISTRICT',
  },

  // Acknowledgement rounds: every person acknowledges for themselves; supervisors follow their
  // staff's completion; overseers the district's; only district IT opens a round.
  'acknowledgement.read': { STAFF: 'OWN', SUPERVISOR: 'OWN_STAFF', ...OVERSEERS_READ },
  'acknowledgement.submit': HUMAN_OWN,
  'acknowledgement.manage': { DISTRICT_ADMIN: 'DISTRICT' },

  // VI: a person asks about their own connections and records their own attestations, which
  // their supervising administrator can read (the roster shown is only name, school, graduation).
  'connection.guidance': HUMAN_OWN,
  'connection.attest': HUMAN_OWN,
  'connection.read': { STAFF: 'OWN', SUPERVISOR: 'OWN_STAFF', DISTRICT_ADMIN: 'DISTRICT', AUDITOR: 'DISTRICT' },

  // XII: the supervising administrator sets an affiliated account's required interactions; its
  // owner and administrators confirm them.
  'interaction.read': { STAFF: 'OWN', SUPERVISOR: 'OWN_STAFF', ...OVERSEERS_READ },
  'interaction.require': { SUPERVISOR: 'OWN_STAFF', DISTRICT_ADMIN: 'DISTRICT' },
  'interaction.confirm': HUMAN_OWN,

  // XVIII: staff ask their supervising administrator about planned content, who answers.
  'contentQuestion.read': { STAFF: 'OWN', SUPERVISOR: 'OWN_STAFF', ...OVERSEERS_READ },
  'contentQuestion.ask': HUMAN_OWN,
  'contentQuestion.answer': { SUPERVISOR: 'OWN_STAFF', DISTRICT_ADMIN: 'DISTRICT' },

  'audit.read': { AUDITOR: 'DISTRICT', DISTRICT_ADMIN: 'DISTRICT' },
  'audit.verify': { AUDITOR: 'DISTRICT', DISTRICT_ADMIN: 'DISTRICT' },
};

const SCOPE_RANK: Record<Scope, number> = { OWN: 0, OWN_STAFF: 1, SCHOOL: 2, DISTRICT: 3 };

/** The widest scope any of `roles` grants for `operation`, or null when every role is denied. */
export function grantedScope(roles: readonly Role[], operation: Operation): Scope | null {
  const row = PERMISSION_MATRIX[operation];
  let best: Scope | null = null;
  for (const role of roles) {
    const scope = row[role];
    if (scope && (best === null || SCOPE_RANK[scope] > SCOPE_RANK[best])) best = scope;
  }
  return best;
}

/** Whether the caller may attempt the operation at all (before looking at any record). */
export function mayAttempt(roles: readonly Role[], operation: Operation): boolean {
  return grantedScope(roles, operation) !== null;
}

/** Who is asking, as far as scope is concerned. */
export interface ScopeActor {
  /** The caller's own Staff id (machines have none). */
  staffId: string | null;
  /** The caller's school, if any. */
  schoolId: string | null;
}

/** What a record says about whose it is. */
export interface ScopeSubject {
  /** The staff member the record belongs to (the person themself, or the owner/requester). */
  ownerId: string | null;
  /** That person's supervising administrator. */
  ownerSupervisorId: string | null;
  /** The school the record belongs to. */
  schoolId: string | null;
}

/** Whether `subject` lies inside `scope` for `actor`. Wider scopes include narrower ones. */
export function scopeCovers(scope: Scope, actor: ScopeActor, subject: ScopeSubject): boolean {
  const own = actor.staffId !== null && subject.ownerId === actor.staffId;
  const ownStaff = actor.staffId !== null && subject.ownerSupervisorId === actor.staffId;
  const school = actor.schoolId !== null && subject.schoolId === actor.schoolId;
  switch (scope) {
    case 'OWN':
      return own;
    case 'OWN_STAFF':
      return own || ownStaff;
    case 'SCHOOL':
      return own || ownStaff || school;
    case 'DISTRICT':
      return true;
  }
}

/** Role check and scope check together, for one record. */
export function isAllowed(
  roles: readonly Role[],
  operation: Operation,
  actor: ScopeActor,
  subject: ScopeSubject,
): boolean {
  const scope = grantedScope(roles, operation);
  return scope !== null && scopeCovers(scope, actor, subject);
}
