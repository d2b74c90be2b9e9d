import { Capability } from '../../core/auth/capabilities';
import { hidden, masked, maskDoorNo } from '../../core/auth/personal-data';
import { defineModule } from '../../core/module';
import { Building } from './building.entity';
import { Compound } from './compound.entity';
import { Household } from './household.entity';
import { BuildingResolver, CommunityPlacesResolver, CompoundResolver, HouseholdResolver, UnitResolver } from './places.resolver';
import { placesRules } from './places.rules';
import { Unit } from './unit.entity';

/** Compounds, buildings, stairwell units and households: the places tree of a community. */
export const placesModule = defineModule({
  name: 'places',
  entities: [Compound, Building, Unit, Household],
  resolvers: [CommunityPlacesResolver, CompoundResolver, BuildingResolver, UnitResolver, HouseholdResolver],
  permissions: placesRules,
  personalData: [
    // Whoever may write door numbers reads them: the register's service account supplies them (upsertHouseholds).
    {
      type: 'Household',
      field: 'doorNo',
      of: 'household',
      plainToWriters: Capability.WRITE_PLACES,
      otherwise: masked(maskDoorNo, 'masked: 5** (the floor stays, the room goes)'),
    },
    { type: 'Household', field: 'vulnerabilityTags', of: 'household', sensitive: true, otherwise: hidden },
  ],
  archiving: {
    types: [
      { type: 'Compound', entity: Compound, table: 'compound', capability: Capability.WRITE_PLACES },
      { type: 'Building', entity: Building, table: 'building', capability: Capability.WRITE_PLACES },
      { type: 'Unit', entity: Unit, table: 'unit', capability: Capability.WRITE_PLACES },
      { type: 'Household', entity: Household, table: 'household', capability: Capability.WRITE_PLACES },
    ],
    children: [
      { of: 'Community', table: 'compound', column: 'community_id', label: 'compounds' },
      { of: 'Compound', table: 'building', column: 'compound_id', label: 'buildings' },
      { of: 'Building', table: 'unit', column: 'building_id', label: 'units' },
      { of: 'Unit', table: 'household', column: 'unit_id', label: 'households' },
    ],
    parents: [
      { of: 'Compound', table: 'community', column: 'community_id', label: 'community' },
      { of: 'Building', table: 'compound', column: 'compound_id', label: 'compound' },
      { of: 'Unit', table: 'building', column: 'building_id', label: 'building' },
      { of: 'Household', table: 'unit', column: 'unit_id', label: 'unit' },
    ],
  },
});
