import { getNamedType, isInputObjectType, type GraphQLField, type GraphQLInputObjectType, type GraphQLSchema } from 'graphql';

/*
 * Bulk mutations (an input with up to 1,000 items of one flat input class) bound straight to their
 * work, past type-graphql's resolver wrapper. The wrapper makes a class instance of every input
 * object by walking the class's field metadata for each one: at 1,000 items a call that walk was
 * the largest part of the server's time on a re-run. Here each is copied once onto its class's
 * prototype (a shallow copy: the rules trim strings in place, and the executor's values stay its
 * own): the field rules find their class as before (validateInput for the input, checkFields or
 * validateInput for each item), the same userErrors come back, and the schema, made by type-graphql from the same decorators, does not
 * change. The permission tree wraps these resolvers like any other (it is applied after this).
 */

type Class = abstract new (...args: never[]) => object;

interface BulkMutation {
  input: Class;
  item: Class;
  run: (input: never, context: never) => unknown;
}

const BULK = new Map<string, BulkMutation>();

/**
 * Registers a bulk mutation: `name` its Mutation field (declared with type-graphql as usual, taking
 * one `input` argument of class `input` whose `items` are of class `item`), `run` what its resolver
 * method does with the input and the request context.
 */
export function bulkMutation<I, C>(name: string, input: Class, item: Class, run: (input: I, context: C) => unknown): void {
  BULK.set(name, { input, item, run });
}

function instance(prototype: object, value: unknown): unknown {
  return value && typeof value === 'object' ? Object.assign(Object.create(prototype) as object, value) : value;
}

/** The coerced input as an instance of its class, its items of theirs. */
function typed(value: Record<string, unknown>, bulk: BulkMutation): Record<string, unknown> {
  const input = instance(bulk.input.prototype, value) as Record<string, unknown>;
  if (Array.isArray(input.items)) {
    const prototype = bulk.item.prototype as object;
    input.items = input.items.map((item) => instance(prototype, item));
  }
  return input;
}

/**
 * Refuses, at start, a bulk input whose items (or whose own fields besides `items`) hold input
 * objects: only the input and its items are made instances of their classes here, so a nested
 * object's class rules would silently not run.
 */
function assertFlat(name: string, field: GraphQLField<unknown, unknown>): void {
  const nested = (type: GraphQLInputObjectType, skip?: string) =>
    Object.values(type.getFields()).find((f) => f.name !== skip && isInputObjectType(getNamedType(f.type)));
  const input = getNamedType(field.args.find((a) => a.name === 'input')?.type);
  const items = isInputObjectType(input) ? input.getFields().items : undefined;
  const item = items && getNamedType(items.type);
  if (!isInputObjectType(input) || !isInputObjectType(item))
    throw new Error(`bulk mutation ${name} takes no \`input\` with input-object \`items\``);
  const deep = nested(input, 'items') ?? nested(item);
  if (deep) throw new Error(`bulk mutation ${name}: ${deep.name} is an input object; bulk items must be flat`);
}

/** Binds every registered bulk mutation of the schema to its `run`. Returns how many were bound. */
export function bindBulkMutations(schema: GraphQLSchema): number {
  const fields = schema.getMutationType()?.getFields() ?? {};
  let bound = 0;
  for (const [name, bulk] of BULK) {
    const field = fields[name];
    if (!field) throw new Error(`bulk mutation ${name} is not in the schema`);
    assertFlat(name, field);
    field.resolve = (_root, args: Record<string, unknown>, context) =>
      bulk.run(typed(args.input as Record<string, unknown>, bulk) as never, context as never);
    bound++;
  }
  return bound;
}
