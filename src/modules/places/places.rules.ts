import { chain } from 'graphql-shield';
import { Capability } from '../../core/auth/capabilities';
import { ARCHIVABLE_NODE_FIELDS, connection, fields, payload } from '../../core/permissions/fields';
import { allow, below, mutation, writesPersonalData, type PermissionPart } from '../../core/permissions/rules';
import { all, field } from '../../core/permissions/targets';
import { CommunitySpec } from '../geography/community.loaders';
import { BuildingSpec } from './building.loaders';
import { CompoundSpec } from './compound.loaders';
import { HouseholdSpec } from './household.loaders';
import { UnitSpec } from './unit.loaders';

const { READ_STRUCTURE, READ_HOUSEHOLDS, WRITE_PLACES } = Capability;

/** Who may see and change compounds, buildings, units and households. */
export const placesRules: PermissionPart = {
  Mutation: {
    createCompound: mutation('createCompound', WRITE_PLACES, field(CommunitySpec, 'communityId')),
    updateCompound: mutation('updateCompound', WRITE_PLACES, field(CompoundSpec, 'id')),
    createBuilding: mutation('createBuilding', WRITE_PLACES, field(CompoundSpec, 'compoundId')),
    updateBuilding: mutation('updateBuilding', WRITE_PLACES, field(BuildingSpec, 'id')),
    createUnit: mutation('createUnit', WRITE_PLACES, field(BuildingSpec, 'buildingId')),
    updateUnit: mutation('updateUnit', WRITE_PLACES, field(UnitSpec, 'id')),
    // A door number is personal data and unique in its unit: whoever may not read it plain there may not write it.
    createHousehold: chain(
      mutation('createHousehold', WRITE_PLACES, field(UnitSpec, 'unitId')),
      writesPersonalData('createHousehold', 'Household.doorNo', ['doorNo'], field(UnitSpec, 'unitId')),
    ),
    updateHousehold: chain(
      mutation('updateHousehold', WRITE_PLACES, all(field(HouseholdSpec, 'id'), field(UnitSpec, 'unitId'))),
      writesPersonalData('updateHousehold', 'Household.doorNo', ['doorNo'], all(field(HouseholdSpec, 'id'), field(UnitSpec, 'unitId'))),
    ),
  },
  Community: { compounds: below(READ_STRUCTURE), householdCount: allow },
  Compound: {
    ...ARCHIVABLE_NODE_FIELDS,
    ...fields(allow, 'name', 'propertyMode', 'builtYear', 'community', 'householdCount'),
    buildings: below(READ_STRUCTURE),
  },
  Building: {
    ...ARCHIVABLE_NODE_FIELDS,
    ...fields(allow, 'name', 'floors', 'compound'),
    units: below(READ_STRUCTURE),
    households: below(READ_HOUSEHOLDS),
  },
  Unit: { ...ARCHIVABLE_NODE_FIELDS, ...fields(allow, 'name', 'building'), households: below(READ_HOUSEHOLDS) },
  // doorNo and vulnerabilityTags are personal data: masked without a duty of care (see the personal-data declarations).
  Household: {
    ...ARCHIVABLE_NODE_FIELDS,
    ...fields(allow, 'doorNo', 'areaSqm', 'vulnerabilityTags', 'unit', 'building', 'compound', 'community'),
  },
  ...connection('Compound'),
  ...connection('Building'),
  ...connection('Unit'),
  ...connection('Household'),
  ...payload('CreateCompoundPayload', 'compound'),
  ...payload('UpdateCompoundPayload', 'compound'),
  ...payload('CreateBuildingPayload', 'building'),
  ...payload('UpdateBuildingPayload', 'building'),
  ...payload('CreateUnitPayload', 'unit'),
  ...payload('UpdateUnitPayload', 'unit'),
  ...payload('CreateHouseholdPayload', 'household'),
  ...payload('UpdateHouseholdPayload', 'household'),
};
