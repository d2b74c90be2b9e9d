import type { FieldNode, GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../../context';
import { ancestry, wantsAncestry } from '../data/ancestry';
import type { NodeRow, NodeSpec } from '../data/node-spec';
import { BadUserInputError } from '../errors/errors';
import { MAX_PAGE_SIZE } from '../pagination/page-args';
import { selectsPath } from './selection';

/** Per field site and type: whether the selection walks up (asked by the rule and the resolver, for every ID). */
const walksUp = new WeakMap<readonly FieldNode[], Map<string, boolean>>();

function wantsWalk(type: string, info: GraphQLResolveInfo): boolean {
  let byType = walksUp.get(info.fieldNodes);
  if (!byType) walksUp.set(info.fieldNodes, (byType = new Map()));
  let wants = byType.get(type);
  if (wants === undefined) byType.set(type, (wants = wantsAncestry(type, (path) => selectsPath(info, path))));
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
