import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { auditedWrite } from '../../core/audit/recorder';
import type { RequestContext } from '../../context';
import { emit } from '../../core/events';
import { registerUniqueConstraint } from '../../core/graphql/constraints';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { Community } from '../geography/community.entity';
import { Building } from './building.entity';
import { Compound } from './compound.entity';
import { Household } from './household.entity';
import type {
  CreateBuildingInput,
  CreateCompoundInput,
  CreateHouseholdInput,
  CreateUnitInput,
  UpdateBuildingInput,
  UpdateCompoundInput,
  UpdateHouseholdInput,
  UpdateUnitInput,
} from './places.inputs';
import { BuildingCreated, CompoundCreated } from './places.events';
import { Unit } from './unit.entity';

registerUniqueConstraint('compound_community_id_name_unique', 'name', 'A compound with this name already exists in this community');
registerUniqueConstraint('building_compound_id_name_unique', 'name', 'A building with this name already exists in this compound');
registerUniqueConstraint('unit_building_id_name_unique', 'name', 'A unit with this name already exists in this building');
registerUniqueConstraint('household_unit_id_door_no_unique', 'doorNo', 'A household with this door number already exists in this unit');

function decimal(value: number | null | undefined): string | null | undefined {
  return value === undefined ? undefined : value === null ? null : value.toFixed(2);
}

/** Compounds, buildings, units and households: the places tree of a community. */
export const placesService = {
  /** Creates a compound (optionally under a branch from a date: the organization records that). */
  createCompound(ctx: RequestContext, input: CreateCompoundInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const community = await findByGlobalId(em, Community, 'Community', input.communityId, 'communityId');
      if (community.archivedAt) refuse('communityId', UserErrorCode.PARENT_ARCHIVED, 'The community is archived');
      const compound = em.create(Compound, {
        community,
        name: input.name,
        propertyMode: input.propertyMode,
        builtYear: input.builtYear ?? null,
      });
      // The branch covering it from the start is the organization's to record.
      await emit(ctx, em, CompoundCreated, { compound, input });
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

  /** Creates a building (optionally in a building group: the organization records that). */
  createBuilding(ctx: RequestContext, input: CreateBuildingInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const compound = await findByGlobalId(em, Compound, 'Compound', input.compoundId, 'compoundId');
      if (compound.archivedAt) refuse('compoundId', UserErrorCode.PARENT_ARCHIVED, 'The compound is archived');
      const building = em.create(Building, { community: compound.community, compound, name: input.name, floors: input.floors ?? null });
      // Its building group, if named, is the organization's to check and record.
      await emit(ctx, em, BuildingCreated, { building, compound, input });
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
      if (input.vulnerabilityTags !== undefined) await writeVulnerabilityTags(em, household, input.vulnerabilityTags ?? []);
      return household.id;
    });
  },
};

/**
 * The tags are written beside the entity, not through it: the ORM would move the household's
 * `updatedAt`, which everyone who reads the household sees, and a household whose `updatedAt`
 * moved with no visible field changed has just joined (or left) a protected group. The audit entry
 * records the change as sensitive (core/audit/recorder.ts).
 */
async function writeVulnerabilityTags(em: EntityManager, household: Household, tags: readonly string[]): Promise<void> {
  const after = [...new Set(tags)].sort();
  const before = [...household.vulnerabilityTags].sort();
  if (after.length === before.length && after.every((t, i) => t === before[i])) return;
  await auditedWrite(em, {
    entity: 'Household',
    operation: 'UPDATE',
    sql: 'update household set vulnerability_tags = $2::text[] where id = $1 returning id, community_id',
    params: [household.id, after],
    changes: () => ({ vulnerabilityTags: { before, after } }),
  });
}
