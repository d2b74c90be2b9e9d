import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Info, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { ancestry } from '../../core/data/ancestry';
import { payloadOf } from '../../core/graphql/payload';
import { selects } from '../../core/graphql/selection';
import { connection, related } from '../../core/graphql/relations';
import { ArchivablePageArgs, ArchivedFilter } from '../../core/pagination/page-args';
import { CommunitySpec, type CommunityRow } from '../geography/community.loaders';
import { CommunityType } from '../geography/geography.types';
import { communityHouseholdCounts, compoundHouseholdCounts } from './figures.loaders';
import { BuildingSpec, type BuildingRow } from './building.loaders';
import { buildingHouseholdCounts } from './building-households.loaders';
import { CompoundSpec, type CompoundRow } from './compound.loaders';
import { HOUSEHOLD_ANCESTRY } from './household-ancestry';
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
import { PropertyMode } from './places.enums';
import {
  BuildingConnection,
  BuildingType,
  CompoundConnection,
  CompoundType,
  HouseholdConnection,
  HouseholdType,
  UnitConnection,
  UnitType,
} from './places.types';
import { UnitSpec, type UnitRow } from './unit.loaders';

@ArgsType()
class CompoundsArgs extends ArchivablePageArgs {
  @Field(() => PropertyMode, { nullable: true, description: 'Only compounds managed this way; all when absent.' })
  propertyMode?: PropertyMode | null;
}

/** What the places add to a community. */
@Resolver(() => CommunityType)
export class CommunityPlacesResolver {
  @FieldResolver(() => CompoundConnection, { description: 'Its compounds (小区).' })
  compounds(@Root() community: CommunityRow, @Args() args: CompoundsArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    const filter = args.propertyMode
      ? { key: `pm${args.propertyMode}`, sql: 't.property_mode = $1', params: [args.propertyMode] }
      : undefined;
    return connection(ctx, info, CompoundConnection, CompoundSpec, 'community_id', community.pk, args, filter);
  }

  @FieldResolver(() => Int, { description: 'Active households on record.' })
  householdCount(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return communityHouseholdCounts(ctx).load(community.pk);
  }
}

@Resolver(() => CompoundType)
export class CompoundResolver {
  @FieldResolver(() => CommunityType, { description: 'The community it lies in.' })
  community(@Root() compound: CompoundRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CommunitySpec, compound.communityId);
  }

  @FieldResolver(() => Int, { description: 'Active households on record in the compound.' })
  householdCount(@Root() compound: CompoundRow, @Ctx() ctx: RequestContext) {
    return compoundHouseholdCounts(ctx).load(compound.pk);
  }

  @FieldResolver(() => BuildingConnection, { description: 'Its buildings.' })
  buildings(@Root() compound: CompoundRow, @Args() args: ArchivablePageArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return connection(ctx, info, BuildingConnection, BuildingSpec, 'compound_id', compound.pk, args);
  }

  @Mutation(() => CreateCompoundPayload, {
    description: 'Adds a compound (小区) to a community; its branch follows through the organization module.',
  })
  async createCompound(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: CreateCompoundInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'compound', CompoundSpec, await placesService.createCompound(ctx, input));
  }

  @Mutation(() => UpdateCompoundPayload, { description: "Changes a compound's name, address or property mode." })
  async updateCompound(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: UpdateCompoundInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'compound', CompoundSpec, await placesService.updateCompound(ctx, input));
  }
}

@Resolver(() => BuildingType)
export class BuildingResolver {
  @FieldResolver(() => CompoundType, { description: 'The compound it stands in.' })
  compound(@Root() building: BuildingRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundSpec, building.compoundId);
  }

  @FieldResolver(() => UnitConnection, { description: 'Its units (单元).' })
  units(@Root() building: BuildingRow, @Args() args: ArchivablePageArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return connection(ctx, info, UnitConnection, UnitSpec, 'building_id', building.pk, args);
  }

  @FieldResolver(() => HouseholdConnection, { description: 'Households of all units of the building.' })
  households(
    @Root() building: BuildingRow,
    @Args() args: ArchivablePageArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const active = (args.archived ?? ArchivedFilter.ACTIVE) === ArchivedFilter.ACTIVE;
    const kept = active ? buildingHouseholdCounts(ctx) : undefined;
    return connection(ctx, info, HouseholdConnection, HouseholdSpec, 'building_id', building.pk, args, undefined, kept);
  }

  @Mutation(() => CreateBuildingPayload, { description: 'Adds a building to a compound.' })
  async createBuilding(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: CreateBuildingInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'building', BuildingSpec, await placesService.createBuilding(ctx, input));
  }

  @Mutation(() => UpdateBuildingPayload, { description: "Changes a building's number or floors." })
  async updateBuilding(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: UpdateBuildingInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'building', BuildingSpec, await placesService.updateBuilding(ctx, input));
  }
}

@Resolver(() => UnitType)
export class UnitResolver {
  @FieldResolver(() => BuildingType, { description: 'The building.' })
  building(@Root() unit: UnitRow, @Ctx() ctx: RequestContext) {
    return related(ctx, BuildingSpec, unit.buildingId);
  }

  @FieldResolver(() => HouseholdConnection, { description: 'Its households.' })
  households(@Root() unit: UnitRow, @Args() args: ArchivablePageArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return connection(ctx, info, HouseholdConnection, HouseholdSpec, 'unit_id', unit.pk, args, undefined, undefined, unit);
  }

  @Mutation(() => CreateUnitPayload, { description: 'Adds a unit (单元) to a building.' })
  async createUnit(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: CreateUnitInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'unit', UnitSpec, await placesService.createUnit(ctx, input));
  }

  @Mutation(() => UpdateUnitPayload, { description: "Changes a unit's number." })
  async updateUnit(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: UpdateUnitInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'unit', UnitSpec, await placesService.updateUnit(ctx, input));
  }
}

@Resolver(() => HouseholdType)
export class HouseholdResolver {
  @FieldResolver(() => UnitType, { description: 'The unit.' })
  async unit(@Root() household: HouseholdRow, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    // Walking on up: the whole ancestry in one statement rather than one per level.
    if (selects(info, 'building')) await ancestry(ctx.loaders, HOUSEHOLD_ANCESTRY).load(household.pk);
    return related(ctx, UnitSpec, household.unitId);
  }

  @FieldResolver(() => BuildingType, { description: 'The building.' })
  building(@Root() household: HouseholdRow, @Ctx() ctx: RequestContext) {
    return related(ctx, BuildingSpec, household.buildingId);
  }

  @FieldResolver(() => CompoundType, { description: 'The compound.' })
  compound(@Root() household: HouseholdRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundSpec, household.compoundId);
  }

  @FieldResolver(() => CommunityType, { description: 'The community.' })
  community(@Root() household: HouseholdRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CommunitySpec, household.communityId);
  }

  @Mutation(() => CreateHouseholdPayload, { description: 'Adds a household to a unit (the door number is personal data).' })
  async createHousehold(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: CreateHouseholdInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'household', HouseholdSpec, await placesService.createHousehold(ctx, input));
  }

  @Mutation(() => UpdateHouseholdPayload, { description: "Changes a household's door number, area or vulnerability tags." })
  async updateHousehold(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: UpdateHouseholdInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'household', HouseholdSpec, await placesService.updateHousehold(ctx, input));
  }
}
