import type { DocumentNode, FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, OperationDefinitionNode, ValueNode } from 'graphql';
import type { RequestContext } from '../../context';
import { ancestry, wantsAncestry } from '../data/ancestry';
import type { NodeRow, NodeSpec } from '../data/node-spec';
import { BadUserInputError } from '../errors/errors';
import { decodeGlobalId } from '../ids/global-id';
import { MAX_PAGE_SIZE } from '../pagination/page-args';
import { nodeSpecFor } from './node';
import { included, selectsPath, type FieldSite } from './selection';

/** Per field site and type: whether the selection walks up (asked by the rule and the resolver, for every ID). */
const walksUp = new WeakMap<readonly FieldNode[], Map<string, boolean>>();

function wantsWalk(type: string, info: GraphQLResolveInfo): boolean {
  let byType = walksUp.get(info.fieldNodes);
  if (!byType) walksUp.set(info.fieldNodes, (byType = new Map()));
  let wants = byType.get(type);
  if (wants === undefined) {
    // Kept for every request of the document: not this request's variables.
    const site: FieldSite = { fieldNodes: info.fieldNodes, fragments: info.fragments };
    byType.set(type, (wants = wantsAncestry(type, (path) => selectsPath(site, path))));
  }
  return wants;
}

/**
 * An object by primary key, as node(id:) and nodes(ids:) read it, for their read check and their
 * answer alike (the check reads first; the answer then comes from the same loader). When the
 * query walks up from it (a household's `unit { building }`), it comes in the same statement as
 * its ancestors (core/data/ancestry.ts) instead of a statement of its own before them.
 */
export async function loadNode(
  ctx: RequestContext,
  spec: NodeSpec<NodeRow>,
  pk: number,
  info: GraphQLResolveInfo,
): Promise<NodeRow | null> {
  if (wantsWalk(spec.type, info)) await ancestry(ctx.loaders, spec.type, true).load(pk);
  return ctx.loaders.node(spec).load(pk);
}

/**
 * nodes(ids:) takes at most a page of IDs. Checked by its read rule before anything is read (the
 * rule runs before the resolver, and loads every ID it is given), and by the resolver.
 */
export function tooManyIds(ids: readonly unknown[]): BadUserInputError | undefined {
  return ids.length > MAX_PAGE_SIZE ? new BadUserInputError(`ids may hold at most ${MAX_PAGE_SIZE} IDs`, { argument: 'ids' }) : undefined;
}

/**
 * At most this many IDs are read ahead in a request. The first statement also says whether the
 * principal's budget is used up, and a refused request must not buy more reading than that: past
 * the cap, the IDs are read as before, once the request was let in.
 */
const READ_AHEAD_IDS = 10;

/** The IDs an argument gives, literal or from a variable; none when they are not all strings. */
function idsOf(value: ValueNode, variables: Record<string, unknown> | undefined, most: number): string[] | undefined {
  const one = (v: ValueNode): unknown =>
    v.kind === 'Variable'
      ? variables && Object.hasOwn(variables, v.name.value)
        ? variables[v.name.value]
        : undefined
      : v.kind === 'StringValue'
        ? v.value
        : undefined;
  const given = value.kind === 'ListValue' ? (value.values.length > most ? undefined : value.values.map(one)) : one(value);
  const list = Array.isArray(given) ? (given as unknown[]) : [given];
  return list.length <= most && list.every((id): id is string => typeof id === 'string') ? list : undefined;
}

/**
 * Reads ahead, in the request's first round trip, what node(id:) and nodes(ids:) at the root of a
 * query will read first: a household that walks up, with its ancestors (loadNode). Called right
 * after the first statement (authentication) was handed to the request's runner, and before it is
 * sent: the read joins it in the same write and runs after it, under the grant it signs
 * (core/data/db.ts gathers the statements of one turn; authentication's goes first). Nothing is
 * decided here: the read rule and the resolver load the same keys from the same loader, and judge
 * the rows as before. A refused request (UNAUTHENTICATED: the grant then reaches nothing; THROTTLED)
 * answers none of it. What is not recognized here (fragments at the root, IDs of another shape, more
 * than READ_AHEAD_IDS IDs in all) is read as before, in its own round trip.
 */
export function readAheadNodes(
  ctx: RequestContext,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): void {
  if (operation.operation !== 'query') return;
  let fragments: Record<string, FragmentDefinitionNode> | undefined;
  let left = READ_AHEAD_IDS;
  for (const field of operation.selectionSet.selections) {
    if (field.kind !== 'Field' || (field.name.value !== 'node' && field.name.value !== 'nodes') || !included(field, variables)) continue;
    const argument = field.arguments?.find((a) => a.name.value === (field.name.value === 'node' ? 'id' : 'ids'));
    // More than are left: this field and the rest are read once the request is let in.
    const ids = argument && idsOf(argument.value, variables, left);
    if (!ids) continue;
    left -= ids.length;
    if (!fragments) {
      fragments = Object.create(null) as Record<string, FragmentDefinitionNode>;
      for (const d of document.definitions) if (d.kind === 'FragmentDefinition') fragments[d.name.value] = d;
    }
    // Below the root field, judged as the rule and the resolver judge it (wantsWalk: without this
    // request's variables), so that what is read ahead is what they will ask for.
    const site: FieldSite = { fieldNodes: [field], fragments };
    for (const id of ids) {
      const decoded = decodeGlobalId(id);
      const spec = decoded && nodeSpecFor(decoded.type);
      if (!decoded || !spec || !wantsAncestry(spec.type, (path) => selectsPath(site, path))) continue;
      // Its rows are the rule's and the resolver's (the loader keeps them). A failure is logged here,
      // where its cause is known: the loader forgets a failed key, so the rule reads it again and
      // meets the aborted transaction instead.
      ancestry(ctx.loaders, spec.type, true)
        .load(decoded.pk)
        .catch((err: unknown) => ctx.logger.warn('the read ahead of node(id:) failed', { requestId: ctx.requestId, error: String(err) }));
    }
  }
}
