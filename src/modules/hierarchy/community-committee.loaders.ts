import { baseColumns, defineNode, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';

export interface CommunityCommitteeRow extends TenantRow {
  name: string;
  brandName: string | null;
  secretaryId: number | null;
}

export const CommunityCommitteeSpec = registerNodeSpec(
  defineNode<CommunityCommitteeRow>({
    type: 'CommunityCommittee',
    table: 'community_committee',
    columns: { ...baseColumns, communityId: 't.community_id', name: 't.name', brandName: 't.brand_name', secretaryId: 't.secretary_id' },
  }),
);
