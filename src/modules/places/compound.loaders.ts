import { baseColumns, defineNode, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';
import type { PropertyMode } from './places.enums';

export interface CompoundRow extends TenantRow {
  name: string;
  propertyMode: PropertyMode;
  builtYear: number | null;
  branchId: number | null;
  path: string;
  orgPath: string | null;
}

export const CompoundSpec = registerNodeSpec(
  defineNode<CompoundRow>({
    type: 'Compound',
    table: 'compound',
    columns: {
      ...baseColumns,
      communityId: 't.community_id',
      name: 't.name',
      propertyMode: 't.property_mode',
      builtYear: 't.built_year',
      branchId: 't.branch_id',
      path: 't.path::text',
      orgPath: 't.org_path::text',
    },
  }),
);
