import type { ResourceApi } from '../graphql/resource';

const STAFF_FIELDS = `
  id sourcedId email givenName familyName fullName position roles active
  school { id name }
  supervisor { id fullName email }
`;

export const STAFF_LIST = `
  query StaffList($filter: StaffFilter, $page: PageInput, $sort: StaffSort) {
    staffMembers(filter: $filter, page: $page, sort: $sort) {
      items { ${STAFF_FIELDS} }
      total
    }
  }
`;

export const STAFF_ONE = `
  query StaffMember($id: ID!) {
    staff(id: $id) { ${STAFF_FIELDS} }
  }
`;

/** react-admin column -> StaffSortField. */
export const STAFF_SORT_FIELDS = {
  familyName: 'FAMILY_NAME',
  fullName: 'FAMILY_NAME',
  givenName: 'GIVEN_NAME',
  email: 'EMAIL',
  position: 'POSITION',
  createdAt: 'CREATED_AT',
} as const;

/** People come from the SIS: the dashboard reads staff, it does not create or edit them. */
export const staffApi: ResourceApi = {
  list: {
    query: STAFF_LIST,
    field: 'staffMembers',
    filters: ['q', 'schoolId', 'supervisorId', 'role', 'active'],
    sortFields: STAFF_SORT_FIELDS,
  },
  one: { query: STAFF_ONE, field: 'staff' },
};
