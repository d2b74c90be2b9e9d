import { defineNode, unarchivedColumns, type TenantRow } from '../../core/data/node-spec';
import type { BranchAssignmentReason } from './organization.enums';

export interface CompoundBranchAssignmentRow extends TenantRow {
  compoundId: number;
  branchId: number;
  since: string;
  until: string | null;
  reason: BranchAssignmentReason;
}

/** Not a node of its own: read as the history of a compound or a branch. */
export const CompoundBranchAssignmentSpec = defineNode<CompoundBranchAssignmentRow>({
  type: 'CompoundBranchAssignment',
  table: 'compound_branch_assignment',
  archivable: false,
  columns: {
    ...unarchivedColumns,
    communityId: 't.community_id',
    compoundId: 't.compound_id',
    branchId: 't.branch_id',
    since: 't.since',
    until: 't.until',
    reason: 't.reason',
  },
});
