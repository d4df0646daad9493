import type { DataProvider, GetListParams, RaRecord } from 'react-admin';
import { graphqlRequest } from './client';
import { ApiError } from './errors';
import { listVariables } from './listParams';
import type { ResourceApi } from './resource';

interface Page {
  items: Record<string, unknown>[];
  total: number;
}

function unsupported(resource: string, operation: string): never {
  throw new ApiError(`${operation} is not available for ${resource}.`, 'BAD_USER_INPUT', [], 400);
}

/**
 * A react-admin data provider over hand-written GraphQL operations, one ResourceApi per
 * resource. Nothing is deleted from the dashboard: records end by state changes (withdrawn,
 * retired, ...), which the API audits.
 */
export function createDataProvider<Extra extends object>(
  resources: Record<string, ResourceApi>,
  extra: Extra,
): DataProvider & Extra {
  const apiOf = (resource: string): ResourceApi => {
    const api = resources[resource];
    if (!api) throw new ApiError(`Unknown resource "${resource}".`, 'BAD_USER_INPUT', [], 400);
    return api;
  };
  const normalize = (api: ResourceApi, record: Record<string, unknown>): RaRecord =>
    api.normalize ? api.normalize(record) : (record as RaRecord);

  const getList = async (resource: string, params: GetListParams) => {
    const api = apiOf(resource);
    const data = await graphqlRequest<Record<string, Page>>(
      api.list.query,
      { ...listVariables(params, api.list) },
      { signal: params.signal },
    );
    const page = data[api.list.field] ?? { items: [], total: 0 };
    // react-admin's result type is generic in the record type; ours are plain API records.
    return { data: page.items.map((r) => normalize(api, r)) as never[], total: page.total };
  };

  const getOne = async (resource: string, id: unknown, signal?: AbortSignal) => {
    const api = apiOf(resource);
    if (!api.one) unsupported(resource, 'Reading one record');
    const data = await graphqlRequest<Record<string, Record<string, unknown> | null>>(
      api.one.query,
      { id: String(id) },
      { signal },
    );
    const record = data[api.one.field];
    if (!record) throw new ApiError(`${resource} ${String(id)} does not exist.`, 'NOT_FOUND', []);
    return normalize(api, record);
  };

  const provider: DataProvider = {
    supportAbortSignal: true,
    getList,
    getOne: async (resource, params) => ({
      data: (await getOne(resource, params.id, params.signal)) as never,
    }),
    // Few ids at a time (reference fields); one getOne each keeps the API surface small.
    getMany: async (resource, params) => ({
      data: (await Promise.all(
        params.ids.map((id) => getOne(resource, id, params.signal)),
      )) as never[],
    }),
    getManyReference: (resource, params) =>
      getList(resource, { ...params, filter: { ...params.filter, [params.target]: params.id } }),
    create: async (resource, params) => {
      const api = apiOf(resource);
      if (!api.create) unsupported(resource, 'Creating');
      const data = await graphqlRequest<Record<string, Record<string, unknown>>>(
        api.create.query,
        api.create.variables(params),
      );
      return { data: normalize(api, data[api.create.field] ?? {}) as never };
    },
    update: async (resource, params) => {
      const api = apiOf(resource);
      if (!api.update) unsupported(resource, 'Editing');
      const data = await graphqlRequest<Record<string, Record<string, unknown>>>(
        api.update.query,
        api.update.variables(params),
      );
      return { data: normalize(api, data[api.update.field] ?? {}) as never };
    },
    updateMany: async (resource) => unsupported(resource, 'Bulk editing'),
    delete: async (resource) => unsupported(resource, 'Deleting'),
    deleteMany: async (resource) => unsupported(resource, 'Deleting'),
  };
  return Object.assign(provider, extra);
}
