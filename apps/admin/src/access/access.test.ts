import { describe, expect, it } from 'vitest';
import { canAccessResource, mayActOn, menuItems, toRoles } from './access';

const labels = (roles: Parameters<typeof menuItems>[0]) => menuItems(roles).map((m) => m.resource);

describe('menuItems', () => {
  it('gives every human role the three resources it may read', () => {
    expect(labels(['STAFF'])).toEqual(['approvalRequests', 'socialAccounts', 'staff']);
    expect(labels(['STAFF', 'SUPERVISOR'])).toEqual([
      'approvalRequests',
      'socialAccounts',
      'staff',
    ]);
    expect(labels(['AUDITOR'])).toEqual(['approvalRequests', 'socialAccounts', 'staff']);
  });

  it('shows the SIS machine role only the staff list (no accounts, no approvals)', () => {
    expect(labels(['SIS'])).toEqual(['staff']);
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
    expect(canAccessResource(['DISTRICT_ADMIN'], 'students', 'list')).toBe(false);
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
