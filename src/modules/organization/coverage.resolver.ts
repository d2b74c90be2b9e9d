import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { ancestry } from '../../core/data/ancestry';
import { payloadOf } from '../../core/graphql/payload';
import { related } from '../../core/graphql/relations';
import { BuildingSpec, type BuildingRow } from '../places/building.loaders';
import { type CompoundRow } from '../places/compound.loaders';
import { type HouseholdRow } from '../places/household.loaders';
import { BuildingType, CompoundType, HouseholdType } from '../places/places.types';
import { BuildingGroupSpec } from './building-group.loaders';
import { CompoundBranchSpec } from './compound-branch.loaders';
import { CompoundBranchAssignmentSpec } from './compound-branch-assignment.loaders';
import { MoveBuildingInput, MoveBuildingPayload } from './coverage.inputs';
import { HOUSEHOLD_ANCESTRY } from './household-ancestry';
import { ACTIVE_DESIGNATION, MemberHouseholdSpec } from './member-household.loaders';
import { BuildingGroupType, CompoundBranchAssignmentType, CompoundBranchType, MemberHouseholdType } from './organization.types';
import { placementService } from './placement.service';

/** Which branch covers a compound, now and before. */
@Resolver(() => CompoundType)
export class CompoundOrganizationResolver {
  @FieldResolver(() => CompoundBranchType, { nullable: true, description: 'The branch covering the compound now.' })
  branch(@Root() compound: CompoundRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundBranchSpec, compound.branchId);
  }

  @FieldResolver(() => [CompoundBranchAssignmentType], {
    description: 'Every branch that has covered the compound, with the periods; oldest first.',
  })
  branchHistory(@Root() compound: CompoundRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(CompoundBranchAssignmentSpec, 'compound_id', 't.since, t.id').load(compound.pk);
  }
}

/** The building group a building belongs to, and moving it to another. */
@Resolver(() => BuildingType)
export class BuildingOrganizationResolver {
  @FieldResolver(() => BuildingGroupType, { description: 'The building group (楼栋党小组) the building belongs to.', nullable: true })
  buildingGroup(@Root() building: BuildingRow, @Ctx() ctx: RequestContext) {
    return related(ctx, BuildingGroupSpec, building.groupId);
  }

  @Mutation(() => MoveBuildingPayload, {
    description: 'Moves a building to another building group of the same branch, or out of any group.',
  })
  async moveBuilding(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: MoveBuildingInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'building', BuildingSpec, await placementService.moveBuilding(ctx, input));
  }
}

/** A household's building group and its member-household designation. */
@Resolver(() => HouseholdType)
export class HouseholdOrganizationResolver {
  @FieldResolver(() => BuildingGroupType, { nullable: true, description: 'The building group of the household’s building (楼院党小组).' })
  async buildingGroup(@Root() household: HouseholdRow, @Ctx() ctx: RequestContext) {
    // Building and group (and what lies above them) in one statement instead of one per level.
    await ancestry(ctx.loaders, HOUSEHOLD_ANCESTRY).load(household.pk);
    const building = await ctx.loaders.node(BuildingSpec).load(household.buildingId);
    return related(ctx, BuildingGroupSpec, building?.groupId);
  }

  @FieldResolver(() => MemberHouseholdType, {
    nullable: true,
    description: 'Its current member-household designation (党员中心户), if any.',
  })
  memberHousehold(@Root() household: HouseholdRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.oneBy(MemberHouseholdSpec, 'household_id', ACTIVE_DESIGNATION).load(household.pk);
  }
}
