import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/**
 * Column projection for hot lists (README "Performance"). A list page that reads every column
 * of its rows and of the joined owner and school spends much of its CPU parsing and mapping
 * values no one asked for (the accounts list read 49 columns to answer 21). When the items'
 * selection stays inside a list's declared shape, the list reads only that shape's columns;
 * any other field (a new one included) makes it read the full rows as before, so a projection
 * can only be too wide, never silently too narrow.
 *
 * A projected row is a "partial" instance: its type's prototype chain, plus accessors for the
 * properties it did not read that throw when read. A resolver that comes to need a column the
 * shape forgot fails loudly (a GraphQL error and a failing test), never answers with a missing
 * value. Partial records are never primed into the request's by-id loaders, where another
 * field of the same request could find them: they hang off their row only (`joinedOr`).
 */

/** A selection shape: the fields allowed, each a leaf (`true`) or the shape of its object. */
export interface Shape {
  readonly [field: string]: true | Shape;
}

/**
 * Whether every field selected under `path` (e.g. `items`) of the current field fits `shape`,
 * through aliases, inline fragments and named fragments (`@include`/`@skip` are read as
 * included, which is only ever wider). `__typename` fits anywhere.
 */
export function selectionWithin(info: GraphQLResolveInfo | undefined, path: string, shape: Shape): boolean {
  if (!info) return false;
  const top = fieldsOf(
    info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : [])),
    info,
  );
  if (!top) return false;
  const items = top.get(path);
  if (!items) return true; // The items are not read at all: nothing to project.
  return within(items, shape, info);
}

function within(sets: SelectionSetNode[], shape: Shape, info: GraphQLResolveInfo): boolean {
  const fields = fieldsOf(sets, info);
  if (!fields) return false;
  for (const [name, subsets] of fields) {
    if (name === '__typename') continue;
    const allowed = shape[name];
    if (allowed === undefined) return false;
    if (allowed === true) {
      if (subsets.length > 0) return false; // A leaf in the shape, an object in the schema.
      continue;
    }
    if (!within(subsets, allowed, info)) return false;
  }
  return true;
}

/** The selected fields by name, each with its sub-selections; null for an unknown fragment. */
function fieldsOf(sets: readonly SelectionSetNode[], info: GraphQLResolveInfo): Map<string, SelectionSetNode[]> | null {
  const fields = new Map<string, SelectionSetNode[]>();
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode): boolean => {
    for (const node of set.selections) {
      if (node.kind === Kind.FIELD) {
        const subsets = fields.get(node.name.value) ?? [];
        if (node.selectionSet) subsets.push(node.selectionSet);
        fields.set(node.name.value, subsets);
      } else if (node.kind === Kind.INLINE_FRAGMENT) {
        if (!visit(node.selectionSet)) return false;
      } else {
        const name = node.name.value;
        if (seen.has(name)) continue;
        seen.add(name);
        const fragment = info.fragments[name];
        if (!fragment || !visit(fragment.selectionSet)) return false;
      }
    }
    return true;
  };
  for (const set of sets) if (!visit(set)) return null;
  return fields;
}

type Constructor<T> = abstract new (...args: never[]) => T;

/** Prototypes of partial instances, by type and by the list of properties they lack. */
const partialPrototypes = new WeakMap<readonly string[], Map<Constructor<unknown>, object>>();
const partials = new WeakSet<object>();

/**
 * The prototype for partial instances of `type` lacking `absent`: reading one of those throws;
 * writing one (a resolver attaching a loaded relation) stores it on the instance as usual.
 * `base` is the prototype full instances use (server/rows.ts `instanceOf`).
 */
export function partialPrototype(type: Constructor<unknown>, absent: readonly string[], base: object): object {
  let byType = partialPrototypes.get(absent);
  if (!byType) {
    byType = new Map();
    partialPrototypes.set(absent, byType);
  }
  let proto = byType.get(type);
  if (!proto) {
    proto = Object.create(base) as object;
    for (const key of absent) {
      Object.defineProperty(proto, key, {
        configurable: true,
        get() {
          throw new Error(`${type.name}.${key} was not read by this list's projection (server/projection.ts)`);
        },
        set(this: object, value: unknown) {
          Object.defineProperty(this, key, { value, writable: true, enumerable: true, configurable: true });
        },
      });
    }
    partials.add(proto);
    byType.set(type, proto);
  }
  return proto;
}

/** Whether a record is a partial one read by a projected list. */
export function isPartial(value: unknown): boolean {
  return typeof value === 'object' && value !== null && partials.has(Object.getPrototypeOf(value) as object);
}

/** The part of a by-id loader `joinedOr` uses (server/loaders.ts `RecordLoader`). */
interface LoadNow<T> {
  loadNow(id: string): T | Promise<T | null>;
}

/**
 * A relation of a row: the partial record a projected list joined into it, or else the request's
 * loader (which holds what a full list primed, and batches the rest).
 */
export function joinedOr<T extends { id: string }>(relation: T, loader: LoadNow<T>): T | Promise<T | null> {
  return isPartial(relation) ? relation : loader.loadNow(relation.id);
}
