import { Arg, Args, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { maskDoorNo, maySeePersonalData } from '../../core/auth/personal-data';
import { payloadOf } from '../../core/graphql/payload';
import { connection, related } from '../../core/graphql/relations';
import { ArchivablePageArgs } from '../../core/pagination/page-args';
import { BuildingGroupSpec } from '../hierarchy/building-group.loaders';
import { CommunitySpec } from '../hierarchy/community.loaders';
import { CompoundBranchSpec } from '../hierarchy/compound-branch.loaders';
import { CompoundBranchAssignmentSpec } from '../hierarchy/compound-branch-assignment.loaders';
import { compoundHouseholdCounts } from '../hierarchy/figures.loaders';
import { BuildingGroupType, CommunityType, CompoundBranchAssignmentType, CompoundBranchType, MemberHouseholdType } from '../hierarchy/hierarchy.types';
import { ACTIVE_DESIGNATION, MemberHouseholdSpec } from '../hierarchy/member-household.loaders';
import { PersonConnection } from '../people/people.types';
import { PersonSpec } from '../people/person.loaders';
import { BuildingSpec, type BuildingRow } from './building.loaders';
import { CompoundSpec, type CompoundRow } from './compound.loaders';
import { HouseholdSpec, type HouseholdRow } from './household.loaders';
import {
  CreateBuildingInput,
  CreateBuildingPayload,
  CreateCompoundInput,
  CreateCompoundPayload,
  CreateHouseholdInput,
  CreateHouseholdPayload,
  CreateUnitInput,
  CreateUnitPayload,
  MoveBuildingInput,
  MoveBuildingPayload,
  UpdateBuildingInput,
  UpdateBuildingPayload,
  UpdateCompoundInput,
  UpdateCompoundPayload,
  UpdateHouseholdInput,
  UpdateHouseholdPayload,
  UpdateUnitInput,
  UpdateUnitPayload,
} from './places.inputs';
import { placesService } from './places.service';
import { VulnerabilityTag } from './places.enums';
import { BuildingConnection, BuildingType, CompoundType, HouseholdConnection, HouseholdType, UnitConnection, UnitType } from './places.types';
import { UnitSpec, type UnitRow } from './unit.loaders';

@Resolver(() => CompoundType)
export class CompoundResolver {
  @FieldResolver(() => CommunityType)
  community(@Root() compound: CompoundRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CommunitySpec, compound.communityId);
  }

  @FieldResolver(() => CompoundBranchType, { nullable: true, description: 'The branch covering the compound now.' })
  branch(@Root() compound: CompoundRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundBranchSpec, compound.branchId);
  }

  @FieldResolver(() => [CompoundBranchAssignmentType], { description: 'Every branch that has covered the compound, with the periods; oldest first.' })
  branchHistory(@Root() compound: CompoundRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(CompoundBranchAssignmentSpec, 'compound_id', 't.since, t.id').load(compound.pk);
  }

  @FieldResolver(() => Int, { description: 'Active households on record in the compound.' })
  householdCount(@Root() compound: CompoundRow, @Ctx() ctx: RequestContext) {
    return compoundHouseholdCounts(ctx).load(compound.pk);
  }

  @FieldResolver(() => BuildingConnection)
  buildings(@Root() compound: CompoundRow, @Args() args: ArchivablePageArgs, @Ctx() ctx: RequestContext) {
    return connection(ctx, BuildingConnection, BuildingSpec, 'compound_id', compound.pk, args);
  }

  @Mutation(() => CreateCompoundPayload)
  async createCompound(@Arg('input') input: CreateCompoundInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'compound', CompoundSpec, await placesService.createCompound(ctx, input));
  }

  @Mutation(() => UpdateCompoundPayload)
  async updateCompound(@Arg('input') input: UpdateCompoundInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'compound', CompoundSpec, await placesService.updateCompound(ctx, input));
  }
}

@Resolver(() => BuildingType)
export class BuildingResolver {
  @FieldResolver(() => CompoundType)
  compound(@Root() building: BuildingRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundSpec, building.compoundId);
  }

  @FieldResolver(() => BuildingGroupType, { nullable: true })
  buildingGroup(@Root() building: BuildingRow, @Ctx() ctx: RequestContext) {
    return related(ctx, BuildingGroupSpec, building.groupId);
  }

  @FieldResolver(() => UnitConnection)
  units(@Root() building: BuildingRow, @Args() args: ArchivablePageArgs, @Ctx() ctx: RequestContext) {
    return connection(ctx, UnitConnection, UnitSpec, 'building_id', building.pk, args);
  }

  @FieldResolver(() => HouseholdConnection, { description: 'Households of all units of the building.' })
  households(@Root() building: BuildingRow, @Args() args: ArchivablePageArgs, @Ctx() ctx: RequestContext) {
    return connection(ctx, HouseholdConnection, HouseholdSpec, 'building_id', building.pk, args);
  }

  @Mutation(() => CreateBuildingPayload)
  async createBuilding(@Arg('input') input: CreateBuildingInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'building', BuildingSpec, await placesService.createBuilding(ctx, input));
  }

  @Mutation(() => UpdateBuildingPayload)
  async updateBuilding(@Arg('input') input: UpdateBuildingInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'building', BuildingSpec, await placesService.updateBuilding(ctx, input));
  }

  @Mutation(() => MoveBuildingPayload, { description: 'Moves a building to another building group of the same branch, or out of any group.' })
  async moveBuilding(@Arg('input') input: MoveBuildingInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'building', BuildingSpec, await placesService.moveBuilding(ctx, input));
  }
}

@Resolver(() => UnitType)
export class UnitResolver {
  @FieldResolver(() => BuildingType)
  building(@Root() unit: UnitRow, @Ctx() ctx: RequestContext) {
    return related(ctx, BuildingSpec, unit.buildingId);
  }

  @FieldResolver(() => HouseholdConnection)
  households(@Root() unit: UnitRow, @Args() args: ArchivablePageArgs, @Ctx() ctx: RequestContext) {
    return connection(ctx, HouseholdConnection, HouseholdSpec, 'unit_id', unit.pk, args);
  }

  @Mutation(() => CreateUnitPayload)
  async createUnit(@Arg('input') input: CreateUnitInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'unit', UnitSpec, await placesService.createUnit(ctx, input));
  }

  @Mutation(() => UpdateUnitPayload)
  async updateUnit(@Arg('input') input: UpdateUnitInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'unit', UnitSpec, await placesService.updateUnit(ctx, input));
  }
}

@Resolver(() => HouseholdType)
export class HouseholdResolver {
  @FieldResolver(() => String, { description: 'Room number on the door, e.g. 101. Personal data: masked (5**) without a duty of care.' })
  doorNo(@Root() household: HouseholdRow, @Ctx() ctx: RequestContext): string {
    return maySeePersonalData(ctx.principal, household) ? household.doorNo : maskDoorNo(household.doorNo);
  }

  @FieldResolver(() => [VulnerabilityTag], { nullable: true, description: 'The 147 linkage categories that apply. Personal data: null without a duty of care.' })
  vulnerabilityTags(@Root() household: HouseholdRow, @Ctx() ctx: RequestContext): string[] | null {
    return maySeePersonalData(ctx.principal, household) ? household.vulnerabilityTags : null;
  }

  @FieldResolver(() => UnitType)
  unit(@Root() household: HouseholdRow, @Ctx() ctx: RequestContext) {
    return related(ctx, UnitSpec, household.unitId);
  }

  @FieldResolver(() => BuildingType)
  building(@Root() household: HouseholdRow, @Ctx() ctx: RequestContext) {
    return related(ctx, BuildingSpec, household.buildingId);
  }

  @FieldResolver(() => CompoundType)
  compound(@Root() household: HouseholdRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundSpec, household.compoundId);
  }

  @FieldResolver(() => CommunityType)
  community(@Root() household: HouseholdRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CommunitySpec, household.communityId);
  }

  @FieldResolver(() => BuildingGroupType, { nullable: true, description: 'The building group of the household’s building (楼院党小组).' })
  async buildingGroup(@Root() household: HouseholdRow, @Ctx() ctx: RequestContext) {
    const building = await ctx.loaders.node(BuildingSpec).load(household.buildingId);
    return related(ctx, BuildingGroupSpec, building?.groupId);
  }

  @FieldResolver(() => MemberHouseholdType, { nullable: true, description: 'Its current member-household designation (党员中心户), if any.' })
  memberHousehold(@Root() household: HouseholdRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.oneBy(MemberHouseholdSpec, 'household_id', ACTIVE_DESIGNATION).load(household.pk);
  }

  @FieldResolver(() => PersonConnection)
  persons(@Root() household: HouseholdRow, @Args() args: ArchivablePageArgs, @Ctx() ctx: RequestContext) {
    return connection(ctx, PersonConnection, PersonSpec, 'household_id', household.pk, args);
  }

  @Mutation(() => CreateHouseholdPayload)
  async createHousehold(@Arg('input') input: CreateHouseholdInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'household', HouseholdSpec, await placesService.createHousehold(ctx, input));
  }

  @Mutation(() => UpdateHouseholdPayload)
  async updateHousehold(@Arg('input') input: UpdateHouseholdInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'household', HouseholdSpec, await placesService.updateHousehold(ctx, input));
  }
}
