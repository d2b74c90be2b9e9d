import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';

/*
 * What a query costs, Shopify-style: every object it may return costs a point, scalars cost
 * nothing, a list multiplies the cost of its items by how many it may hold. A Relay connection
 * holds `first` (or `last`) items, 100 when neither is given (the server's default page); its
 * `nodes` and `edges` are priced at that size, `pageInfo` at one object, `totalCount` at nothing.
 * `nodes(ids:)` holds as many items as it is given IDs; other plain lists are estimated at
 * LIST_SIZE items. Every mutation field costs MUTATION_COST on top of what it returns. A lookup by
 * a secret (a field declared with `@Extensions(LOOKUP_BY_SECRET)`: personByIdNumber) costs a full
 * page (PAGE_SIZE points) per call on top of what it returns, found or not, refused or not: each
 * answer tells whether a guess was right, so guessing must be dear. The least a request costs is
 * one point.
 *
 * The requested cost is computed before the request touches the database (from the document and
 * its variables); the actual cost after it ran, from the objects the answer holds. The budget is
 * charged the actual cost.
 *
 * The plan is built once per document and operation: fragments are expanded as graphql-js's
 * executor would collect them (a fragment spread once per selection set), which the expanded-field
 * limit (checked by validation, without expanding) has already bounded.
 */

export interface CostRules {
  /** Items of a connection without `first`/`last`, and the most it may hold. */
  pageSize: number;
  /** Estimated items of a plain list (not a connection, not `nodes(ids:)`). */
  listSize: number;
  /** What a mutation field costs besides the objects it returns. */
  mutationCost: number;
  /** What an introspection field (`__schema`, `__type`) costs, whatever it selects. */
  introspectionCost: number;
}

/**
 * The extension that declares a field a lookup by a secret value (an identity card number): each
 * call costs a page, whatever it answers. `@Extensions(LOOKUP_BY_SECRET)` on the field.
 */
export const LOOKUP_BY_SECRET = { cost: 'lookup-by-secret' } as const;

function isLookupBySecret(field: GraphQLField<unknown, unknown>): boolean {
  return (field.extensions as { cost?: unknown } | undefined)?.cost === LOOKUP_BY_SECRET.cost;
}

export const DEFAULT_COST_RULES: CostRules = { pageSize: 100, listSize: 10, mutationCost: 10, introspectionCost: 10 };

type Multiplier =
  | { kind: 'one' }
  | { kind: 'page' } // nodes/edges of a connection: the connection's page size
  | { kind: 'list'; size: number }
  | { kind: 'ids'; value: ValueNode };

/** One response key of a selection, with its sub-selection merged from every field node that asks for it. */
interface CostField {
  key: string;
  /** Points per returned object. */
  weight: number;
  multiplier: Multiplier;
  /** For a connection: its `first` and `last` arguments, which size its `nodes` and `edges`. */
  page?: { first?: ValueNode; last?: ValueNode };
  /** Flat fields (introspection) count their weight and nothing below. */
  flat?: boolean;
  /** Points per call whatever the answer (a lookup by a secret: found, missed or refused alike). */
  perCall?: number;
  children: CostField[];
}

export interface CostPlan {
  fields: CostField[];
  mutation: boolean;
  variableDefaults: Map<string, ValueNode>;
}

const plans = new WeakMap<DocumentNode, Map<string, CostPlan | null>>();

function isConnectionType(type: GraphQLNamedType): boolean {
  if (!isObjectType(type) || !type.name.endsWith('Connection')) return false;
  const fields = type.getFields();
  return 'pageInfo' in fields && ('nodes' in fields || 'edges' in fields);
}

function argument(node: FieldNode, name: string): ValueNode | undefined {
  return node.arguments?.find((a) => a.name.value === name)?.value;
}

interface Collected {
  name: string;
  /** The type the field is selected on: the enclosing type, or a fragment's type condition. */
  on: GraphQLCompositeType;
  nodes: FieldNode[];
}

/**
 * Field nodes by response key, through inline fragments and fragment spreads (each fragment once,
 * as graphql-js collects them), each with the type it is selected on.
 */
function collect(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  sets: readonly SelectionSetNode[],
  fragments: Map<string, FragmentDefinitionNode>,
): Map<string, Collected> {
  const byKey = new Map<string, Collected>();
  const visited = new Set<string>();
  const narrowed = (name: string | undefined, on: GraphQLCompositeType): GraphQLCompositeType => {
    const type = name ? schema.getType(name) : undefined;
    return type && isCompositeType(type) ? type : on;
  };
  const walk = (set: SelectionSetNode, on: GraphQLCompositeType) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const entry = byKey.get(key);
        if (entry) entry.nodes.push(selection);
        else byKey.set(key, { name: selection.name.value, on, nodes: [selection] });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, narrowed(selection.typeCondition?.name.value, on));
      } else {
        const name = selection.name.value;
        if (visited.has(name)) continue;
        visited.add(name);
        const fragment = fragments.get(name);
        if (fragment) walk(fragment.selectionSet, narrowed(fragment.typeCondition.name.value, on));
      }
    }
  };
  for (const set of sets) walk(set, parent);
  return byKey;
}

function fieldOf(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(parent) || isInterfaceType(parent)) return parent.getFields()[name];
  // Unions have no fields of their own: look the field up on a member that has it.
  for (const member of schema.getPossibleTypes(parent)) {
    const field = member.getFields()[name];
    if (field) return field;
  }
  return undefined;
}

function compileSelection(
  schema: GraphQLSchema,
  parent: GraphQLCompositeType,
  sets: readonly SelectionSetNode[],
  fragments: Map<string, FragmentDefinitionNode>,
  rules: CostRules,
  rootWeight: number,
): CostField[] {
  const parentIsConnection = isConnectionType(parent); // nodes and edges are never behind a type condition
  const out: CostField[] = [];
  for (const [key, { name, on, nodes }] of collect(schema, parent, sets, fragments)) {
    if (name === '__typename') continue;
    if (name === '__schema' || name === '__type') {
      out.push({ key, weight: rules.introspectionCost, multiplier: { kind: 'one' }, flat: true, children: [] });
      continue;
    }
    const field = fieldOf(schema, on, name);
    if (!field) continue;
    const named = getNamedType(field.type);
    const perCall = isLookupBySecret(field) ? rules.pageSize : undefined;
    if (!isCompositeType(named)) {
      // Scalars and enums cost nothing, unless looked up by a secret.
      if (perCall) out.push({ key, weight: 0, multiplier: { kind: 'one' }, perCall, children: [] });
      continue;
    }
    const nullable = getNullableType(field.type);
    let multiplier: Multiplier = { kind: 'one' };
    let page: CostField['page'];
    if (isConnectionType(named) && field.args.some((a) => a.name === 'first' || a.name === 'last')) {
      page = { first: argument(nodes[0], 'first'), last: argument(nodes[0], 'last') };
    }
    if (isListType(nullable)) {
      const ids = argument(nodes[0], 'ids');
      if (parentIsConnection && (name === 'nodes' || name === 'edges')) multiplier = { kind: 'page' };
      else if (ids) multiplier = { kind: 'ids', value: ids };
      else multiplier = { kind: 'list', size: rules.listSize };
    }
    const subSets = nodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
    out.push({
      key,
      weight: rootWeight || 1,
      multiplier,
      page,
      perCall,
      children: compileSelection(schema, named, subSets, fragments, rules, 0),
    });
  }
  return out;
}

/** The cost plan of the operation Apollo resolved (null when the document has no such operation). */
export function costPlan(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rules: CostRules,
): CostPlan | null {
  let byOperation = plans.get(document);
  if (!byOperation) plans.set(document, (byOperation = new Map()));
  const name = operation.name?.value ?? '';
  if (byOperation.has(name)) return byOperation.get(name)!;
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  let plan: CostPlan | null = null;
  if (root) {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions)
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    const mutation = operation.operation === 'mutation';
    const variableDefaults = new Map<string, ValueNode>();
    for (const v of operation.variableDefinitions ?? ([] as readonly VariableDefinitionNode[])) {
      if (v.defaultValue) variableDefaults.set(v.variable.name.value, v.defaultValue);
    }
    plan = {
      mutation,
      variableDefaults,
      fields: compileSelection(schema, root, [operation.selectionSet], fragments, rules, mutation ? rules.mutationCost : 0),
    };
  }
  byOperation.set(name, plan);
  return plan;
}

type Variables = Record<string, unknown> | undefined;

function valueOf(node: ValueNode, plan: CostPlan, variables: Variables): unknown {
  switch (node.kind) {
    case Kind.VARIABLE: {
      const name = node.name.value;
      if (variables && name in variables) return variables[name];
      const fallback = plan.variableDefaults.get(name);
      return fallback ? valueOf(fallback, plan, undefined) : undefined;
    }
    case Kind.INT:
      return Number.parseInt(node.value, 10);
    case Kind.LIST:
      return node.values;
    case Kind.NULL:
      return null;
    default:
      return undefined;
  }
}

function pageSizeOf(page: NonNullable<CostField['page']>, plan: CostPlan, variables: Variables, rules: CostRules): number {
  const given = [page.first, page.last]
    .map((v) => (v ? valueOf(v, plan, variables) : undefined))
    .find((v) => v !== undefined && v !== null);
  // A size outside 0…pageSize is refused when the field runs; price it at the most a page holds.
  return typeof given === 'number' && Number.isInteger(given) && given >= 0 && given <= rules.pageSize ? given : rules.pageSize;
}

function multiplierOf(field: CostField, inherited: number, plan: CostPlan, variables: Variables): number {
  const m = field.multiplier;
  switch (m.kind) {
    case 'one':
      return 1;
    case 'page':
      return inherited;
    case 'list':
      return m.size;
    case 'ids': {
      const ids = valueOf(m.value, plan, variables);
      return Array.isArray(ids) ? ids.length : 1;
    }
  }
}

function requested(fields: CostField[], inherited: number, plan: CostPlan, variables: Variables, rules: CostRules): number {
  let total = 0;
  for (const field of fields) {
    const count = multiplierOf(field, inherited, plan, variables);
    if (count === 0) continue;
    const size = field.page ? pageSizeOf(field.page, plan, variables, rules) : inherited;
    total += count * ((field.perCall ?? 0) + field.weight + (field.flat ? 0 : requested(field.children, size, plan, variables, rules)));
  }
  return total;
}

/** The most the operation may cost with these variables: an upper bound for connections and `nodes(ids:)`, an estimate for plain lists. */
export function requestedCost(plan: CostPlan, variables: Variables, rules: CostRules): number {
  return Math.max(1, requested(plan.fields, rules.pageSize, plan, variables, rules));
}

function counted(fields: CostField[], value: Record<string, unknown>): number {
  let total = 0;
  for (const field of fields) {
    const v = value[field.key];
    // Called (its key is in the answer, null included): a lookup by a secret costs its price whatever it answered.
    if (field.perCall && v !== undefined) total += field.perCall;
    if (v === null || v === undefined) continue;
    if (Array.isArray(v)) {
      for (const item of v)
        if (item !== null && typeof item === 'object')
          total += field.weight + (field.flat ? 0 : counted(field.children, item as Record<string, unknown>));
    } else if (typeof v === 'object') {
      total += field.weight + (field.flat ? 0 : counted(field.children, v as Record<string, unknown>));
    }
  }
  return total;
}

/** What the answer actually cost: the objects it holds, priced as above; a mutation field costs its price even when it failed. */
export function actualCost(plan: CostPlan, data: Record<string, unknown> | null | undefined): number {
  let total = data ? counted(plan.fields, data) : 0;
  if (plan.mutation) {
    // Mutations that ran and answered null (an error) still ran.
    for (const field of plan.fields) if (!data || data[field.key] === null) total += field.weight;
  }
  // An answer lost as a whole (data: null) still ran its lookups by a secret.
  if (!data) for (const field of plan.fields) if (field.perCall) total += field.perCall;
  return Math.max(1, total);
}
