import { isAllowed, mayAttempt, ROLES, type Operation, type Role } from '@steward/domain';

/**
 * What the dashboard shows to whom, from the domain's permission matrix (the same one the API
 * enforces). This only hides what a role can never do; the API still decides every request,
 * including scope (own records, own staff, district).
 */
export type ResourceName =
  | 'staff'
  | 'socialAccounts'
  | 'approvalRequests'
  | 'students'
  | 'syncRuns'
  | 'moderationCases'
  | 'notifications'
  | 'requiredInteractions'
  | 'contentQuestions';

/** react-admin action -> the operation it needs, per resource. Missing means "never here". */
const RESOURCE_OPERATIONS: Record<ResourceName, Partial<Record<string, Operation>>> = {
  staff: { list: 'staff.read', show: 'staff.read' },
  socialAccounts: {
    list: 'socialAccount.read',
    show: 'socialAccount.read',
    create: 'socialAccount.register',
    edit: 'socialAccount.update',
  },
  approvalRequests: {
    list: 'approval.read',
    show: 'approval.read',
    create: 'approval.submit',
  },
  // Students and their release standing (XIV); the history and guardians are fields the API
  // nulls for roles without mediaRelease.read / guardian.read.
  students: { list: 'student.read', show: 'student.read' },
  // SIS sync runs: the district admin and the auditor (the API's syncRuns needs audit.read).
  syncRuns: { list: 'audit.read' },
  // Moderation cases (XXX-XXXV): read by who may see the account's cases; recording a removal
  // (opening a case) by who may record on some account; the API decides scope per account.
  moderationCases: {
    list: 'moderation.read',
    show: 'moderation.read',
    create: 'moderation.record',
  },
  // The mail outbox holds copies of removed content: district admin and auditor only.
  notifications: { list: 'notification.read', show: 'notification.read' },
  // XII: required interactions of the accounts one may see; set and confirmed on the account page.
  requiredInteractions: { list: 'interaction.read' },
  // XVIII: questions about planned content, asked by staff, answered by their supervisor.
  contentQuestions: { list: 'contentQuestion.read', show: 'contentQuestion.read', create: 'contentQuestion.ask' },
};

/** Pages that are not resources (react-admin CustomRoutes), by path, and what each needs. */
const PAGE_OPERATIONS = {
  'check-post': 'publication.check',
  // Acknowledgements of policy revisions (XIII, XVII, ...): staff their own, supervisors their
  // staff's, the district its completion; opening a round needs acknowledgement.manage.
  acknowledgements: 'acknowledgement.read',
  // VI: whether to accept a student or a family as a friend or follower; asked by every person.
  connections: 'connection.guidance',
  // Every section of the policy and how Steward handles it: for every person signed in.
  policy: 'policy.read',
} as const satisfies Record<string, Operation>;

export type PageName = keyof typeof PAGE_OPERATIONS;

/** Whether a path's name is a custom page (not a resource). */
export function isPageName(name: string): name is PageName {
  return Object.hasOwn(PAGE_OPERATIONS, name);
}

/** Whether a custom page is for these roles (it is left out of the menu and says so otherwise). */
export function canOpenPage(roles: readonly Role[], page: PageName): boolean {
  return mayAttempt(roles, PAGE_OPERATIONS[page]);
}

export function operationFor(resource: string, action: string): Operation | null {
  const row = RESOURCE_OPERATIONS[resource as ResourceName];
  return row?.[action] ?? null;
}

/** react-admin's canAccess: a page or button of `resource` for `action`, by role. */
export function canAccessResource(
  roles: readonly Role[],
  resource: string,
  action: string,
): boolean {
  const operation = operationFor(resource, action);
  return operation !== null && mayAttempt(roles, operation);
}

/** Keeps the values that are roles (getPermissions output is `unknown` to react-admin). */
export function toRoles(value: unknown): Role[] {
  if (!Array.isArray(value)) return [];
  return value.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}

export interface MenuEntry {
  /** A resource, or a custom page (its path is `/${resource}` either way). */
  resource: ResourceName | PageName;
  label: string;
  operation: Operation;
}

/**
 * The menu, in the order people use it: decisions and the moderation queue first, then accounts
 * and the check before a post, then people and students, then the SIS's runs and the outbox, and
 * last the policy itself (every section and how Steward handles it).
 */
export const MENU: readonly MenuEntry[] = [
  { resource: 'approvalRequests', label: 'Approval requests', operation: 'approval.read' },
  { resource: 'moderationCases', label: 'Moderation', operation: 'moderation.read' },
  { resource: 'socialAccounts', label: 'Social accounts', operation: 'socialAccount.read' },
  { resource: 'requiredInteractions', label: 'Required interactions', operation: 'interaction.read' },
  { resource: 'contentQuestions', label: 'Questions about content', operation: 'contentQuestion.read' },
  { resource: 'check-post', label: 'Check a post', operation: PAGE_OPERATIONS['check-post'] },
  { resource: 'connections', label: 'Connections', operation: PAGE_OPERATIONS.connections },
  { resource: 'staff', label: 'Staff', operation: 'staff.read' },
  { resource: 'students', label: 'Students', operation: 'student.read' },
  { resource: 'syncRuns', label: 'Sync runs', operation: 'audit.read' },
  { resource: 'notifications', label: 'Outbox', operation: 'notification.read' },
  { resource: 'acknowledgements', label: 'Acknowledgements', operation: PAGE_OPERATIONS.acknowledgements },
  { resource: 'policy', label: 'Policy', operation: PAGE_OPERATIONS.policy },
];

export function menuItems(roles: readonly Role[]): MenuEntry[] {
  return MENU.filter((entry) => mayAttempt(roles, entry.operation));
}

/** The record facts that decide scope (whose it is, who supervises them). */
export interface Subject {
  ownerId: string | null;
  ownerSupervisorId: string | null;
  schoolId: string | null;
}

/**
 * Role and scope together, for a button on one record: e.g. a principal may reveal credentials
 * of their own staff's accounts only (XI). Used to avoid offering what the API would refuse
 * (and audit as a refused attempt). The viewer's school does not matter for the operations the
 * dashboard gates this way (none has SCHOOL scope), so it is not needed.
 */
export function mayActOn(
  roles: readonly Role[],
  viewerId: string | null | undefined,
  operation: Operation,
  subject: Subject,
): boolean {
  if (!mayAttempt(roles, operation)) return false;
  return isAllowed(roles, operation, { staffId: viewerId ?? null, schoolId: null }, subject);
}
