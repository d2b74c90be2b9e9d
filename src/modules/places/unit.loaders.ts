import { baseColumns, defineNode, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';

export interface UnitRow extends TenantRow {
  buildingId: number;
  name: string;
  path: string;
  orgPath: string | null;
}

export const UnitSpec = registerNodeSpec(
  defineNode<UnitRow>({
    type: 'Unit',
    table: 'unit',
    columns: {
      ...baseColumns,
      communityId: 't.community_id',
      buildingId: 't.building_id',
      name: 't.name',
      path: 't.path::text',
      orgPath: 't.org_path::text',
    },
  }),
);
