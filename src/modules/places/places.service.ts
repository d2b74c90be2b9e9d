import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { registerUniqueConstraint } from '../../core/graphql/constraints';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { todayUtc } from '../../core/graphql/scalars';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { BuildingGroup } from '../hierarchy/building-group.entity';
import { Community } from '../hierarchy/community.entity';
import { CompoundBranch } from '../hierarchy/compound-branch.entity';
import { CompoundBranchAssignment } from '../hierarchy/compound-branch-assignment.entity';
import { BranchAssignmentReason } from '../hierarchy/hierarchy.enums';
import { Building } from './building.entity';
import { Compound } from './compound.entity';
import { Household } from './household.entity';
import type {
  CreateBuildingInput,
  CreateCompoundInput,
  CreateHouseholdInput,
  CreateUnitInput,
  MoveBuildingInput,
  UpdateBuildingInput,
  UpdateCompoundInput,
  UpdateHouseholdInput,
  UpdateUnitInput,
} from './places.inputs';
import { Unit } from './unit.entity';

registerUniqueConstraint('compound_community_id_name_unique', 'name', 'A compound with this name already exists in this community');
registerUniqueConstraint('building_compound_id_name_unique', 'name', 'A building with this name already exists in this compound');
registerUniqueConstraint('unit_building_id_name_unique', 'name', 'A unit with this name already exists in this building');
registerUniqueConstraint('household_unit_id_door_no_unique', 'doorNo', 'A household with this door number already exists in this unit');

function decimal(value: number | null | undefined): string | null | undefined {
  return value === undefined ? undefined : value === null ? null : value.toFixed(2);
}

/**
 * A building may join only a group of the branch that covers its compound: the organization tree
 * and the places tree must agree about who looks after whom.
 */
async function groupForBuilding(em: EntityManager, compound: Compound, groupId: string, field: string): Promise<BuildingGroup> {
  const group = await findByGlobalId(em, BuildingGroup, 'BuildingGroup', groupId, field);
  if (group.archivedAt) refuse(field, UserErrorCode.PARENT_ARCHIVED, 'The building group is archived');
  if (!compound.branch || group.branch.id !== compound.branch.id) {
    refuse(field, UserErrorCode.MISMATCH, 'The building group belongs to a branch that does not cover this compound');
  }
  return group;
}

/** Compounds, buildings, units and households: the places tree of a community. */
export const placesService = {
  /** Creates a compound, optionally under a branch from a date (recorded in its branch history). */
  createCompound(ctx: RequestContext, input: CreateCompoundInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const community = await findByGlobalId(em, Community, 'Community', input.communityId, 'communityId');
      if (community.archivedAt) refuse('communityId', UserErrorCode.PARENT_ARCHIVED, 'The community is archived');
      const branch = input.branchId ? await findByGlobalId(em, CompoundBranch, 'CompoundBranch', input.branchId, 'branchId') : null;
      if (branch && branch.community.id !== community.id) refuse('branchId', UserErrorCode.MISMATCH, 'The branch belongs to another community');
      if (branch?.archivedAt) refuse('branchId', UserErrorCode.PARENT_ARCHIVED, 'The branch is archived');
      const compound = em.create(Compound, {
        community,
        name: input.name,
        propertyMode: input.propertyMode,
        builtYear: input.builtYear ?? null,
        branch: branch ? ref(branch) : null,
      });
      if (branch) {
        em.create(CompoundBranchAssignment, { community, compound, branch, since: input.branchSince ?? todayUtc(), reason: BranchAssignmentReason.ASSIGNED });
      }
      await em.flush();
      return compound.id;
    });
  },

  /** Renames a compound or corrects its property mode or year built. */
  updateCompound(ctx: RequestContext, input: UpdateCompoundInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const compound = await findByGlobalId(em, Compound, 'Compound', input.id, 'id');
      if (input.name !== undefined) compound.name = input.name;
      if (input.propertyMode !== undefined && input.propertyMode !== null) compound.propertyMode = input.propertyMode;
      if (input.builtYear !== undefined) compound.builtYear = input.builtYear;
      await em.flush();
      return compound.id;
    });
  },

  /** Creates a building, optionally in a building group of the branch covering the compound. */
  createBuilding(ctx: RequestContext, input: CreateBuildingInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const compound = await findByGlobalId(em, Compound, 'Compound', input.compoundId, 'compoundId');
      if (compound.archivedAt) refuse('compoundId', UserErrorCode.PARENT_ARCHIVED, 'The compound is archived');
      const group = input.buildingGroupId ? await groupForBuilding(em, compound, input.buildingGroupId, 'buildingGroupId') : null;
      const building = em.create(Building, { community: compound.community, compound, group: group ? ref(group) : null, name: input.name, floors: input.floors ?? null });
      await em.flush();
      return building.id;
    });
  },

  /** Renames a building or corrects its floors. */
  updateBuilding(ctx: RequestContext, input: UpdateBuildingInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const building = await findByGlobalId(em, Building, 'Building', input.id, 'id');
      if (input.name !== undefined) building.name = input.name;
      if (input.floors !== undefined) building.floors = input.floors;
      await em.flush();
      return building.id;
    });
  },

  /** Moves a building to another building group (or out of any); its units, households and people follow. */
  moveBuilding(ctx: RequestContext, input: MoveBuildingInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const building = await findByGlobalId(em, Building, 'Building', input.buildingId, 'buildingId');
      if (building.archivedAt) refuse('buildingId', UserErrorCode.ARCHIVED, 'The building is archived');
      const compound = await em.findOneOrFail(Compound, building.compound.id);
      const group = input.buildingGroupId ? await groupForBuilding(em, compound, input.buildingGroupId, 'buildingGroupId') : null;
      building.group = group ? ref(group) : null;
      await em.flush();
      return building.id;
    });
  },

  /** Creates a stairwell unit in a building. */
  createUnit(ctx: RequestContext, input: CreateUnitInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const building = await findByGlobalId(em, Building, 'Building', input.buildingId, 'buildingId');
      if (building.archivedAt) refuse('buildingId', UserErrorCode.PARENT_ARCHIVED, 'The building is archived');
      const unit = em.create(Unit, { community: building.community, building, name: input.name });
      await em.flush();
      return unit.id;
    });
  },

  /** Renames a unit. */
  updateUnit(ctx: RequestContext, input: UpdateUnitInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const unit = await findByGlobalId(em, Unit, 'Unit', input.id, 'id');
      if (input.name !== undefined) unit.name = input.name;
      await em.flush();
      return unit.id;
    });
  },

  /** Creates a household in a unit. */
  createHousehold(ctx: RequestContext, input: CreateHouseholdInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const unit = await findByGlobalId(em, Unit, 'Unit', input.unitId, 'unitId');
      if (unit.archivedAt) refuse('unitId', UserErrorCode.PARENT_ARCHIVED, 'The unit is archived');
      const building = await em.findOneOrFail(Building, unit.building.id);
      const household = em.create(Household, {
        community: unit.community,
        compound: building.compound,
        building,
        unit,
        doorNo: input.doorNo,
        areaSqm: decimal(input.areaSqm) ?? null,
        vulnerabilityTags: [...new Set(input.vulnerabilityTags ?? [])],
      });
      await em.flush();
      return household.id;
    });
  },

  /** Corrects a household's door number, area or unit (within the community). */
  updateHousehold(ctx: RequestContext, input: UpdateHouseholdInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const household = await findByGlobalId(em, Household, 'Household', input.id, 'id');
      if (input.doorNo !== undefined) household.doorNo = input.doorNo;
      if (input.areaSqm !== undefined) household.areaSqm = decimal(input.areaSqm);
      if (input.vulnerabilityTags !== undefined) household.vulnerabilityTags = [...new Set(input.vulnerabilityTags ?? [])];
      if (input.unitId !== undefined) {
        const unit = await findByGlobalId(em, Unit, 'Unit', input.unitId, 'unitId');
        if (unit.community.id !== household.community.id) refuse('unitId', UserErrorCode.MISMATCH, 'The unit belongs to another community');
        if (unit.archivedAt) refuse('unitId', UserErrorCode.PARENT_ARCHIVED, 'The unit is archived');
        const building = await em.findOneOrFail(Building, unit.building.id);
        household.unit = ref(unit);
        household.building = ref(building);
        household.compound = building.compound;
      }
      await em.flush();
      return household.id;
    });
  },
};
