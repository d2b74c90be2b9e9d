import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { NotFoundError } from '../../core/errors/errors';
import { pkOf } from '../../core/ids/global-id';
import { payloadOf } from '../../core/graphql/payload';
import { allOf, related, rootConnection } from '../../core/graphql/relations';
import { ArchivablePageArgs } from '../../core/pagination/page-args';
import { CommunitySpec, type CommunityRow } from './community.loaders';
import { CreateCommunityInput, CreateCommunityPayload, UpdateCommunityInput, UpdateCommunityPayload } from './community.inputs';
import { communityService } from './community.service';
import { DistrictSpec } from './district.loaders';
import { CommunityConnection, CommunityType, DistrictType, StreetType } from './geography.types';
import { StreetSpec } from './street.loaders';

@ArgsType()
class CommunitiesArgs extends ArchivablePageArgs {
  @Field(() => ID, { nullable: true, description: 'Only communities of this district.' })
  districtId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only communities of this street.' })
  streetId?: string | null;
}

@Resolver(() => CommunityType)
export class CommunityResolver {
  @Query(() => CommunityConnection, { description: 'Communities, in the order they were created; optionally of one district or street.' })
  communities(@Args() args: CommunitiesArgs, @Ctx() ctx: RequestContext) {
    const byDistrict = args.districtId
      ? { key: `d${args.districtId}`, sql: 't.district_id = $1', params: [pkOf(args.districtId, 'District', 'districtId') ?? 0] }
      : undefined;
    const byStreet = args.streetId
      ? { key: `s${args.streetId}`, sql: 't.street_id = $1', params: [pkOf(args.streetId, 'Street', 'streetId') ?? 0] }
      : undefined;
    // The caller's communities only (row-level security draws the same line again).
    const reach = ctx.principal.allCommunities
      ? undefined
      : { key: 'reach', sql: 't.id = any($1::int[])', params: [[...ctx.principal.communityIds]] };
    const filter = allOf(reach, byDistrict, byStreet);
    return rootConnection(ctx, CommunityConnection, CommunitySpec, args, filter, args.archived);
  }

  @Query(() => CommunityType, { nullable: true, description: 'One community by ID; NOT_FOUND when there is none you may see.' })
  async community(@Arg('id', () => ID, { description: "The community's global ID." }) id: string, @Ctx() ctx: RequestContext) {
    const pk = pkOf(id, 'Community');
    const row = pk === undefined ? null : await ctx.loaders.node(CommunitySpec).load(pk);
    if (!row) throw new NotFoundError('Community', { argument: 'id' });
    return row;
  }

  @FieldResolver(() => DistrictType, { description: 'The district it is in.' })
  district(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return related(ctx, DistrictSpec, community.districtId);
  }

  @FieldResolver(() => StreetType, { description: 'The street office it belongs to.' })
  street(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return related(ctx, StreetSpec, community.streetId);
  }

  @Mutation(() => CreateCommunityPayload, { description: 'Creates a community with its community committee (社区党委).' })
  async createCommunity(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: CreateCommunityInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'community', CommunitySpec, await communityService.createCommunity(ctx, input));
  }

  @Mutation(() => UpdateCommunityPayload, { description: 'Renames or moves a community, or changes its details.' })
  async updateCommunity(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: UpdateCommunityInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'community', CommunitySpec, await communityService.updateCommunity(ctx, input));
  }
}
