import { baseColumns, defineNode, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';

export interface BuildingRow extends TenantRow {
  compoundId: number;
  groupId: number | null;
  name: string;
  floors: number | null;
  path: string;
  orgPath: string | null;
}

export const BuildingSpec = registerNodeSpec(
  defineNode<BuildingRow>({
    type: 'Building',
    table: 'building',
    columns: {
      ...baseColumns,
      communityId: 't.community_id',
      compoundId: 't.compound_id',
      groupId: 't.group_id',
      name: 't.name',
      floors: 't.floors',
      path: 't.path::text',
      orgPath: 't.org_path::text',
    },
  }),
);
