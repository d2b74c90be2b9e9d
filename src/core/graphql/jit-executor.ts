import type { GatewayExecutor, GatewayInterface, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { GraphQLError, printSchema, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/*
 * Executes operations with graphql-jit: each distinct operation is compiled once into a JavaScript
 * function and reused. Apollo still parses, validates and runs its plugins; only the execution step
 * changes. On large nested pages (hundreds of households, each with persons) graphql-js' generic
 * executor spends most of its time building per-field bookkeeping; compiled code does not.
 * Apollo accepts a custom executor through its gateway interface, used here as a plain executor.
 */

type Compiled = CompiledQuery | ExecutionResult;

/** Compiled operations by document (Apollo reuses parsed documents) and operation name. */
const cache = new WeakMap<DocumentNode, Map<string, Compiled>>();

function compiled(schema: GraphQLSchema, document: DocumentNode, operationName: string | null): Compiled {
  let byName = cache.get(document);
  if (!byName) cache.set(document, (byName = new Map()));
  const key = operationName ?? '';
  let entry = byName.get(key);
  if (!entry) {
    entry = compileQuery(schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true });
    byName.set(key, entry);
  }
  return entry;
}

/** Errors before execution (bad variables) are the caller's: give them the code Apollo would. */
function asRequestErrors(result: ExecutionResult): ExecutionResult {
  return {
    errors: (result.errors ?? []).map(
      (e) => new GraphQLError(e.message, { nodes: e.nodes, originalError: e.originalError, extensions: { ...e.extensions, code: 'BAD_USER_INPUT' } }),
    ),
  };
}

/**
 * graphql-jit leaves `extensions` undefined on errors whose cause had none (a driver error); Apollo
 * expects an object there. Rebuild those as plain GraphQLErrors, keeping path and locations.
 */
function normalized(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((e) => {
    if (e.extensions) return e;
    const copy = new GraphQLError(e.message, { path: e.path, originalError: e.originalError ?? undefined, extensions: {} });
    (copy as { locations?: unknown }).locations = e.locations;
    return copy;
  });
  return { ...result, errors };
}

export function jitExecutor(schema: GraphQLSchema): GatewayExecutor {
  return async (request: GatewayGraphQLRequestContext) => {
    const entry = compiled(schema, request.document, request.operationName);
    if (!isCompiledQuery(entry)) return asRequestErrors(entry);
    const result = await entry.query(undefined, request.context, request.request.variables ?? {});
    return 'data' in result ? normalized(result) : asRequestErrors(result);
  };
}

/** Hands Apollo the schema and the compiling executor. */
export function jitGateway(schema: GraphQLSchema): GatewayInterface {
  let announce: ((schemaContext: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void) | undefined;
  return {
    onSchemaLoadOrUpdate(callback) {
      announce = callback;
      return () => (announce = undefined);
    },
    async load() {
      announce?.({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return { executor: jitExecutor(schema) };
    },
    async stop() {
      announce = undefined;
    },
  };
}
