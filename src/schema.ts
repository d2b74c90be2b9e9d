import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { bindBulkMutations } from './core/graphql/bulk-mutations';
import { bindFieldResolversDirectly } from './core/graphql/direct-resolvers';
import { NO_TOPICS } from './core/live/stream';
import { protect } from './core/permissions/tree';
import { describePayloads } from './core/graphql/payload-descriptions';
import { DateTimeScalar } from './core/graphql/scalars';
import { platform } from './platform';

let built: Promise<GraphQLSchema> | undefined;
let protectedSchema: Promise<GraphQLSchema> | undefined;

/** The schema wrapped in the permission tree: what the server executes. */
export function buildProtectedSchema(): Promise<GraphQLSchema> {
  protectedSchema ??= buildApiSchema().then((schema) => protect(schema, platform.permissionTree));
  return protectedSchema;
}

/** Builds the executable schema once per process (type-graphql metadata is global), without permissions. */
export function buildApiSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: platform.resolvers as NonEmptyArray<Function>,
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    pubSub: NO_TOPICS,
  }).then((schema) => {
    bindFieldResolversDirectly(schema);
    bindBulkMutations(schema);
    describeRoots(schema);
    describePayloads(schema);
    return schema;
  });
  return built;
}

/** The root types are made by type-graphql, which gives them no description. */
function describeRoots(schema: GraphQLSchema): void {
  const query = schema.getQueryType();
  const mutation = schema.getMutationType();
  const subscription = schema.getSubscriptionType();
  if (query) query.description = 'Reads. Every list is a connection; every object has a global `id` (see `node`).';
  if (mutation)
    mutation.description = 'Changes: each takes one `input` and answers a payload with `userErrors`; a refused change changes nothing.';
  if (subscription)
    subscription.description =
      'Live updates, over WebSocket on the same path (graphql-transport-ws): committed changes the caller may see.';
}

/** The SDL as committed in schema/schema.graphql: sorted, so diffs show real changes only. */
export async function printApiSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildApiSchema())) + '\n';
}
