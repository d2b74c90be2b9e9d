import { OfficeHolderType, officeHolder } from '../people/office-holder';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { NotFoundError } from '../../core/errors/errors';
import { pkOf } from '../../core/ids/global-id';
import { payloadOf } from '../../core/graphql/payload';
import { allOf, connection, related } from '../../core/graphql/relations';
import { ArchivablePageArgs, pageRequest } from '../../core/pagination/page-args';
import { PersonConnection, PersonType } from '../people/people.types';
import { PersonSpec } from '../people/person.loaders';
import { CompoundSpec } from '../places/compound.loaders';
import { PropertyMode } from '../places/places.enums';
import { CompoundConnection } from '../places/places.types';
import { CommunitySpec, type CommunityRow } from './community.loaders';
import { CommunityCommitteeSpec, type CommunityCommitteeRow } from './community-committee.loaders';
import { communityFigures } from './figures.loaders';
import {
  CreateCommunityInput,
  CreateCommunityPayload,
  UpdateCommunityCommitteeInput,
  UpdateCommunityCommitteePayload,
  UpdateCommunityInput,
  UpdateCommunityPayload,
} from './community.inputs';
import { communityService } from './community.service';
import { CompoundBranchSpec } from './compound-branch.loaders';
import { DistrictSpec } from './district.loaders';
import { BranchKind } from './hierarchy.enums';
import { CommunityCommitteeType, CommunityConnection, CommunityType, CompoundBranchConnection, DistrictType, StreetType } from './hierarchy.types';
import { StreetSpec } from './street.loaders';

@ArgsType()
class CommunitiesArgs extends ArchivablePageArgs {
  @Field(() => ID, { nullable: true, description: 'Only communities of this district.' })
  districtId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only communities of this street.' })
  streetId?: string | null;
}

@ArgsType()
class CompoundsArgs extends ArchivablePageArgs {
  @Field(() => PropertyMode, { nullable: true })
  propertyMode?: PropertyMode | null;
}

@ArgsType()
class BranchesArgs extends ArchivablePageArgs {
  @Field(() => BranchKind, { nullable: true })
  kind?: BranchKind | null;
}

@Resolver(() => CommunityType)
export class CommunityResolver {
  @Query(() => CommunityConnection, { description: 'Communities, in the order they were created; optionally of one district or street.' })
  communities(@Args() args: CommunitiesArgs, @Ctx() ctx: RequestContext) {
    const page = pageRequest(args);
    const byDistrict = args.districtId ? { key: `d${args.districtId}`, sql: 't.district_id = $1', params: [pkOf(args.districtId, 'District', 'districtId') ?? 0] } : undefined;
    const byStreet = args.streetId ? { key: `s${args.streetId}`, sql: 't.street_id = $1', params: [pkOf(args.streetId, 'Street', 'streetId') ?? 0] } : undefined;
    // The caller's communities only (row-level security draws the same line again).
    const reach = ctx.principal.allCommunities ? undefined : { key: 'reach', sql: 't.id = any($1::int[])', params: [[...ctx.principal.communityIds]] };
    const filter = allOf(reach, byDistrict, byStreet);
    return new CommunityConnection(
      () => ctx.loaders.rootPage(CommunitySpec, page, args.archived, filter),
      () => ctx.loaders.rootCount(CommunitySpec, args.archived, filter),
    );
  }

  @Query(() => CommunityType, { nullable: true, description: 'One community by ID; NOT_FOUND when there is none you may see.' })
  async community(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    const pk = pkOf(id, 'Community');
    const row = pk === undefined ? null : await ctx.loaders.node(CommunitySpec).load(pk);
    if (!row) throw new NotFoundError('Community', { argument: 'id' });
    return row;
  }

  @FieldResolver(() => DistrictType)
  district(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return related(ctx, DistrictSpec, community.districtId);
  }

  @FieldResolver(() => StreetType)
  street(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return related(ctx, StreetSpec, community.streetId);
  }

  @FieldResolver(() => CommunityCommitteeType, { nullable: true, description: 'The community committee (社区党委).' })
  committee(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.oneBy(CommunityCommitteeSpec, 'community_id').load(community.pk);
  }

  @FieldResolver(() => CompoundConnection)
  compounds(@Root() community: CommunityRow, @Args() args: CompoundsArgs, @Ctx() ctx: RequestContext) {
    const filter = args.propertyMode ? { key: `pm${args.propertyMode}`, sql: 't.property_mode = $1', params: [args.propertyMode] } : undefined;
    return connection(ctx, CompoundConnection, CompoundSpec, 'community_id', community.pk, args, filter);
  }

  @FieldResolver(() => CompoundBranchConnection, { description: 'Compound branches and joint branches of the community.' })
  compoundBranches(@Root() community: CommunityRow, @Args() args: BranchesArgs, @Ctx() ctx: RequestContext) {
    const filter = args.kind ? { key: `k${args.kind}`, sql: 't.kind = $1', params: [args.kind] } : undefined;
    return connection(ctx, CompoundBranchConnection, CompoundBranchSpec, 'community_id', community.pk, args, filter);
  }

  @FieldResolver(() => PersonConnection, { description: 'Persons on record in the community.' })
  persons(@Root() community: CommunityRow, @Args() args: ArchivablePageArgs, @Ctx() ctx: RequestContext) {
    return connection(ctx, PersonConnection, PersonSpec, 'community_id', community.pk, args);
  }

  @FieldResolver(() => Int, { description: 'Active households on record.' })
  async householdCount(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return (await communityFigures(ctx).load(community.pk)).households;
  }

  @FieldResolver(() => Int, { description: 'Current party memberships recorded here, LOCAL and EXTERNAL.' })
  async partyMemberCount(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return (await communityFigures(ctx).load(community.pk)).partyMembers;
  }

  @Mutation(() => CreateCommunityPayload)
  async createCommunity(@Arg('input') input: CreateCommunityInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'community', CommunitySpec, await communityService.createCommunity(ctx, input));
  }

  @Mutation(() => UpdateCommunityPayload)
  async updateCommunity(@Arg('input') input: UpdateCommunityInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'community', CommunitySpec, await communityService.updateCommunity(ctx, input));
  }
}

@Resolver(() => CommunityCommitteeType)
export class CommunityCommitteeResolver {
  @FieldResolver(() => CommunityType)
  community(@Root() committee: CommunityCommitteeRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CommunitySpec, committee.communityId);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: "The secretary's record: for those with a duty of care for them (secretaryProfile is the public face)." })
  secretary(@Root() committee: CommunityCommitteeRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, committee.secretaryId);
  }

  @FieldResolver(() => OfficeHolderType, { nullable: true, description: 'The secretary’s public face: name, post, plate duties and pledge.' })
  secretaryProfile(@Root() committee: CommunityCommitteeRow, @Ctx() ctx: RequestContext) {
    return officeHolder(ctx, committee.secretaryId, `${committee.name}书记`);
  }

  @FieldResolver(() => CompoundBranchConnection, { description: 'The branches under this committee.' })
  branches(@Root() committee: CommunityCommitteeRow, @Args() args: ArchivablePageArgs, @Ctx() ctx: RequestContext) {
    return connection(ctx, CompoundBranchConnection, CompoundBranchSpec, 'committee_id', committee.pk, args);
  }

  @Mutation(() => UpdateCommunityCommitteePayload)
  async updateCommunityCommittee(@Arg('input') input: UpdateCommunityCommitteeInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'committee', CommunityCommitteeSpec, await communityService.updateCommittee(ctx, input));
  }
}
