import 'reflect-metadata';
import { type GraphQLResolveInfo, Kind, type FragmentDefinitionNode, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { Staff } from '../staff/staff.entity.js';
import { isPartial, joinedOr, selectionWithin } from './projection.js';
import {
  ACCOUNT_COLUMNS,
  ACCOUNT_LIST_ABSENT,
  ACCOUNT_LIST_COLUMNS,
  ACCOUNT_LIST_SHAPE,
  accountFrom,
  accountListFrom,
  instanceOf,
  ORGANIZATION_COLUMNS,
  ORGANIZATION_LIST_ABSENT,
  ORGANIZATION_LIST_COLUMNS,
  organizationFrom,
  STAFF_COLUMNS,
  STAFF_LIST_ABSENT,
  STAFF_LIST_COLUMNS,
  staffFrom,
} from './rows.js';

/**
 * Column projection of the social accounts list (server/projection.ts): which selections may be
 * answered from the list's narrow columns, and what a partial row does when a column is missing.
 * The same answers from the database, projected and not, are compared in read-path.test.ts.
 */

/** The resolve info of the document's first root field, as graphql-js hands it to a resolver. */
function infoOf(document: string): GraphQLResolveInfo {
  const ast = parse(document);
  const operation = ast.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION) as OperationDefinitionNode;
  const fragments = Object.fromEntries(
    ast.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const root = operation.selectionSet.selections[0];
  if (root?.kind !== Kind.FIELD) throw new Error('a field first');
  return { fieldNodes: [root], fragments } as unknown as GraphQLResolveInfo;
}

// The dashboard's register (apps/admin/src/socialAccounts/queries.ts, ACCOUNT_ROW_FIELDS).
const DASHBOARD_ROW = `id contentKind platform handle url displayName owner { id fullName email active }
  school { id name } signals classification state attention version createdAt updatedAt`;

describe('which selections of socialAccounts are answered from the list columns', () => {
  it.each([
    ["the dashboard's register", `{ socialAccounts { items { ${DASHBOARD_ROW} } total } }`],
    ['only the total', '{ socialAccounts { total } }'],
    ['aliases and __typename', '{ socialAccounts { items { __typename key: id who: owner { name: fullName } } } }'],
    ['a named fragment', `{ socialAccounts { items { ...Row } } } fragment Row on SocialAccount { ${DASHBOARD_ROW} }`],
    ['an inline fragment', `{ socialAccounts { items { ... on SocialAccount { ${DASHBOARD_ROW} } } } }`],
    ['the reasons of the classification', '{ socialAccounts { items { classificationReasons { signal sections explanation } } } }'],
    ['fields under @skip (read as selected)', '{ socialAccounts { items { id handle @skip(if: true) } } }'],
  ])('%s: projected', (_name, document) => {
    expect(selectionWithin(infoOf(document), 'items', ACCOUNT_LIST_SHAPE)).toBe(true);
  });

  it.each([
    ['the bio (not a list column)', `{ socialAccounts { items { ${DASHBOARD_ROW} bio } } }`],
    ["the owner's supervisor (needs the full staff row)", '{ socialAccounts { items { owner { id supervisor { id } } } } }'],
    ["the owner's roles", '{ socialAccounts { items { owner { roles } } } }'],
    ['the credential metadata', '{ socialAccounts { items { id credential { escrowedAt } } } }'],
    ['the approval requests', '{ socialAccounts { items { id approvalRequests { id } } } }'],
    ['a field in a fragment', '{ socialAccounts { items { ...R } } } fragment R on SocialAccount { id bio }'],
    ['an unknown fragment', '{ socialAccounts { items { ...Missing } } }'],
    ['a leaf given a selection', '{ socialAccounts { items { id state { x } } } }'],
  ])('%s: full rows', (_name, document) => {
    expect(selectionWithin(infoOf(document), 'items', ACCOUNT_LIST_SHAPE)).toBe(false);
  });

  it('without resolve info (a service called directly): full rows', () => {
    expect(selectionWithin(undefined, 'items', ACCOUNT_LIST_SHAPE)).toBe(false);
  });
});

/** A row of the full accounts statement, every column set (owner `o_`, school `s_`). */
function fullRow(): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  const at = '2026-11-20T10:00:00.000Z';
  for (const c of ACCOUNT_COLUMNS) row[c] = c.endsWith('_at') ? at : `a:${c}`;
  for (const c of STAFF_COLUMNS) row[`o_${c}`] = c.endsWith('_at') ? at : `o:${c}`;
  for (const c of ORGANIZATION_COLUMNS) row[`s_${c}`] = c.endsWith('_at') ? at : `s:${c}`;
  return row;
}

/** The same row as the projected statement reads it. */
function listRow(): Record<string, unknown> {
  const full = fullRow();
  const row: Record<string, unknown> = {};
  for (const c of ACCOUNT_LIST_COLUMNS) row[c] = full[c];
  for (const c of STAFF_LIST_COLUMNS) row[`o_${c}`] = full[`o_${c}`];
  for (const c of ORGANIZATION_LIST_COLUMNS) row[`s_${c}`] = full[`s_${c}`];
  return row;
}

describe('a projected row', () => {
  it('holds every property of a full row, or lists it as absent (a new property must be placed)', () => {
    const full = accountFrom(fullRow()) as unknown as Record<string, unknown>;
    const partial = accountListFrom(listRow()) as unknown as Record<string, unknown>;
    expect([...Object.keys(partial), ...ACCOUNT_LIST_ABSENT].sort()).toEqual(Object.keys(full).sort());
    const staff = staffFrom(fullRow(), 'o_') as unknown as Record<string, unknown>;
    expect([...Object.keys(partial.owner as object), ...STAFF_LIST_ABSENT].sort()).toEqual(Object.keys(staff).sort());
    const school = organizationFrom(fullRow(), 's_') as unknown as Record<string, unknown>;
    expect([...Object.keys(partial.school as object), ...ORGANIZATION_LIST_ABSENT].sort()).toEqual(
      Object.keys(school).sort(),
    );
  });

  it('answers what it read as the full row does, getters included', () => {
    const full = accountFrom(fullRow());
    const partial = accountListFrom(listRow());
    for (const key of Object.keys(partial) as (keyof typeof partial)[]) {
      if (key === 'owner' || key === 'school') continue;
      expect(partial[key], key).toEqual(full?.[key]);
    }
    expect(partial.owner.fullName).toBe('o:given_name o:family_name');
    expect(partial.owner).toBeInstanceOf(Staff);
    expect(partial.school?.name).toBe('s:name');
  });

  it('throws on reading a column it did not read, naming it, and takes a written value', () => {
    const partial = accountListFrom(listRow());
    expect(() => partial.bio).toThrow(/SocialAccount\.bio was not read by this list's projection/);
    expect(() => partial.owner.supervisor).toThrow(/Staff\.supervisor was not read/);
    expect(() => partial.owner.signInLinked).toThrow(/Staff\.oidcSubject was not read/);
    expect(() => partial.school?.profile).toThrow(/Organization\.profile was not read/);
    partial.bio = 'Written later';
    expect(partial.bio).toBe('Written later');
    // Other rows keep throwing: the write went to this row only.
    expect(() => accountListFrom(listRow()).bio).toThrow(/not read/);
  });

  it('hangs its owner and school off the row: joinedOr answers them without the loader', () => {
    const partial = accountListFrom(listRow());
    const loader = {
      loadNow(id: string) {
        throw new Error(`loader asked for ${id}`);
      },
    };
    expect(isPartial(partial.owner)).toBe(true);
    expect(joinedOr(partial.owner, loader)).toBe(partial.owner);
    expect(joinedOr(partial.school as NonNullable<typeof partial.school>, loader)).toBe(partial.school);
    // A full row's relations are references ({ id }): those go to the loader.
    const full = accountFrom(fullRow());
    expect(isPartial(full?.owner)).toBe(false);
    const held = instanceOf(Staff, { id: 'o:id', givenName: 'Held' });
    expect(joinedOr(full?.owner as Staff, { loadNow: () => held })).toBe(held);
  });
});
