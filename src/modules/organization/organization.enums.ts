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

/** LOCAL: registered with a branch of this community. EXTERNAL: registered elsewhere, serving where they live (双报到). */
export enum OrganizationRelation {
  LOCAL = 'LOCAL',
  EXTERNAL = 'EXTERNAL',
}

export enum MembershipStatus {
  PROBATIONARY = 'PROBATIONARY',
  FULL = 'FULL',
}

registerEnumType(BranchKind, {
  name: 'BranchKind',
  description: 'STANDALONE: a compound branch of its own (小区党支部). JOINT: a joint branch covering small compounds (联合党支部).',
  valuesConfig: {
    STANDALONE: { description: 'A compound branch of its own (小区党支部).' },
    JOINT: { description: 'A joint branch covering several small compounds (联合党支部).' },
  },
});
registerEnumType(BranchAssignmentReason, {
  name: 'BranchAssignmentReason',
  description: 'Why a compound came under a branch.',
  valuesConfig: {
    ASSIGNED: { description: 'Its first assignment.' },
    GRADUATED: { description: 'It left a joint branch for a standalone branch of its own.' },
    REASSIGNED: { description: 'Moved to another branch later.' },
  },
});
registerEnumType(OrganizationRelation, {
  name: 'OrganizationRelation',
  description: 'LOCAL: registered with a branch here. EXTERNAL: registered elsewhere, serving where they live (双报到).',
  valuesConfig: {
    LOCAL: { description: 'Registered with a branch of this community.' },
    EXTERNAL: { description: 'Registered elsewhere, serving where they live (双报到).' },
  },
});
registerEnumType(MembershipStatus, {
  name: 'MembershipStatus',
  description: 'PROBATIONARY (预备党员) or FULL (正式党员).',
  valuesConfig: {
    PROBATIONARY: { description: 'Probationary member (预备党员).' },
    FULL: { description: 'Full member (正式党员).' },
  },
});
