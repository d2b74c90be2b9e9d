import { ref, registerAncestor, registerAncestryRoot } from '../../core/data/ancestry';
import { CommunitySpec } from '../geography/community.loaders';
import { DistrictSpec } from '../geography/district.loaders';
import { StreetSpec } from '../geography/street.loaders';
import { BuildingSpec } from './building.loaders';
import { CompoundSpec } from './compound.loaders';
import { HouseholdSpec } from './household.loaders';
import { UnitSpec } from './unit.loaders';

/** A household's places ancestry, for the one-statement walk up (core/data/ancestry.ts). */
export const HOUSEHOLD_ANCESTRY = 'Household';

registerAncestor(HOUSEHOLD_ANCESTRY, 'household', { as: 'unit', spec: UnitSpec, pk: 'r.unit_id' });
registerAncestor(HOUSEHOLD_ANCESTRY, 'household', { as: 'bld', spec: BuildingSpec, pk: 'r.building_id' });
registerAncestor(HOUSEHOLD_ANCESTRY, 'household', { as: 'cpd', spec: CompoundSpec, pk: 'r.compound_id' });
registerAncestor(HOUSEHOLD_ANCESTRY, 'household', { as: 'cty', spec: CommunitySpec, pk: 'r.community_id' });
registerAncestor(HOUSEHOLD_ANCESTRY, 'household', { as: 'str', spec: StreetSpec, pk: ref('cty', 'streetId') });
registerAncestor(HOUSEHOLD_ANCESTRY, 'household', { as: 'dst', spec: DistrictSpec, pk: ref('cty', 'districtId') });
// node(id:) of a household that walks on up from its unit reads the household with its ancestry.
registerAncestryRoot(HOUSEHOLD_ANCESTRY, HouseholdSpec, ['unit', 'building']);
