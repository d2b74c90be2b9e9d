import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../../context';
import { ancestry, wantsAncestry } from '../data/ancestry';
import type { NodeRow, NodeSpec } from '../data/node-spec';
import { selectsPath } from './selection';

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
  if (wantsAncestry(spec.type, (path) => selectsPath(info, path))) await ancestry(ctx.loaders, spec.type).load(pk);
  return ctx.loaders.node(spec).load(pk);
}
