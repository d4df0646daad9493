import { describe, expect, it } from 'vitest';
import type { Classification } from './classification.js';
import { MIN_REVEAL_REASON, mayEscrowCredential, mayRevealCredential } from './credentials.js';
import type { Role } from './permissions.js';

describe('mayEscrowCredential (III, XI)', () => {
  it("refuses a personal account's password, citing III", () => {
    const result = mayEscrowCredential('PERSONAL');
    expect(result).toMatchObject({ ok: false, code: 'POLICY_VIOLATION', sections: ['III'] });
    expect(!result.ok && result.message).toMatch(/never holds the password of a personal account/);
  });

  it.each<Classification>(['SCHOOL_AFFILIATED'])('accepts a %s account', (classification) => {
    expect(mayEscrowCredential(classification)).toEqual({ ok: true });
  });
});

describe('mayRevealCredential (XI, XXIX)', () => {
  const owner = { ownerId: 'teacher', ownerSupervisorId: 'principal' };
  const reason = 'Teacher on leave; posting the game schedule';
  const SUPERVISOR: Role[] = ['STAFF', 'SUPERVISOR'];

  type Row = [
    behaviour: string,
    actorId: string | null,
    actorRoles: Role[],
    reason: string | null | undefined,
    expected: true | 'FORBIDDEN' | 'REASON_REQUIRED',
  ];
  it.each<Row>([
    ["the owner's supervising administrator, with a reason", 'principal', SUPERVISOR, reason, true],
    ['a district admin, with a reason', 'admin', ['DISTRICT_ADMIN'], reason, true],
    [
      'a district admin who also supervises the owner',
      'principal',
      ['SUPERVISOR', 'DISTRICT_ADMIN'],
      reason,
      true,
    ],
    ['a reason of exactly the minimum length', 'admin', ['DISTRICT_ADMIN'], '  0123456789  ', true],
    ['the supervisor with no reason', 'principal', SUPERVISOR, undefined, 'REASON_REQUIRED'],
    ['the supervisor with a null reason', 'principal', SUPERVISOR, null, 'REASON_REQUIRED'],
    ['the supervisor with a blank reason', 'principal', SUPERVISOR, '   \n ', 'REASON_REQUIRED'],
    [
      'a district admin with a too-short reason',
      'admin',
      ['DISTRICT_ADMIN'],
      ' why now? ',
      'REASON_REQUIRED',
    ],
    ['the owner themself', 'teacher', ['STAFF'], reason, 'FORBIDDEN'],
    ['the owner, even as a supervisor', 'teacher', SUPERVISOR, reason, 'FORBIDDEN'],
    ["another school's supervisor", 'principal2', SUPERVISOR, reason, 'FORBIDDEN'],
    ['the supervisor id without the SUPERVISOR role', 'principal', ['STAFF'], reason, 'FORBIDDEN'],
    ['a colleague', 'teacher2', ['STAFF'], reason, 'FORBIDDEN'],
    ['the auditor (read-only, no secrets)', 'auditor', ['AUDITOR'], reason, 'FORBIDDEN'],
    ['the superintendent', 'super', ['SUPERINTENDENT'], reason, 'FORBIDDEN'],
    ['the Director of External Relations', 'der', ['EXTERNAL_RELATIONS'], reason, 'FORBIDDEN'],
    ['the SIS machine', null, ['SIS'], reason, 'FORBIDDEN'],
    ['no actor at all, even with admin roles', null, ['DISTRICT_ADMIN'], reason, 'FORBIDDEN'],
    [
      'an unauthorized caller with no reason is told FORBIDDEN',
      'teacher2',
      ['STAFF'],
      '',
      'FORBIDDEN',
    ],
  ])('%s', (_behaviour, actorId, actorRoles, r, expected) => {
    const result = mayRevealCredential({ actorId, actorRoles, ...owner, reason: r });
    if (expected === true) {
      expect(result).toEqual({ ok: true });
    } else {
      expect(result).toMatchObject({ ok: false, code: expected });
      expect(!result.ok && result.sections).toEqual(
        expected === 'FORBIDDEN' ? ['XI', 'XXIX'] : ['XI'],
      );
    }
  });

  it('asks for at least 10 characters', () => {
    expect(MIN_REVEAL_REASON).toBe(10);
    const result = mayRevealCredential({
      actorId: 'admin',
      actorRoles: ['DISTRICT_ADMIN'],
      ...owner,
      reason: '123456789',
    });
    expect(!result.ok && result.message).toMatch(/10 characters/);
  });
});
