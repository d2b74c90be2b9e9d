import { isInterfaceType, isObjectType, type GraphQLFieldResolver, type GraphQLSchema, type GraphQLTypeResolver } from 'graphql';
import { getMetadataStorage } from 'type-graphql';

type Pick = (root: unknown, args: Record<string, unknown>, context: unknown, info: unknown) => unknown;
type Method = (...params: unknown[]) => unknown;

/**
 * type-graphql defines the schema; at run time its wrapper around each field resolver (container
 * lookup, a sorted parameter list, an args-class instance per call) costs more than most of our
 * resolvers themselves, and a nested page calls them thousands of times. This binds every object
 * field resolver that uses neither middlewares nor authorization straight to its method, passing
 * root, args (the plain argument object, defaults applied by GraphQL), context and info as declared.
 * Query and Mutation fields keep type-graphql's wrapper: it builds the input-class instances that
 * input validation needs, and runs once per request (bulk mutations, whose 1,000 items made that
 * conversion costly, are bound in bulk-mutations.ts instead).
 */
export function bindFieldResolversDirectly(schema: GraphQLSchema): number {
  const storage = getMetadataStorage();
  const typeNames = new Map<Function, string>(storage.objectTypes.map((o) => [o.target, o.name]));
  const instances = new Map<Function, Record<string, Method>>();
  let bound = 0;
  for (const resolver of storage.fieldResolvers) {
    const objectClass = resolver.getObjectType?.();
    const typeName = objectClass ? typeNames.get(objectClass) : undefined;
    const type = typeName ? schema.getType(typeName) : undefined;
    if (!isObjectType(type)) continue;
    const field = type.getFields()[resolver.schemaName];
    if (!field || resolver.middlewares?.length || resolver.roles?.length) continue;
    const params = [...(resolver.params ?? [])].sort((a, b) => a.index - b.index);
    const picks: Pick[] = [];
    let supported = true;
    for (const param of params) {
      if (param.kind === 'root' && !param.propertyName) picks.push((root) => root);
      else if (param.kind === 'args') picks.push((_root, args) => args);
      else if (param.kind === 'arg') picks.push((_root, args) => args[param.name]);
      else if (param.kind === 'context' && !param.propertyName) picks.push((_root, _args, context) => context);
      else if (param.kind === 'info') picks.push((_root, _args, _context, info) => info);
      else supported = false;
    }
    if (!supported) continue;
    const name = resolver.methodName;
    let resolve: GraphQLFieldResolver<unknown, unknown>;
    if (resolver.kind === 'internal') {
      resolve = (root, args, context, info) => (root as Record<string, Method>)[name](...picks.map((p) => p(root, args, context, info)));
      if (picks.length === 0) resolve = (root) => (root as Record<string, Method>)[name]();
    } else {
      let instance = instances.get(resolver.target);
      if (!instance) {
        instance = new (resolver.target as new () => Record<string, Method>)();
        instances.set(resolver.target, instance);
      }
      const method = instance[name].bind(instance);
      const [a, b, c] = picks;
      resolve =
        picks.length === 1
          ? (root, args, context, info) => method(a(root, args, context, info))
          : picks.length === 2
            ? (root, args, context, info) => method(a(root, args, context, info), b(root, args, context, info))
            : picks.length === 3
              ? (root, args, context, info) =>
                  method(a(root, args, context, info), b(root, args, context, info), c(root, args, context, info))
              : (root, args, context, info) => method(...picks.map((p) => p(root, args, context, info)));
    }
    field.resolve = resolve;
    bound++;
  }
  // Interfaces too: type-graphql wraps `resolveType` in an async function; our resolvers return
  // the type name directly, which is what an executor should get, synchronously.
  for (const iface of storage.interfaceTypes) {
    const type = schema.getType(iface.name);
    if (isInterfaceType(type) && iface.resolveType) type.resolveType = iface.resolveType as GraphQLTypeResolver<unknown, unknown>;
  }
  return bound;
}
