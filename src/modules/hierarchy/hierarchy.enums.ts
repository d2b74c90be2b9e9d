import { registerEnumType } from 'type-graphql';

/** 小区党支部 is standalone; 联合党支部 groups small compounds until each can stand on its own. */
export enum BranchKind {
  STANDALONE = 'STANDALONE',
  JOINT = 'JOINT',
}

/** Why a compound came under a branch: first assignment, graduation from a joint branch, or a later move. */
export enum BranchAssignmentReason {
  ASSIGNED = 'ASSIGNED',
  GRADUATED = 'GRADUATED',
  REASSIGNED = 'REASSIGNED',
}

registerEnumType(BranchKind, {
  name: 'BranchKind',
  description: 'STANDALONE: a compound branch of its own (小区党支部). JOINT: a joint branch covering small compounds (联合党支部).',
});
registerEnumType(BranchAssignmentReason, {
  name: 'BranchAssignmentReason',
  description: 'Why a compound came under a branch.',
});
