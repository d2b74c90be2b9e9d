import { baseColumns, defineNode, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';

export interface CommunityCommitteeRow extends TenantRow {
  name: string;
  brandName: string | null;
  secretaryId: number | null;
  /** The community's path: a committee's scope is its community's. */
  path: string;
}

export const CommunityCommitteeSpec = registerNodeSpec(
  defineNode<CommunityCommitteeRow>({
    type: 'CommunityCommittee',
    table: 'community_committee',
    columns: {
      ...baseColumns,
      communityId: 't.community_id',
      name: 't.name',
      brandName: 't.brand_name',
      secretaryId: 't.secretary_id',
      path: '(select c.path::text from community c where c.id = t.community_id)',
    },
  }),
);
