import { baseColumns, defineNode, type NodeRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';

export interface StreetRow extends NodeRow {
  name: string;
  districtId: number;
  path: string;
}

export const StreetSpec = registerNodeSpec(
  defineNode<StreetRow>({
    type: 'Street',
    table: 'street',
    columns: { ...baseColumns, name: 't.name', districtId: 't.district_id', path: 't.path::text' },
  }),
  'public',
);
