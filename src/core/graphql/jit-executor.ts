import type { GatewayExecutor, GatewayInterface, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { BREAK, execute, GraphQLError, printSchema, visit, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

/*
 * Executes operations with graphql-jit: each distinct operation is compiled once into a JavaScript
 * function and reused. Apollo still parses, validates and runs its plugins; only the execution step
 * changes. On large nested pages (hundreds of households, each with persons) graphql-js' generic
 * executor spends most of its time building per-field bookkeeping; compiled code does not.
 * Apollo accepts a custom executor through its gateway interface, used here as a plain executor.
 */

/**
 * An operation graphql-jit must not run: graphql-js executes it instead (slower, but exact). graphql-jit
 * files each field's resolve info under its response path joined with '_', so two fields whose paths
 * join alike (aliases with underscores: `a_b { c }` and `a { b_c }`) get one and the same info, the
 * other field's AST nodes included. Resolvers read their selection from it (the columns a list reads,
 * the request's per-site loaders), so such a document is not compiled. Field and type names of the
 * schema hold no '_', so only an alias can make two paths join alike.
 */
export const INTERPRETED = { interpreted: true } as const;

type Compiled = CompiledQuery | ExecutionResult | typeof INTERPRETED;

/** Whether some alias of the document holds a '_' (see INTERPRETED). */
function hasUnderscoreAlias(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.alias?.value.includes('_')) {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Compiled operations, at most `size` of them, the least recently used dropped first: every
 * distinct document a client sends is compiled into a function, and distinct documents are free
 * to make. Keyed by the query's hash (Apollo's, over the text) and the operation name, so the same
 * text is compiled once even when Apollo parsed it again.
 */
export class CompiledOperations {
  private readonly cache: LRUCache<string, Compiled>;
  /** Compilations so far (tests and diagnostics). */
  compilations = 0;

  constructor(
    readonly schema: GraphQLSchema,
    size: number,
  ) {
    this.cache = new LRUCache<string, Compiled>({ max: size });
  }

  get size(): number {
    return this.cache.size;
  }

  get(queryHash: string, document: DocumentNode, operationName: string | null): Compiled {
    const key = `${queryHash}:${operationName ?? ''}`;
    let entry = this.cache.get(key);
    if (!entry) {
      entry = hasUnderscoreAlias(document)
        ? INTERPRETED
        : compileQuery(this.schema, document, operationName ?? undefined, { disablingCapturingStackErrors: true });
      this.compilations++;
      this.cache.set(key, entry);
    }
    return entry;
  }
}

/** Errors before execution (bad variables) are the caller's: give them the code Apollo would. */
function asRequestErrors(result: ExecutionResult): ExecutionResult {
  return {
    errors: (result.errors ?? []).map(
      (e) =>
        new GraphQLError(e.message, {
          nodes: e.nodes,
          originalError: e.originalError,
          extensions: { ...e.extensions, code: 'BAD_USER_INPUT' },
        }),
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

export function jitExecutor(operations: CompiledOperations): GatewayExecutor {
  return async (request: GatewayGraphQLRequestContext) => {
    const entry = operations.get(request.queryHash, request.document, request.operationName);
    if ('interpreted' in entry) {
      const result = await execute({
        schema: operations.schema,
        document: request.document,
        operationName: request.operationName,
        contextValue: request.context,
        variableValues: request.request.variables ?? {},
      });
      return 'data' in result ? normalized(result) : asRequestErrors(result);
    }
    if (!isCompiledQuery(entry)) return asRequestErrors(entry);
    const result = await entry.query(undefined, request.context, request.request.variables ?? {});
    return 'data' in result ? normalized(result) : asRequestErrors(result);
  };
}

/** Hands Apollo the schema and the compiling executor, which keeps at most `cacheSize` compiled operations. */
export function jitGateway(
  schema: GraphQLSchema,
  cacheSize = 1_000,
  operations = new CompiledOperations(schema, cacheSize),
): GatewayInterface {
  let announce: ((schemaContext: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }) => void) | undefined;
  return {
    onSchemaLoadOrUpdate(callback) {
      announce = callback;
      return () => (announce = undefined);
    },
    async load() {
      announce?.({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return { executor: jitExecutor(operations) };
    },
    async stop() {
      announce = undefined;
    },
  };
}
