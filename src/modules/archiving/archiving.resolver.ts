import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../context';
import { nodeSpecFor } from '../../core/graphql/node';
import type { MutationOutcome } from '../../core/graphql/mutation';
import type { DecodedId } from '../../core/ids/global-id';
import { ArchiveNodeInput, ArchiveNodePayload, RestoreNodeInput, RestoreNodePayload } from './archiving.inputs';
import { archivingService } from './archiving.service';

async function nodeOf(ctx: RequestContext, outcome: MutationOutcome<DecodedId>) {
  const spec = outcome.value && nodeSpecFor(outcome.value.type);
  const node = spec && outcome.value ? await ctx.loaders.node(spec).load(outcome.value.pk) : null;
  return { node, userErrors: outcome.userErrors };
}

@Resolver()
export class ArchivingResolver {
  @Mutation(() => ArchiveNodePayload, {
    description: 'Archives (soft-deletes) a node without active children. Reversible with restoreNode.',
  })
  async archiveNode(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: ArchiveNodeInput,
    @Ctx() ctx: RequestContext,
  ) {
    return nodeOf(ctx, await archivingService.archive(ctx, input));
  }

  @Mutation(() => RestoreNodePayload, { description: 'Restores an archived node whose parents are active.' })
  async restoreNode(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: RestoreNodeInput,
    @Ctx() ctx: RequestContext,
  ) {
    return nodeOf(ctx, await archivingService.restore(ctx, input));
  }
}
