import { describe, expect, it } from 'vitest';
import { canAccessResource, canOpenPage, mayActOn, menuItems, toRoles } from './access';

const labels = (roles: Parameters<typeof menuItems>[0]) => menuItems(roles).map((m) => m.resource);

describe('menuItems', () => {
  it('shows the Policy page to every person and the auditor, never to the SIS', () => {
    for (const roles of [['STAFF'], ['STAFF', 'SUPERVISOR'], ['STAFF', 'EXTERNAL_RELATIONS'], ['STAFF', 'DISTRICT_ADMIN'], ['AUDITOR']] as const) {
      expect(labels([...roles]).at(-1)).toBe('policy');
      expect(canOpenPage([...roles], 'policy')).toBe(true);
    }
    expect(labels(['SIS'])).not.toContain('policy');
    expect(canOpenPage(['SIS'], 'policy')).toBe(false);
  });

  it('gives staff and supervisors the check before a post and their school\'s students', () => {
    const staff = ['approvalRequests', 'moderationCases', 'socialAccounts', 'requiredInteractions', 'contentQuestions', 'check-post', 'connections', 'staff', 'students', 'acknowledgements', 'policy'];
    expect(labels(['STAFF'])).toEqual(staff);
    expect(labels(['STAFF', 'SUPERVISOR'])).toEqual(staff);
    expect(labels(['STAFF', 'SUPERINTENDENT', 'SUPERVISOR'])).toEqual(staff);
  });

  it('gives every person the connection guidance of VI, not the auditor (who reads attestations by GraphQL) nor the SIS', () => {
    for (const roles of [['STAFF'], ['STAFF', 'SUPERVISOR'], ['STAFF', 'EXTERNAL_RELATIONS'], ['STAFF', 'DISTRICT_ADMIN']] as const) {
      expect(labels([...roles])).toContain('connections');
      expect(canOpenPage([...roles], 'connections')).toBe(true);
    }
    expect(labels(['AUDITOR'])).not.toContain('connections');
    expect(canOpenPage(['AUDITOR'], 'connections')).toBe(false);
    expect(canOpenPage(['SIS'], 'connections')).toBe(false);
  });

  it('shows sync runs to the district admin and the auditor only (audit.read)', () => {
    expect(labels(['STAFF', 'DISTRICT_ADMIN'])).toEqual([
      'approvalRequests',
      'moderationCases',
      'socialAccounts',
      'requiredInteractions',
      'contentQuestions',
      'check-post',
      'connections',
      'staff',
      'students',
      'syncRuns',
      'notifications',
      'acknowledgements',
      'policy',
    ]);
    // The auditor reads everything and checks nothing (no publication.check).
    expect(labels(['AUDITOR'])).toEqual([
      'approvalRequests',
      'moderationCases',
      'socialAccounts',
      'requiredInteractions',
      'contentQuestions',
      'staff',
      'students',
      'syncRuns',
      'notifications',
      'acknowledgements',
      'policy',
    ]);
    expect(labels(['STAFF', 'EXTERNAL_RELATIONS'])).not.toContain('syncRuns');
  });

  it('shows the moderation queue to every person who reads accounts, the outbox to district IT and the auditor (XXX)', () => {
    expect(labels(['STAFF'])).toContain('moderationCases');
    expect(labels(['STAFF', 'EXTERNAL_RELATIONS'])).toContain('moderationCases');
    expect(labels(['STAFF', 'EXTERNAL_RELATIONS'])).not.toContain('notifications');
    expect(labels(['STAFF', 'SUPERINTENDENT', 'SUPERVISOR'])).not.toContain('notifications');
    expect(labels(['AUDITOR'])).toContain('notifications');
    expect(canAccessResource(['STAFF'], 'moderationCases', 'create')).toBe(true);
    expect(canAccessResource(['AUDITOR'], 'moderationCases', 'create')).toBe(false);
    expect(canAccessResource(['AUDITOR'], 'moderationCases', 'show')).toBe(true);
    expect(canAccessResource(['STAFF'], 'notifications', 'list')).toBe(false);
    expect(canAccessResource(['DISTRICT_ADMIN'], 'notifications', 'show')).toBe(true);
    expect(canAccessResource(['DISTRICT_ADMIN'], 'moderationCases', 'edit')).toBe(false);
  });

  it('shows Acknowledgements to every person and the auditor (acknowledgement.read), never to the SIS', () => {
    for (const roles of [['STAFF'], ['STAFF', 'SUPERVISOR'], ['STAFF', 'EXTERNAL_RELATIONS'], ['STAFF', 'DISTRICT_ADMIN'], ['AUDITOR']] as const) {
      expect(labels([...roles])).toContain('acknowledgements');
      expect(canOpenPage([...roles], 'acknowledgements')).toBe(true);
    }
    expect(canOpenPage(['SIS'], 'acknowledgements')).toBe(false);
  });

  it('shows required interactions (XII) and questions about content (XVIII) to every person and the auditor, never to the SIS', () => {
    for (const roles of [['STAFF'], ['STAFF', 'SUPERVISOR'], ['STAFF', 'DISTRICT_ADMIN'], ['AUDITOR']] as const) {
      expect(labels([...roles])).toEqual(expect.arrayContaining(['requiredInteractions', 'contentQuestions']));
    }
    expect(canAccessResource(['STAFF'], 'contentQuestions', 'create')).toBe(true);
    expect(canAccessResource(['AUDITOR'], 'contentQuestions', 'create')).toBe(false);
    expect(canAccessResource(['AUDITOR'], 'contentQuestions', 'show')).toBe(true);
    expect(canAccessResource(['STAFF', 'SUPERVISOR'], 'contentQuestions', 'edit')).toBe(false);
    expect(canAccessResource(['STAFF'], 'requiredInteractions', 'create')).toBe(false);
    expect(canAccessResource(['SIS'], 'requiredInteractions', 'list')).toBe(false);
    expect(canAccessResource(['SIS'], 'contentQuestions', 'list')).toBe(false);
  });

  it('shows the SIS machine role only what it syncs and reads (no accounts, no approvals)', () => {
    expect(labels(['SIS'])).toEqual(['staff', 'students']);
  });

  it('shows nothing to someone without roles', () => {
    expect(labels([])).toEqual([]);
  });
});

describe('canAccessResource', () => {
  it('lets staff register accounts and submit requests, but not auditors', () => {
    expect(canAccessResource(['STAFF'], 'socialAccounts', 'create')).toBe(true);
    expect(canAccessResource(['STAFF'], 'approvalRequests', 'create')).toBe(true);
    expect(canAccessResource(['AUDITOR'], 'socialAccounts', 'create')).toBe(false);
    expect(canAccessResource(['AUDITOR'], 'approvalRequests', 'create')).toBe(false);
    expect(canAccessResource(['AUDITOR'], 'socialAccounts', 'show')).toBe(true);
  });

  it('never offers what the dashboard does not do (delete, staff edits, unknown resources)', () => {
    expect(canAccessResource(['DISTRICT_ADMIN'], 'socialAccounts', 'delete')).toBe(false);
    expect(canAccessResource(['DISTRICT_ADMIN'], 'staff', 'edit')).toBe(false);
    expect(canAccessResource(['DISTRICT_ADMIN'], 'approvalRequests', 'edit')).toBe(false);
    expect(canAccessResource(['DISTRICT_ADMIN'], 'students', 'edit')).toBe(false);
    expect(canAccessResource(['DISTRICT_ADMIN'], 'syncRuns', 'show')).toBe(false);
    expect(canAccessResource(['DISTRICT_ADMIN'], 'guardians', 'list')).toBe(false);
  });

  it('opens students to every role with student.read, sync runs to audit.read', () => {
    expect(canAccessResource(['STAFF'], 'students', 'list')).toBe(true);
    expect(canAccessResource(['STAFF'], 'students', 'show')).toBe(true);
    expect(canAccessResource(['AUDITOR'], 'students', 'show')).toBe(true);
    expect(canAccessResource(['STAFF'], 'students', 'create')).toBe(false);
    expect(canAccessResource(['DISTRICT_ADMIN'], 'syncRuns', 'list')).toBe(true);
    expect(canAccessResource(['AUDITOR'], 'syncRuns', 'list')).toBe(true);
    expect(canAccessResource(['STAFF', 'SUPERVISOR'], 'syncRuns', 'list')).toBe(false);
    expect(canAccessResource(['STAFF', 'SUPERINTENDENT'], 'syncRuns', 'list')).toBe(false);
  });
});

describe('canOpenPage', () => {
  it('opens "Check a post" to the people who may check (publication.check), not the auditor', () => {
    expect(canOpenPage(['STAFF'], 'check-post')).toBe(true);
    expect(canOpenPage(['STAFF', 'SUPERVISOR'], 'check-post')).toBe(true);
    expect(canOpenPage(['STAFF', 'DISTRICT_ADMIN'], 'check-post')).toBe(true);
    expect(canOpenPage(['AUDITOR'], 'check-post')).toBe(false);
    expect(canOpenPage(['SIS'], 'check-post')).toBe(false);
    expect(canOpenPage([], 'check-post')).toBe(false);
  });
});

describe('mayActOn', () => {
  const teachersAccount = { ownerId: 'teacher', ownerSupervisorId: 'principal', schoolId: 'north' };

  it("offers the reveal to the owner's supervising administrator only (XI)", () => {
    expect(
      mayActOn(['STAFF', 'SUPERVISOR'], 'principal', 'credential.reveal', teachersAccount),
    ).toBe(true);
    expect(
      mayActOn(['STAFF', 'SUPERVISOR'], 'other-principal', 'credential.reveal', teachersAccount),
    ).toBe(false);
    expect(mayActOn(['STAFF'], 'teacher', 'credential.reveal', teachersAccount)).toBe(false);
    expect(
      mayActOn(['STAFF', 'DISTRICT_ADMIN'], 'admin', 'credential.reveal', teachersAccount),
    ).toBe(true);
  });

  it('lets owners escrow their own account, not someone else’s', () => {
    expect(mayActOn(['STAFF'], 'teacher', 'credential.escrow', teachersAccount)).toBe(true);
    expect(mayActOn(['STAFF'], 'colleague', 'credential.escrow', teachersAccount)).toBe(false);
    expect(mayActOn(['AUDITOR'], 'auditor', 'credential.escrow', teachersAccount)).toBe(false);
  });
});

describe('toRoles', () => {
  it('keeps only known roles from whatever getPermissions returned', () => {
    expect(toRoles(['STAFF', 'ROOT', 3, 'AUDITOR'])).toEqual(['STAFF', 'AUDITOR']);
    expect(toRoles(undefined)).toEqual([]);
  });
});
