import {
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/*
 * Which operations may read a replica (docs/operations.md, "Read replicas"). Modules declare the
 * fields whose answers may be a little stale (`staleReads` in their manifest: `District.figures`,
 * `Query.communities`): figures, reports and the lists of dashboards. A query may read a replica
 * when it selects at least one of them and nothing else but what leads to them: the lookups by ID
 * (`node`, `nodes`) and the scalar fields of the objects they find. Anything else in the operation (a household, a person, the
 * caller's own tasks) may have just been written by someone and is read from the primary, with
 * the rest of its operation. Mutations and subscriptions never read a replica.
 */

/** Root lookups that lead to declared fields without reading anything of their own but the object. */
const LOOKUPS: readonly string[] = ['Query.node', 'Query.nodes'];

export class StaleReads {
  private readonly tolerant: ReadonlySet<string>;
  private readonly lookups: ReadonlySet<string> = new Set(LOOKUPS);
  private readonly decided = new WeakMap<OperationDefinitionNode, boolean>();

  constructor(
    private readonly schema: GraphQLSchema,
    coordinates: readonly string[],
  ) {
    for (const coordinate of coordinates) {
      const [type, field, extra] = coordinate.split('.');
      const named = schema.getType(type);
      if (extra !== undefined || !field || !isObjectType(named) || !named.getFields()[field])
        throw new Error(`staleReads: ${coordinate} is not a field of an object type of the schema (Type.field)`);
    }
    this.tolerant = new Set(coordinates);
  }

  /** The declared fields (for the docs and the tests). */
  get fields(): string[] {
    return [...this.tolerant].sort();
  }

  /** True when `operation` is a query made only of stale-tolerant fields and what leads to them. */
  allows(document: DocumentNode, operation: OperationDefinitionNode): boolean {
    if (operation.operation !== 'query') return false;
    let answer = this.decided.get(operation);
    if (answer === undefined) {
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
      const state = { found: false };
      const root = this.schema.getQueryType();
      answer = !!root && this.walk(operation.selectionSet, root, fragments, state, new Set()) && state.found;
      this.decided.set(operation, answer);
    }
    return answer;
  }

  private walk(
    set: SelectionSetNode,
    parent: GraphQLCompositeType,
    fragments: ReadonlyMap<string, FragmentDefinitionNode>,
    state: { found: boolean },
    spread: Set<string>,
  ): boolean {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
        if (!field) return false;
        const coordinate = `${parent.name}.${name}`;
        if (this.tolerant.has(coordinate)) {
          state.found = true;
          continue;
        }
        const type = getNamedType(field.type);
        // A scalar of an object on the way (its name, its ID) is that object's; a scalar of the root is a read of its own.
        if (isLeafType(type) && parent !== this.schema.getQueryType()) continue;
        if (!this.lookups.has(coordinate) || !selection.selectionSet) return false;
        if (!isCompositeType(type) || !this.walk(selection.selectionSet, type, fragments, state, spread)) return false;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? this.composite(selection.typeCondition.name.value) : parent;
        if (!type || !this.walk(selection.selectionSet, type, fragments, state, spread)) return false;
      } else {
        const name = selection.name.value;
        if (spread.has(name)) continue;
        const fragment = fragments.get(name);
        const type = fragment && this.composite(fragment.typeCondition.name.value);
        if (!fragment || !type) return false;
        spread.add(name);
        if (!this.walk(fragment.selectionSet, type, fragments, state, spread)) return false;
      }
    }
    return true;
  }

  private composite(name: string): GraphQLCompositeType | undefined {
    const type = this.schema.getType(name);
    return isCompositeType(type) ? type : undefined;
  }
}
