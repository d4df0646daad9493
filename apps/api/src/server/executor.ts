import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import { type DocumentNode, type ExecutionResult, GraphQLError, type GraphQLSchema, Kind } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

type GatewayInterface = ApolloServerOptionsWithGateway<Record<string, unknown>>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<GatewayInterface['load']>>['executor']>;

/**
 * Executes operations with graphql-jit instead of graphql-js's interpreter.
 *
 * Why: a list page is ~25 rows x ~15 fields, and graphql-js walks the selection set, builds
 * argument objects and checks types for every field of every row on every request; the profile of
 * the accounts list (README "Performance") showed that walk as the largest single cost after
 * garbage collection. graphql-jit compiles each operation once into a function that does the
 * same work without the interpretation, and it runs the schema's own resolvers, so type-graphql's
 * `@Authorized` checks, the scope filters and the masked errors are exactly as before.
 *
 * Apollo Server has no executor option; its documented seam for one is the gateway interface
 * (how Apollo Federation's gateway plugs in), which hands over the parsed and validated document.
 * Parsing, validation (graphql-armor's limits, introspection off in production), the plugins and
 * error formatting all stay in Apollo's pipeline.
 *
 * Compiled operations are kept per document and operation name in a bounded map (least recently
 * used goes first): a client sending endless distinct documents costs compile time, not memory.
 */
export function jitGateway(schema: GraphQLSchema, options: { maxOperations?: number } = {}): GatewayInterface {
  const max = options.maxOperations ?? 500;
  const compiled = new Map<string, CompiledQuery>();

  const executor: GatewayExecutor = async (requestContext) => {
    const { document, operationName, queryHash, request, context } = requestContext;
    const key = `${queryHash}\u0000${operationName ?? ''}`;
    let query = compiled.get(key);
    if (query) {
      // Map keeps insertion order: re-inserting marks it most recently used.
      compiled.delete(key);
      compiled.set(key, query);
    } else {
      const result = compileQuery(schema, document, operationName ?? undefined, {
        // Errors are masked by Apollo's formatError; a stack per error only costs time.
        disablingCapturingStackErrors: true,
      });
      if (!isCompiledQuery(result)) return plainErrors(result as ExecutionResult, document);
      query = result;
      compiled.set(key, query);
      if (compiled.size > max) compiled.delete(compiled.keys().next().value as string);
    }
    return plainErrors((await query.query(undefined, context, request.variables ?? {})) as ExecutionResult, document);
  };

  return {
    async load() {
      return { schema, executor };
    },
    onSchemaLoadOrUpdate(callback) {
      // The SDL is only for federation plugins (none here); printing it costs start-up time.
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async stop() {},
  };
}

/**
 * graphql-jit's errors have a read-only `message`; Apollo's plugins (graphql-armor's field
 * suggestion blocking) rewrite messages, so hand them plain GraphQLErrors with the same content.
 * A result without `data` failed before execution (the variables did not coerce): graphql-js
 * ties such an error to the variable's definition, which is how Apollo recognises bad input
 * (BAD_USER_INPUT, HTTP 400); graphql-jit gives only the location, so the node is found again.
 */
function plainErrors(result: ExecutionResult, document: DocumentNode): ExecutionResult {
  if (!result.errors?.length) return result;
  const beforeExecution = !('data' in result);
  const variableNode = (message: string) => {
    const name = /^Variable "\$([_A-Za-z][_0-9A-Za-z]*)"/.exec(message)?.[1];
    if (!beforeExecution || !name) return undefined;
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      const node = definition.variableDefinitions?.find((v) => v.variable.name.value === name);
      if (node) return [node];
    }
    return undefined;
  };
  return {
    ...result,
    errors: result.errors.map(
      (e) =>
        new GraphQLError(e.message, {
          nodes: e.nodes ?? variableNode(e.message),
          source: e.source,
          positions: e.positions,
          path: e.path,
          originalError: e.originalError,
          extensions: e.extensions,
        }),
    ),
  };
}
