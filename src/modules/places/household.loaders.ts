import { baseColumns, defineNode, toNumberOrNull, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';
import { Capability } from '../../core/auth/capabilities';

export interface HouseholdRow extends TenantRow {
  compoundId: number;
  buildingId: number;
  unitId: number;
  doorNo: string;
  areaSqm: number | null;
  /** Personal data: masked by the resolvers without a duty of care. */
  vulnerabilityTags: string[];
  path: string;
  orgPath: string | null;
}

export const HouseholdSpec = registerNodeSpec(
  defineNode<HouseholdRow>({
    type: 'Household',
    table: 'household',
    columns: {
      ...baseColumns,
      communityId: 't.community_id',
      compoundId: 't.compound_id',
      buildingId: 't.building_id',
      unitId: 't.unit_id',
      doorNo: 't.door_no',
      areaSqm: 't.area_sqm',
      vulnerabilityTags: 't.vulnerability_tags',
      path: 't.path::text',
      orgPath: 't.org_path::text',
    },
    onDemand: { vulnerabilityTags: ['vulnerabilityTags'] },
    // A household's organization path is its unit's (household_paths, household_paths_given, and
    // unit_cascade when the unit's changes), so a unit's households copy it from the unit row; their
    // own place path adds the household and is read per row.
    inherits: { unit_id: ['orgPath'] },
    convert: (row) => {
      row.areaSqm = toNumberOrNull(row.areaSqm);
    },
  }),
  Capability.READ_HOUSEHOLDS,
);
