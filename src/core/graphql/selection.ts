import {
  getDirectiveValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * What a walk of a selection needs: the field's nodes and the operation's fragments (a resolver's
 * info has both), and the variables that @skip and @include may name. Without variables, a
 * directive that names one leaves its selection in: what is kept per field site, for every request
 * of a document, must not depend on one request's variables (a walk that finds more than is asked
 * only reads more).
 */
export type FieldSite = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'> & Partial<Pick<GraphQLResolveInfo, 'variableValues'>>;

/** Whether @skip/@include leave a selection in; when it cannot be told (a variable missing or not coerced yet), in. */
export function included(selection: SelectionNode, variables: Record<string, unknown> | undefined): boolean {
  if (!selection.directives?.length) return true;
  try {
    if (getDirectiveValues(GraphQLSkipDirective, selection, variables)?.if === true) return false;
    return getDirectiveValues(GraphQLIncludeDirective, selection, variables)?.if !== false;
  } catch {
    return true;
  }
}

/**
 * Calls `visit` for each field of a selection set that @skip/@include leave in, through inline fragments and named fragments
 * (each named fragment followed once per walk: spread again, it holds the same fields); stops at
 * the first visit that returns true, and says whether one did.
 */
function someField(
  info: Pick<FieldSite, 'fragments' | 'variableValues'>,
  set: SelectionSetNode | undefined,
  visit: (field: FieldNode) => boolean | void,
  seen: Set<string> = new Set(),
): boolean {
  if (!set) return false;
  for (const selection of set.selections) {
    if (!included(selection, info.variableValues)) continue;
    if (selection.kind === 'Field') {
      if (visit(selection)) return true;
    } else if (selection.kind === 'InlineFragment') {
      if (someField(info, selection.selectionSet, visit, seen)) return true;
    } else {
      const name = selection.name.value;
      if (seen.has(name)) continue;
      seen.add(name);
      if (someField(info, info.fragments[name]?.selectionSet, visit, seen)) return true;
    }
  }
  return false;
}

/**
 * Whether the field being resolved asks for the sub-field `name` (directly, or through a fragment).
 * Lets a resolver read further ahead in one statement when the query will walk there anyway, and
 * stay with the narrow read when it will not.
 */
export function selects(info: GraphQLResolveInfo, name: string): boolean {
  return info.fieldNodes.some((node) => someField(info, node.selectionSet, (field) => field.name.value === name));
}

/**
 * Whether the field being resolved asks for the nested sub-field `path` (`['unit', 'building']`:
 * `unit { building }`), through fragments at every level.
 */
export function selectsPath(info: FieldSite, path: readonly string[]): boolean {
  const walk = (set: SelectionSetNode | undefined, depth: number): boolean =>
    someField(info, set, (field) => field.name.value === path[depth] && (depth === path.length - 1 || walk(field.selectionSet, depth + 1)));
  return path.length > 0 && info.fieldNodes.some((node) => walk(node.selectionSet, 0));
}

const nodeFieldsBySite = new WeakMap<readonly FieldNode[], ReadonlySet<string>>();

/**
 * The fields a connection field's nodes ask for, under `nodes` and `edges { node }`, through
 * fragments of any type condition (a superset is harmless: it only reads a column more). Kept per
 * field site: a level of a walk asks the same for each of its hundreds of parents.
 */
export function nodeFields(info: GraphQLResolveInfo): ReadonlySet<string> {
  const known = nodeFieldsBySite.get(info.fieldNodes);
  if (known) return known;
  const found = new Set<string>();
  const collect = (field: FieldNode) => void found.add(field.name.value);
  // Kept for every request of the document: not this request's variables.
  const site = { fragments: info.fragments };
  for (const node of info.fieldNodes)
    someField(site, node.selectionSet, (field) => {
      if (field.name.value === 'nodes') someField(site, field.selectionSet, collect);
      else if (field.name.value === 'edges')
        someField(site, field.selectionSet, (edge) => void (edge.name.value === 'node' && someField(site, edge.selectionSet, collect)));
    });
  nodeFieldsBySite.set(info.fieldNodes, found);
  return found;
}
