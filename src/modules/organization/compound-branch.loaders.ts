import { baseColumns, defineNode, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';
import type { BranchKind } from './organization.enums';

export interface CompoundBranchRow extends TenantRow {
  committeeId: number;
  name: string;
  kind: BranchKind;
  establishedOn: string | null;
  secretaryId: number | null;
  path: string;
}

export const CompoundBranchSpec = registerNodeSpec(
  defineNode<CompoundBranchRow>({
    type: 'CompoundBranch',
    table: 'compound_branch',
    columns: {
      ...baseColumns,
      communityId: 't.community_id',
      committeeId: 't.committee_id',
      name: 't.name',
      kind: 't.kind',
      establishedOn: 't.established_on',
      secretaryId: 't.secretary_id',
      path: 't.path::text',
    },
  }),
);
