import { describe, expect, it } from 'vitest';
import {
  filterVariables,
  listVariables,
  MAX_PER_PAGE,
  pageVariables,
  sortVariables,
} from './listParams';

const spec = {
  filters: ['q', 'schoolId', 'role', 'active'],
  sortFields: { familyName: 'FAMILY_NAME', email: 'EMAIL' },
} as const;

describe('listVariables', () => {
  it("maps react-admin's page, sort and filter onto the API's arguments", () => {
    expect(
      listVariables(
        {
          pagination: { page: 3, perPage: 10 },
          sort: { field: 'email', order: 'DESC' },
          filter: { q: ' lind ', role: 'STAFF', active: false },
        },
        spec,
      ),
    ).toEqual({
      filter: { q: 'lind', role: 'STAFF', active: false },
      page: { page: 3, perPage: 10 },
      sort: { field: 'EMAIL', direction: 'DESC' },
    });
  });

  it('leaves sort out for a column the API cannot sort by (server default applies)', () => {
    const v = listVariables({ sort: { field: 'school.name', order: 'ASC' } }, spec);
    expect(v).not.toHaveProperty('sort');
  });

  it('leaves sort out for a list that takes none', () => {
    const v = listVariables({ sort: { field: 'id', order: 'ASC' } }, { filters: [] });
    expect(v).not.toHaveProperty('sort');
  });
});

describe('pageVariables', () => {
  it('never asks for more than the API allows', () => {
    expect(pageVariables({ page: 1, perPage: 1000 })).toEqual({ page: 1, perPage: MAX_PER_PAGE });
  });

  it('defaults to the first page of 25 and repairs nonsense', () => {
    expect(pageVariables(undefined)).toEqual({ page: 1, perPage: 25 });
    expect(pageVariables({ page: 0, perPage: 0 })).toEqual({ page: 1, perPage: 1 });
  });
});

describe('filterVariables', () => {
  it('drops keys the API does not know and empty form values, keeps false', () => {
    expect(
      filterVariables(
        { q: '', schoolId: null, role: undefined, active: false, unknown: 'x' },
        spec.filters,
      ),
    ).toEqual({ active: false });
  });
});

describe('sortVariables', () => {
  it('treats anything but DESC as ascending', () => {
    expect(sortVariables({ field: 'familyName', order: 'ASC' }, spec.sortFields)).toEqual({
      field: 'FAMILY_NAME',
      direction: 'ASC',
    });
  });
});
