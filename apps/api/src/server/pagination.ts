import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ClassType } from 'type-graphql';
import { badInput } from './errors.js';

/** The server's cap on a page, whatever a client asks for (SECURITY.md). */
export const MAX_PAGE_SIZE = 100;

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(SortDirection, { name: 'SortDirection', description: 'Sort order.' });

@InputType({ description: 'Which page of a list to return (1-based).' })
export class PageInput {
  @Field(() => Int, { defaultValue: 1, description: 'Page number, starting at 1.' })
  page = 1;

  @Field(() => Int, {
    defaultValue: 25,
    description: `Rows per page, at most ${MAX_PAGE_SIZE} (larger values are refused).`,
  })
  perPage = 25;
}

/**
 * A page's window, and its LIMIT/OFFSET as SQL for a list statement (`clause.sql`, with
 * `clause.params` bound after the statement's other values).
 *
 * Why the limit is written into the text: list statements run prepared (server/rows.ts `query`),
 * and PostgreSQL reuses a prepared statement's generic plan only when it costs no more than the
 * plans made for the actual values. With `limit $n`, the generic plan must assume a tenth of all
 * rows is wanted, never wins, and every request is planned again: measured on the benchmark's
 * accounts list, planning was about 0.4 ms of the statement's 1.1 ms of database time. With the
 * limit in the text (a checked integer from 1 to 100, so a bounded set of texts) and no offset on
 * the first page, the first page of every list is planned once per connection and then only
 * executed; later pages bind their offset and are planned per request as before (one text per
 * page number would fill the prepared-statement cache).
 */
export function pageWindow(input: PageInput | null | undefined): {
  limit: number;
  offset: number;
  clause: { sql: string; params: number[] };
  /** The LIMIT of a sub-select that must reach the end of the page (offset + limit rows). */
  through: { sql: string; params: number[] };
} {
  const page = input?.page ?? 1;
  const perPage = input?.perPage ?? 25;
  if (!Number.isInteger(page) || page < 1) throw badInput('page must be 1 or more', 'page');
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PAGE_SIZE) {
    throw badInput(`perPage must be between 1 and ${MAX_PAGE_SIZE}`, 'perPage');
  }
  const offset = (page - 1) * perPage;
  return {
    limit: perPage,
    offset,
    clause: offset === 0 ? { sql: `limit ${perPage}`, params: [] } : { sql: `limit ${perPage} offset ?`, params: [offset] },
    through: offset === 0 ? { sql: `limit ${perPage}`, params: [] } : { sql: 'limit ?', params: [offset + perPage] },
  };
}

/** A page of `Item` with the total count (what react-admin's getList needs). */
export function PageOf<T extends object>(Item: ClassType<T>, name: string) {
  @ObjectType(`${name}Page`, { simpleResolvers: true, description: `A page of ${name} records and the total count.` })
  abstract class PageClass {
    @Field(() => [Item], { description: 'The records on this page.' })
    items!: T[];

    // Not simple: `total` is a lazy promise (server/rows.ts `listPage`) and a resolver is what
    // makes the executor await it; graphql-jit reads resolver-less fields synchronously.
    @Field(() => Int, { simple: false, description: 'How many records match the filter, on all pages.' })
    total!: number;
  }
  return PageClass;
}
