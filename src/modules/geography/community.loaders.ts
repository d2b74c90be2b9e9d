import { baseColumns, defineNode, toNumberOrNull, type NodeRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';

export interface CommunityRow extends NodeRow {
  name: string;
  districtId: number;
  streetId: number;
  areaKm2: number | null;
  registeredResidents: number | null;
  path: string;
  /** The community is its own tenant. */
  communityId: number;
}

export const CommunitySpec = registerNodeSpec(
  defineNode<CommunityRow>({
    type: 'Community',
    table: 'community',
    columns: {
      ...baseColumns,
      name: 't.name',
      districtId: 't.district_id',
      streetId: 't.street_id',
      areaKm2: 't.area_km2',
      registeredResidents: 't.registered_residents',
      path: 't.path::text',
      communityId: 't.id',
    },
    convert: (row) => {
      row.areaKm2 = toNumberOrNull(row.areaKm2);
    },
  }),
);
