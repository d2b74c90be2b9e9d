import type { GraphQLFieldResolver, GraphQLSchema } from 'graphql';

/*
 * graphql-middleware wraps a field's `resolve` when it has one, and leaves `subscribe` alone, so a
 * subscription field's rule would be checked on each event but never when the subscription starts.
 * Starting one is routed through the (protected) resolver instead, with a marker as its root: the
 * rule decides first, then the original `subscribe` runs. Events keep going through the rule too.
 */

const SUBSCRIBING = Symbol('subscribing');

/** Before the permission tree is applied: `resolve` starts the subscription when handed the marker. */
export function routeSubscribeThroughResolve(schema: GraphQLSchema): void {
  for (const field of Object.values(schema.getSubscriptionType()?.getFields() ?? {})) {
    const subscribe = field.subscribe;
    const resolve = field.resolve;
    if (!subscribe || !resolve) continue;
    field.resolve = ((root, args, ctx, info) =>
      root === SUBSCRIBING ? subscribe(undefined, args, ctx, info) : resolve(root, args, ctx, info)) as GraphQLFieldResolver<
      unknown,
      unknown
    >;
  }
}

/** After: `subscribe` asks the protected resolver, so the rule is checked before anything listens. */
export function subscribeThroughRules(protectedSchema: GraphQLSchema): void {
  for (const field of Object.values(protectedSchema.getSubscriptionType()?.getFields() ?? {})) {
    const resolve = field.resolve;
    if (!field.subscribe || !resolve) continue;
    field.subscribe = (_root, args, ctx, info) => resolve(SUBSCRIBING, args, ctx, info);
  }
}
