import type { RaRecord } from 'react-admin';
import type { ResourceApi } from '../graphql/resource';

const STANDING_FIELDS = 'mediaReleaseStanding { current problem message sections }';

const ROW_FIELDS = `
  id sourcedId givenName familyName preferredName grade graduated enrollmentStatus active
  school { id name }
  ${STANDING_FIELDS}
`;

// The history is null for plain staff (mediaRelease.read), guardians for all but the district
// admin (guardian.read): the API decides, the page explains what is missing.
const FULL_FIELDS = `
  ${ROW_FIELDS}
  expectedGraduation updatedAt
  mediaReleases {
    id status scopes validFrom validUntil schoolYear signedByKind
    signedByGuardian { givenName familyName }
    signedOn receivedOn documentRef active
  }
  guardians { id givenName familyName email phone active }
`;

export const STUDENT_LIST = `
  query Students($filter: StudentFilter, $page: PageInput) {
    students(filter: $filter, page: $page) {
      items { ${ROW_FIELDS} }
      total
    }
  }
`;

export const STUDENT_ONE = `
  query Student($id: ID!) {
    student(id: $id) { ${FULL_FIELDS} }
  }
`;

/** Students come from the SIS: the dashboard reads them (by family name; no other order). */
export const studentsApi: ResourceApi = {
  list: {
    query: STUDENT_LIST,
    field: 'students',
    filters: ['q', 'schoolId', 'grade', 'includeInactive'],
  },
  one: { query: STUDENT_ONE, field: 'student' },
  normalize: (record) =>
    ({
      ...record,
      schoolId: (record.school as { id?: string } | null)?.id ?? null,
    }) as unknown as RaRecord,
};
