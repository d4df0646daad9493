import { describe, expect, it } from 'vitest';
import {
  FAST,
  GuardianRecord,
  MediaReleaseRecord,
  OrganizationRecord,
  SLOW,
  StaffRecord,
  StudentRecord,
} from './sync.service.js';

/*
 * The sync validates each record with a plain function first and falls back to the zod schema
 * (which words the error) whenever that function cannot accept the record. The fast check must
 * therefore never accept what zod refuses, and must produce exactly zod's output. Every field of
 * a valid record of each kind is replaced in turn by awkward values, and both are compared.
 */

const AWKWARD: unknown[] = [
  undefined,
  null,
  '',
  '   ',
  ' padded ',
  'x'.repeat(9),
  'x'.repeat(10),
  'x'.repeat(21),
  'x'.repeat(201),
  'x'.repeat(256),
  'x'.repeat(301),
  'x'.repeat(501),
  0,
  1,
  Number.NaN,
  true,
  false,
  [],
  ['website'],
  [' print ', 'WEBSITE', 'WEBSITE'],
  ['TV'],
  [42],
  {},
  new Date('2026-09-01T00:00:00Z'),
  'active',
  ' ToBeDeleted ',
  'archived',
  'district',
  ' School ',
  'enrolled',
  'GRADUATED',
  'granted',
  'Revoked',
  'maybe',
  '2026-09-01',
  ' 2026-09-01 ',
  '2026-09-01T08:00:00Z',
  '2026-09-01 08:00',
  '2026-09-01T08:00:00.123+02:00',
  '2026-02-30',
  '2026-13-01',
  '2026-9-1',
  '01/09/2026',
  'yesterday',
  '2026-2027',
  '2026-27',
  'Ana@Example.org',
  ' ana@example.org ',
  'not-an-email',
  'a@b',
  [{ studentSourcedId: 's-1' }],
  [{ studentSourcedId: ' s-2 ', relationship: ' parent ' }],
  [{ studentSourcedId: '' }],
  [{ relationship: 'parent' }],
  [null],
  Array.from({ length: 51 }, (_, i) => ({ studentSourcedId: `s-${i}` })),
];

const VALID = {
  organizations: [
    { sourcedId: 'org-1', dateLastModified: '2026-09-01T08:00:00Z', name: 'North', type: 'school', parentSourcedId: 'd-1' },
    { sourcedId: ' org-2 ', status: 'tobedeleted', dateLastModified: '2026-09-01', name: 'District', type: 'DISTRICT', identifier: 'D' },
  ],
  staff: [
    { sourcedId: 'st-1', dateLastModified: '2026-09-01T08:00:00Z', email: 'Ana@Example.org', givenName: 'Ana', familyName: 'Diaz' },
    {
      sourcedId: 'st-2',
      status: 'active',
      dateLastModified: '2026-09-01T08:00:00.5+02:00',
      email: ' bo@example.org ',
      givenName: ' Bo ',
      familyName: 'Li',
      position: 'Teacher',
      schoolSourcedId: 'org-1',
      supervisorSourcedId: 'st-1',
    },
  ],
  students: [
    {
      sourcedId: 'stu-1',
      status: 'active',
      dateLastModified: '2026-09-01T08:00:00Z',
      givenName: 'Kid',
      familyName: 'Sample',
      preferredName: null,
      schoolSourcedId: 'org-1',
      grade: '09',
      enrollmentStatus: 'ENROLLED',
      birthDate: '2010-04-02',
      expectedGraduation: '2030-06-01',
      graduated: false,
    },
    { sourcedId: 'stu-2', dateLastModified: '2026-09-01', givenName: 'A', familyName: 'B', birthDate: '2010-04-02T00:00:00Z' },
  ],
  guardians: [
    { sourcedId: 'g-1', dateLastModified: '2026-09-01T08:00:00Z', givenName: 'Pat', familyName: 'Doe', students: [] },
    {
      sourcedId: 'g-2',
      dateLastModified: '2026-09-01T08:00:00Z',
      givenName: 'Pat',
      familyName: 'Doe',
      email: 'Pat@Example.org',
      phone: ' 555 ',
      students: [{ studentSourcedId: 'stu-1', relationship: 'parent' }, { studentSourcedId: 'stu-2' }],
    },
  ],
  mediaReleases: [
    {
      sourcedId: 'rel-1',
      status: 'active',
      dateLastModified: '2026-09-01T08:00:00Z',
      studentSourcedId: 'stu-1',
      releaseStatus: 'GRANTED',
      scopes: ['DISTRICT_SOCIAL_MEDIA'],
      schoolYear: '2026-2027',
      signedByStudent: false,
      signedOn: '2026-08-20',
      receivedOn: '2026-08-22',
      documentRef: 'scan://1.pdf',
    },
    {
      sourcedId: 'rel-2',
      dateLastModified: '2026-09-01T08:00:00Z',
      studentSourcedId: 'stu-1',
      releaseStatus: 'denied',
      scopes: [' website ', 'PRINT'],
      validFrom: '2026-09-01',
      validUntil: '2027-06-30',
      signedByGuardianSourcedId: 'g-1',
    },
  ],
};

const SCHEMAS = {
  organizations: OrganizationRecord,
  staff: StaffRecord,
  students: StudentRecord,
  guardians: GuardianRecord,
  mediaReleases: MediaReleaseRecord,
} as const;

describe('the fast validation agrees with the zod schemas', () => {
  it.each(Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[])('%s', (kind) => {
    const schema = SCHEMAS[kind];
    const fast = FAST[kind] as (raw: unknown) => unknown;
    let accepted = 0;
    let compared = 0;
    const check = (record: unknown) => {
      compared += 1;
      const quick = fast(record);
      const parsed = schema.safeParse(record);
      if (quick === SLOW) return;
      accepted += 1;
      expect(parsed.success, JSON.stringify(record)).toBe(true);
      expect(quick, JSON.stringify(record)).toEqual(parsed.data);
    };
    for (const valid of VALID[kind]) {
      // The fast path takes the ordinary records (otherwise it would only add work).
      expect(fast(valid)).not.toBe(SLOW);
      check(valid);
      for (const field of [...Object.keys(valid), 'status', 'signedByStudent', 'signedByGuardianSourcedId']) {
        for (const value of AWKWARD) check({ ...valid, [field]: value });
      }
    }
    for (const odd of [null, undefined, 'record', 7, [], [VALID[kind][0]]]) check(odd);
    expect(compared).toBeGreaterThan(500);
    expect(accepted).toBeGreaterThan(50);
  });
});
