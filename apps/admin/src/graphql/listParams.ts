import type { GetListParams } from 'react-admin';

/** The API refuses pages larger than this (SECURITY.md); never ask for more. */
export const MAX_PER_PAGE = 100;

export interface ListSpec {
  /** Filter keys the API's `filter` input accepts; any other key react-admin sends is dropped. */
  filters: readonly string[];
  /** react-admin sort field -> API sort enum value; absent when the list takes no `sort`. */
  sortFields?: Readonly<Record<string, string>>;
}

export interface ListVariables {
  filter: Record<string, unknown>;
  page: { page: number; perPage: number };
  sort?: { field: string; direction: 'ASC' | 'DESC' };
}

/** Keeps the filter values the API understands; empty strings mean "no filter" in a form. */
export function filterVariables(
  filter: Record<string, unknown> | undefined,
  allowed: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of allowed) {
    let value = filter?.[key];
    if (typeof value === 'string') value = value.trim();
    if (value === undefined || value === null || value === '') continue;
    out[key] = value;
  }
  return out;
}

/** Maps react-admin's {page, perPage} onto PageInput, within the API's limits. */
export function pageVariables(pagination: GetListParams['pagination']): ListVariables['page'] {
  const page = Math.max(1, Math.floor(pagination?.page ?? 1));
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(pagination?.perPage ?? 25)));
  return { page, perPage };
}

/**
 * Maps react-admin's {field, order} onto the API's sort input. A column the API cannot sort by
 * leaves `sort` out, so the server's default order applies instead of a validation error.
 */
export function sortVariables(
  sort: GetListParams['sort'],
  sortFields: ListSpec['sortFields'],
): ListVariables['sort'] | undefined {
  const field = sort?.field ? sortFields?.[sort.field] : undefined;
  if (!field) return undefined;
  return { field, direction: sort?.order === 'DESC' ? 'DESC' : 'ASC' };
}

/** The variables of a list query for react-admin's getList / getManyReference params. */
export function listVariables(params: GetListParams, spec: ListSpec): ListVariables {
  const variables: ListVariables = {
    filter: filterVariables(params.filter, spec.filters),
    page: pageVariables(params.pagination),
  };
  const sort = spec.sortFields ? sortVariables(params.sort, spec.sortFields) : undefined;
  if (sort) variables.sort = sort;
  return variables;
}
