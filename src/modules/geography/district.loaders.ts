import { baseColumns, defineNode, type NodeRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';

export interface DistrictRow extends NodeRow {
  name: string;
  city: string;
  path: string;
}

export const DistrictSpec = registerNodeSpec(
  defineNode<DistrictRow>({
    type: 'District',
    table: 'district',
    columns: { ...baseColumns, name: 't.name', city: 't.city', path: 't.path::text' },
  }),
  'public',
);
