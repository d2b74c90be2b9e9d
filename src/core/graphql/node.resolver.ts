import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { BadUserInputError } from '../errors/errors';
import { decodeGlobalId } from '../ids/global-id';
import { MAX_PAGE_SIZE } from '../pagination/page-args';
import { beyondReach, Node, nodeSpecFor } from './node';
import { loadNode, tooManyIds } from './node-load';

async function load(ctx: RequestContext, id: string, argument: string, info: GraphQLResolveInfo) {
  const decoded = decodeGlobalId(id);
  if (!decoded) throw new BadUserInputError(`${argument} is not a valid ID`, { argument });
  const spec = nodeSpecFor(decoded.type);
  const row = spec ? await loadNode(ctx, spec, decoded.pk, info) : null;
  // Beyond the caller's reach (another tenant's): as if there were none.
  return row && beyondReach(ctx.principal, decoded.type, row) ? null : row;
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by global ID; null when there is none you may see.' })
  node(
    @Arg('id', () => ID, { description: "A global ID, as any object's `id` gives it." }) id: string,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return load(ctx, id, 'id', info);
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: `Objects by global ID, in the order asked (null where none), at most ${MAX_PAGE_SIZE}.`,
  })
  nodes(
    @Arg('ids', () => [ID], { description: 'Global IDs; the answer keeps their order.' }) ids: string[],
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const tooMany = tooManyIds(ids);
    if (tooMany) throw tooMany;
    return Promise.all(ids.map((id, i) => load(ctx, id, `ids[${i}]`, info)));
  }
}
