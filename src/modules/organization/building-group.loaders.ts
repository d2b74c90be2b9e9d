import { baseColumns, defineNode, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';

export interface BuildingGroupRow extends TenantRow {
  branchId: number;
  name: string;
  leaderId: number | null;
  path: string;
}

export const BuildingGroupSpec = registerNodeSpec(
  defineNode<BuildingGroupRow>({
    type: 'BuildingGroup',
    table: 'building_group',
    columns: {
      ...baseColumns,
      communityId: 't.community_id',
      branchId: 't.branch_id',
      name: 't.name',
      leaderId: 't.leader_id',
      path: 't.path::text',
    },
  }),
);
