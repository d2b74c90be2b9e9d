import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * Whether the field being resolved asks for the sub-field `name` (directly, or through a fragment).
 * Lets a resolver read further ahead in one statement when the query will walk there anyway, and
 * stay with the narrow read when it will not.
 */
export function selects(info: GraphQLResolveInfo, name: string): boolean {
  const seen = new Set<string>();
  const within = (set: SelectionSetNode | undefined): boolean => {
    if (!set) return false;
    for (const selection of set.selections) {
      if (selection.kind === 'Field') {
        if (selection.name.value === name) return true;
      } else if (selection.kind === 'InlineFragment') {
        if (within(selection.selectionSet)) return true;
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        if (within(info.fragments[selection.name.value]?.selectionSet)) return true;
      }
    }
    return false;
  };
  return info.fieldNodes.some((node) => within(node.selectionSet));
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
  const seen = new Set<string>();
  const each = (set: SelectionSetNode | undefined, visit: (field: FieldNode) => void): void => {
    if (!set) return;
    for (const selection of set.selections) {
      if (selection.kind === 'Field') visit(selection);
      else if (selection.kind === 'InlineFragment') each(selection.selectionSet, visit);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        each(info.fragments[selection.name.value]?.selectionSet, visit);
        seen.delete(selection.name.value);
      }
    }
  };
  const collect = (field: FieldNode) => void found.add(field.name.value);
  for (const node of info.fieldNodes)
    each(node.selectionSet, (field) => {
      if (field.name.value === 'nodes') each(field.selectionSet, collect);
      else if (field.name.value === 'edges')
        each(field.selectionSet, (edge) => {
          if (edge.name.value === 'node') each(edge.selectionSet, collect);
        });
    });
  nodeFieldsBySite.set(info.fieldNodes, found);
  return found;
}
