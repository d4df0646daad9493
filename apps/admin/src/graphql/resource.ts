import type { CreateParams, RaRecord, UpdateParams } from 'react-admin';
import type { ListSpec } from './listParams';

/**
 * How one react-admin resource maps onto the API: hand-written operations (no introspection),
 * the name of the field each returns, and how form data becomes mutation input. Each resource
 * folder exports one of these from its `queries.ts`.
 */
export interface ResourceApi {
  list: ListSpec & {
    /** Takes $filter, $page and (when sortFields is set) $sort; returns `{ items total }`. */
    query: string;
    field: string;
  };
  /** Absent for a list whose rows carry everything (e.g. sync runs): no single read. */
  one?: {
    /** Takes $id. */
    query: string;
    field: string;
  };
  create?: {
    query: string;
    field: string;
    variables(params: CreateParams): Record<string, unknown>;
  };
  update?: {
    query: string;
    field: string;
    variables(params: UpdateParams): Record<string, unknown>;
  };
  /** Adds the fields forms edit (e.g. `schoolId` next to `school { id name }`). */
  normalize?(record: Record<string, unknown>): RaRecord;
}
