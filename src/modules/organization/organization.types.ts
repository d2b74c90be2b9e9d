import { Field, ObjectType } from 'type-graphql';
import { NodeFields } from '../../core/graphql/node-fields';
import { ConnectionType } from '../../core/pagination/connection';
import { ArchivableNodeFields } from '../../core/graphql/node-fields';
import { Node } from '../../core/graphql/node';
import { DateScalar } from '../../core/graphql/scalars';
import { BranchAssignmentReason, BranchKind, MembershipStatus, OrganizationRelation } from './organization.enums';
import type { PartyMembershipRow } from './party-membership.loaders';
import type { BuildingGroupRow } from './building-group.loaders';
import type { CompoundBranchRow } from './compound-branch.loaders';
import type { MemberHouseholdRow } from './member-household.loaders';

@ObjectType('CommunityCommittee', {
  implements: Node,
  simpleResolvers: true,
  description: '社区党委: the community committee, first level of the four-level organization.',
})
export class CommunityCommitteeType extends ArchivableNodeFields {
  @Field({ description: 'Its name (居委会).' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The party-building brand, e.g. 志愿星光、辉耀永康.' })
  brandName!: string | null;
}

@ObjectType('CompoundBranch', {
  implements: Node,
  simpleResolvers: true,
  description: '小区党支部 or 联合党支部: second level. A JOINT branch covers several small compounds.',
})
export class CompoundBranchType extends ArchivableNodeFields {
  @Field({ description: 'Its name.' })
  name!: string;

  @Field(() => BranchKind, { description: 'Standalone or joint.' })
  kind!: BranchKind;

  @Field(() => DateScalar, { description: 'The day it was established.', nullable: true })
  establishedOn!: string | null;
}

@ObjectType('BuildingGroup', {
  implements: Node,
  simpleResolvers: true,
  description: '楼院党小组: third level, the party members of one or a few buildings or courtyards.',
})
export class BuildingGroupType extends ArchivableNodeFields {
  @Field({ description: 'Its name.' })
  name!: string;
}

@ObjectType('MemberHousehold', {
  implements: Node,
  simpleResolvers: true,
  description: '党员中心户: fourth level, a household with party members serving as a hub for its neighbours.',
})
export class MemberHouseholdType extends ArchivableNodeFields {
  @Field(() => DateScalar, { description: 'The day it became a member household.' })
  designatedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Set when the designation ended; the record stays.' })
  undesignatedOn!: string | null;

  @Field({ description: 'Whether the 共产党员户 plate is displayed at the door (亮身份).' })
  displaysPlate!: boolean;

  @Field(() => String, { nullable: true, description: 'Duties shown publicly (亮职责).' })
  duties!: string | null;

  @Field(() => String, { nullable: true, description: 'The public pledge (亮承诺).' })
  pledge!: string | null;

  @Field(() => String, { nullable: true, description: 'Specialties offered to neighbours.' })
  specialties!: string | null;
}

@ObjectType('CompoundBranchAssignment', { simpleResolvers: true, description: 'A period during which a branch covered a compound.' })
export class CompoundBranchAssignmentType {
  @Field(() => DateScalar, { description: 'The day it came under this branch.' })
  since!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Null while current.' })
  until!: string | null;

  @Field(() => BranchAssignmentReason, { description: 'Why it came under this branch.' })
  reason!: BranchAssignmentReason;
}

export const CompoundBranchConnection = ConnectionType<CompoundBranchRow>(CompoundBranchType, 'CompoundBranch');
export const BuildingGroupConnection = ConnectionType<BuildingGroupRow>(BuildingGroupType, 'BuildingGroup');
export const MemberHouseholdConnection = ConnectionType<MemberHouseholdRow>(MemberHouseholdType, 'MemberHousehold');

@ObjectType('PartyMembership', { implements: Node, simpleResolvers: true, description: 'A party membership as this community records it.' })
export class PartyMembershipType extends NodeFields {
  @Field(() => OrganizationRelation, { description: 'Registered here or elsewhere (双报到).' })
  organizationRelation!: OrganizationRelation;

  @Field(() => MembershipStatus, { description: 'Probationary or full.' })
  status!: MembershipStatus;

  @Field(() => String, { nullable: true, description: 'Where an EXTERNAL member is registered (双报到).' })
  homeOrganization!: string | null;

  @Field(() => DateScalar, { description: 'The day they joined.', nullable: true })
  joinedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Set when the membership ended here (transfer, death); the record stays.' })
  endedOn!: string | null;
}

export const PartyMembershipConnection = ConnectionType<PartyMembershipRow>(PartyMembershipType, 'PartyMembership');
