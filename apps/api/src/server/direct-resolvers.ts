import type { GraphQLFieldResolver, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

type Resolver = GraphQLFieldResolver<unknown, unknown>;
type Pick = (root: unknown, context: unknown, info: unknown) => unknown;

const PICK: Record<string, Pick> = {
  root: (root) => root,
  context: (_root, context) => context,
  info: (_root, _context, info) => info,
};

/**
 * Calls plain `@FieldResolver` methods directly instead of through type-graphql's wrapper.
 *
 * Why: type-graphql runs every field resolver through one generic wrapper, which on every call
 * looks up the resolver's instance, builds a resolver-data object, runs the middleware chain,
 * then sorts and maps the parameter list. A list page calls `owner`, `school` and `attention` on
 * each of its 25 to 100 rows, so in the CPU profile of the accounts list (README "Performance")
 * that wrapper was about 3% of the API's busy time, for nothing: those resolvers have no
 * middleware to run and no argument to convert.
 *
 * So a field resolver is called directly only when the wrapper would do nothing else: no
 * `@Authorized` (no roles: authorization stays type-graphql's, always), no middleware of its own
 * and none global, a resolver class built without arguments (type-graphql's default container
 * does the same), and parameters that are only `@Root()`, `@Ctx()` and `@Info()` without a
 * property name. A root that is not an instance of the class `@Root()` declares (type-graphql
 * would convert it) takes type-graphql's own path, as does every other field.
 *
 * Returns the fields now called directly, as `Type.field`, for the tests.
 */
export function callPlainFieldResolversDirectly(
  schema: GraphQLSchema,
  resolvers: readonly Function[],
  options: { globalMiddlewares?: readonly unknown[] } = {},
): string[] {
  if (options.globalMiddlewares?.length) return [];
  const storage = getMetadataStorage();
  const direct: string[] = [];
  const instances = new Map<Function, Record<string, unknown>>();
  for (const metadata of storage.fieldResolvers) {
    if (metadata.kind !== 'external' || !resolvers.includes(metadata.target)) continue;
    if (metadata.roles !== undefined || metadata.middlewares?.length) continue;
    const params = [...(metadata.params ?? [])].sort((a, b) => a.index - b.index);
    if (params.length > 3) continue;
    if (params.some((p) => !(p.kind in PICK) || ('propertyName' in p && p.propertyName !== undefined))) continue;
    const Target = metadata.target as new () => Record<string, unknown>;
    if (Target.length !== 0) continue;
    const objectClass = metadata.getObjectType?.();
    const typeName = storage.objectTypes.find((o) => o.target === objectClass)?.name;
    // Duck-typed (an object type has `isTypeOf`): under vitest `graphql` can load twice, and
    // graphql's own `isObjectType` refuses a type from the other copy.
    const type = (typeName ? schema.getType(typeName) : undefined) as GraphQLObjectType | undefined;
    if (!type || !('isTypeOf' in type)) continue;
    const field = type.getFields()[metadata.schemaName];
    const original = field?.resolve as Resolver | undefined;
    if (!field || !original) continue;
    const root = params.find((p) => p.kind === 'root');
    const declared = root && 'getType' in root ? root.getType?.() : undefined;
    const RootClass = typeof declared === 'function' ? (declared as Function) : null;
    let instance = instances.get(Target);
    if (!instance) {
      instance = new Target();
      instances.set(Target, instance);
    }
    const method = instance[metadata.methodName];
    if (typeof method !== 'function') continue;
    const self = instance;
    const [a, b, c] = params.map((p) => PICK[p.kind] as Pick);
    const call: Resolver = c
      ? (r, _args, ctx, info) => method.call(self, (a as Pick)(r, ctx, info), (b as Pick)(r, ctx, info), c(r, ctx, info))
      : b
        ? (r, _args, ctx, info) => method.call(self, (a as Pick)(r, ctx, info), b(r, ctx, info))
        : a
          ? (r, _args, ctx, info) => method.call(self, a(r, ctx, info))
          : () => method.call(self);
    field.resolve = RootClass
      ? (r, args, ctx, info) => (r instanceof RootClass ? call(r, args, ctx, info) : original(r, args, ctx, info))
      : call;
    direct.push(`${type.name}.${field.name}`);
  }
  return direct;
}
