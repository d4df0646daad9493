import { describe, expect, it } from 'vitest';
import {
  checkPublication,
  isAdultOn,
  type MediaReleaseFacts,
  type ReleaseProblem,
  releaseStanding,
  schoolYearWindow,
  type StudentFacts,
  studentReleaseStanding,
} from './media.js';

const TODAY = '2026-11-25';
const student: StudentFacts = { birthDate: '2012-03-14', guardianIds: ['mom', 'dad'] };
const adult: StudentFacts = { birthDate: '2008-05-01', guardianIds: ['mom'] };
const granted: MediaReleaseFacts = {
  status: 'GRANTED',
  scopes: ['DISTRICT_SOCIAL_MEDIA', 'WEBSITE'],
  validFrom: null,
  validUntil: null,
  schoolYear: '2026-2027',
  signedBy: { kind: 'GUARDIAN', guardianId: 'mom' },
  signedOn: '2026-08-20',
  receivedOn: '2026-08-22',
};

describe('releaseStanding: "current and properly completed" (XIV)', () => {
  type Row = [behaviour: string, release: MediaReleaseFacts, who: StudentFacts, on: string, expected: true | ReleaseProblem];
  it.each<Row>([
    ['a granted release for the school year, signed by a linked guardian', granted, student, '2026-12-01', true],
    ['the first day of the school year', { ...granted, signedOn: '2026-06-01' }, student, '2026-07-01', true],
    ['the last day of the school year', granted, student, '2027-06-30', true],
    ['an explicit window wins over the school year', { ...granted, validFrom: '2026-09-01', validUntil: '2027-12-31' }, student, '2027-08-01', true],
    ['no end and no school year: valid until revoked', { ...granted, schoolYear: null }, student, '2030-01-01', true],
    ['signed by the student at 18 or older', { ...granted, signedBy: { kind: 'STUDENT' }, signedOn: '2026-05-01' }, adult, '2026-12-01', true],
    ['the student signed on their 18th birthday', { ...granted, signedBy: { kind: 'STUDENT' }, signedOn: '2026-05-01', schoolYear: null }, adult, '2026-05-02', true],
    ['denied by the guardian', { ...granted, status: 'DENIED' }, student, '2026-12-01', 'DENIED'],
    ['revoked', { ...granted, status: 'REVOKED' }, student, '2026-12-01', 'REVOKED'],
    ['covers the website and print, not social media', { ...granted, scopes: ['WEBSITE', 'PRINT'] }, student, '2026-12-01', 'SCOPE_NOT_COVERED'],
    ['no signature on file', { ...granted, signedBy: null }, student, '2026-12-01', 'UNSIGNED'],
    ['no signed date on file', { ...granted, signedOn: null }, student, '2026-12-01', 'UNSIGNED'],
    ['signed in the future', { ...granted, signedOn: '2026-12-24' }, student, '2026-12-01', 'SIGNED_IN_FUTURE'],
    ['signed by someone not linked as a guardian', { ...granted, signedBy: { kind: 'GUARDIAN', guardianId: 'neighbour' } }, student, '2026-12-01', 'SIGNER_NOT_GUARDIAN'],
    ['signed by the student at 17', { ...granted, signedBy: { kind: 'STUDENT' }, signedOn: '2026-04-30' }, adult, '2026-12-01', 'STUDENT_NOT_ADULT'],
    ['signed by a student whose birth date is unknown', { ...granted, signedBy: { kind: 'STUDENT' } }, { birthDate: null, guardianIds: [] }, '2026-12-01', 'STUDENT_NOT_ADULT'],
    ['used before the school year starts', { ...granted, signedOn: '2026-05-01' }, student, '2026-06-30', 'NOT_YET_VALID'],
    ['used before its explicit start', { ...granted, validFrom: '2027-01-01' }, student, '2026-12-01', 'NOT_YET_VALID'],
    ['used before it was signed (no window)', { ...granted, schoolYear: null }, student, '2026-08-19', 'NOT_YET_VALID'],
    ['last school year\'s release', { ...granted, schoolYear: '2025-2026', signedOn: '2025-08-20' }, student, '2026-12-01', 'EXPIRED'],
    ['past its explicit end', { ...granted, validUntil: '2026-11-30' }, student, '2026-12-01', 'EXPIRED'],
    ['a window that ends before it starts', { ...granted, validFrom: '2026-12-01', validUntil: '2026-09-01' }, student, '2026-12-01', 'INVALID_WINDOW'],
    ['a malformed school year', { ...granted, schoolYear: '2026' }, student, '2026-12-01', 'INVALID_WINDOW'],
  ])('%s', (_behaviour, release, who, on, expected) => {
    const standing = releaseStanding(release, who, 'DISTRICT_SOCIAL_MEDIA', on, TODAY);
    expect(standing.sections).toEqual(['XIV']);
    if (expected === true) expect(standing).toEqual({ current: true, sections: ['XIV'] });
    else expect(standing).toMatchObject({ current: false, problem: expected });
    if (!standing.current) expect(standing.message.length).toBeGreaterThan(10);
  });
});

describe('studentReleaseStanding: the latest release for the scope decides (XIV)', () => {
  it('no release at all', () => {
    expect(studentReleaseStanding([], student, 'DISTRICT_SOCIAL_MEDIA', '2026-12-01', TODAY)).toMatchObject({ problem: 'NO_RELEASE' });
  });
  it('only releases for other scopes', () => {
    const print = { ...granted, scopes: ['PRINT' as const] };
    expect(studentReleaseStanding([print], student, 'DISTRICT_SOCIAL_MEDIA', '2026-12-01', TODAY)).toMatchObject({ problem: 'SCOPE_NOT_COVERED' });
  });
  it('a later revocation replaces an earlier grant', () => {
    const revoked = { ...granted, status: 'REVOKED' as const, signedOn: '2026-10-01' };
    expect(studentReleaseStanding([granted, revoked], student, 'DISTRICT_SOCIAL_MEDIA', '2026-12-01', TODAY)).toMatchObject({ problem: 'REVOKED' });
  });
  it('a later grant replaces an earlier denial', () => {
    const denied = { ...granted, status: 'DENIED' as const, signedOn: '2026-08-01' };
    expect(studentReleaseStanding([denied, granted], student, 'DISTRICT_SOCIAL_MEDIA', '2026-12-01', TODAY)).toEqual({ current: true, sections: ['XIV'] });
  });
  it('a print-only release signed later does not hide a social-media grant', () => {
    const print = { ...granted, scopes: ['PRINT' as const], signedOn: '2026-11-01' };
    expect(studentReleaseStanding([granted, print], student, 'DISTRICT_SOCIAL_MEDIA', '2026-12-01', TODAY).current).toBe(true);
  });
});

describe('checkPublication (IV, XIV)', () => {
  const ok = { id: 's1', ...student, releases: [granted] };
  const none = { id: 's2', ...student, releases: [] };
  it('allows an affiliated post when every student has a current release', () => {
    const r = checkPublication({ classification: 'SCHOOL_AFFILIATED', mediaKind: 'PHOTO', students: [ok], on: '2026-12-01', today: TODAY });
    expect(r.result).toBe('ALLOWED');
    expect(r.students[0]).toMatchObject({ studentId: 's1', allowed: true, sections: ['XIV'] });
  });
  it('blocks when one student lacks a release, with a reason per student', () => {
    const r = checkPublication({ classification: 'SCHOOL_AFFILIATED', mediaKind: 'VIDEO', students: [ok, none], on: '2026-12-01', today: TODAY });
    expect(r.result).toBe('BLOCKED');
    expect(r.students.map((s) => [s.studentId, s.allowed, s.problem])).toEqual([
      ['s1', true, null],
      ['s2', false, 'NO_RELEASE'],
    ]);
  });
  it.each(['PHOTO', 'VIDEO', 'NAME_ONLY'] as const)('blocks any student on a personal account (%s), citing IV', (mediaKind) => {
    const r = checkPublication({ classification: 'PERSONAL', mediaKind, students: [ok], on: '2026-12-01', today: TODAY });
    expect(r.result).toBe('BLOCKED');
    expect(r.students[0]).toMatchObject({ allowed: false, problem: 'PERSONAL_ACCOUNT', sections: ['IV'] });
  });
  it('a post with no students is allowed', () => {
    expect(checkPublication({ classification: 'PERSONAL', mediaKind: 'PHOTO', students: [], on: '2026-12-01', today: TODAY }).result).toBe('ALLOWED');
  });
});

describe('dates', () => {
  it.each([
    ['2026-2027', { from: '2026-07-01', until: '2027-06-30' }],
    ['2026-2028', null],
    ['26-27', null],
  ])('schoolYearWindow(%s)', (year, expected) => {
    expect(schoolYearWindow(year)).toEqual(expected);
  });
  it.each([
    ['2008-05-01', '2026-05-01', true],
    ['2008-05-01', '2026-04-30', false],
    ['2008-02-29', '2026-02-28', false],
    ['2008-02-29', '2026-03-01', true],
  ])('born %s, adult on %s: %s', (birth, on, expected) => {
    expect(isAdultOn(birth, on)).toBe(expected);
  });
});
