import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** What a walk of a selection needs: the field's nodes and the operation's fragments (a resolver's info has both). */
export type FieldSite = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

/**
 * Calls `visit` for each field of a selection set, through inline fragments and named fragments
 * (each named fragment followed once per walk: spread again, it holds the same fields); stops at
 * the first visit that returns true, and says whether one did.
 */
function someField(
  info: Pick<FieldSite, 'fragments'>,
  set: SelectionSetNode | undefined,
  visit: (field: FieldNode) => boolean | void,
  seen: Set<string> = new Set(),
): boolean {
  if (!set) return false;
  for (const selection of set.selections) {
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
  for (const node of info.fieldNodes)
    someField(info, node.selectionSet, (field) => {
      if (field.name.value === 'nodes') someField(info, field.selectionSet, collect);
      else if (field.name.value === 'edges')
        someField(info, field.selectionSet, (edge) => void (edge.name.value === 'node' && someField(info, edge.selectionSet, collect)));
    });
  nodeFieldsBySite.set(info.fieldNodes, found);
  return found;
}
