import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { bindFieldResolversDirectly } from './core/graphql/direct-resolvers';
import { protect } from './core/permissions/tree';
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
  }).then((schema) => {
    bindFieldResolversDirectly(schema);
    return schema;
  });
  return built;
}

/** The SDL as committed in schema/schema.graphql: sorted, so diffs show real changes only. */
export async function printApiSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildApiSchema())) + '\n';
}
