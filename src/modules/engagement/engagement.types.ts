import { Field, Int, ObjectType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { NodeFields } from '../../core/graphql/node-fields';
import { DateScalar } from '../../core/graphql/scalars';
import { CrossAppointedPost, PublicProfileField, ServiceOfferKind } from './engagement.enums';

@ObjectType('CrossAppointment', {
  implements: Node,
  simpleResolvers: true,
  description: '交叉任职: a person in one of the four cross-appointed posts for a compound or the community.',
})
export class CrossAppointmentType extends NodeFields {
  @Field(() => CrossAppointedPost, { description: 'The post.' })
  post!: CrossAppointedPost;

  @Field({ description: 'The other side of the post, e.g. the property company.' })
  counterpart!: string;

  @Field(() => DateScalar, { description: 'First day in the post.' })
  startedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day in the post; null while held.' })
  endedOn!: string | null;

  @Field({ description: 'The appointing body, e.g. 振兴社区党委.' })
  appointedBy!: string;
}

@ObjectType('ServiceOffer', {
  implements: Node,
  simpleResolvers: true,
  description: 'A project or service published for reporting members to claim (认领).',
})
export class ServiceOfferType extends NodeFields {
  @Field(() => ServiceOfferKind, { description: 'Project or standing service.' })
  kind!: ServiceOfferKind;

  @Field({ description: 'e.g. 楼道微改造, 四点半课堂辅导.' })
  title!: string;

  @Field({ description: 'What is asked of whoever claims it.' })
  description!: string;

  @Field(() => DateScalar, { description: 'When it was published.' })
  publishedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: 'When it stopped taking claims; null while open.' })
  closedOn!: string | null;
}

@ObjectType('ServiceClaim', { implements: Node, simpleResolvers: true, description: 'A reporting member’s claim (认领) of an offer.' })
export class ServiceClaimType extends NodeFields {
  @Field(() => DateScalar, { description: 'When it was claimed.' })
  claimedOn!: string;

  @Field(() => Int, { nullable: true, description: 'Minutes spent, once done.' })
  minutes!: number | null;

  @Field(() => String, { nullable: true, description: 'What came of it, once done.' })
  outcome!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When it was done; null while under way.' })
  completedOn!: string | null;
}

@ObjectType('ReportingRelation', {
  implements: Node,
  simpleResolvers: true,
  description: '双报到 as a relation: a reporting member’s home branch on the platform, which reads their claims here.',
})
export class ReportingRelationType extends NodeFields {
  @Field(() => DateScalar, { description: 'When the relation was recorded; claims from this day on reach the home branch.' })
  recordedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: 'When it ended; claims after it no longer reach the home branch.' })
  endedOn!: string | null;
}

@ObjectType('MemberProfile', {
  implements: Node,
  simpleResolvers: true,
  description: 'A party member’s own public profile (亮身份、亮职责、亮承诺) with what they chose to show.',
})
export class MemberProfileType extends NodeFields {
  @Field(() => String, { nullable: true, description: 'The post held, e.g. 楼栋党小组组长.' })
  post!: string | null;

  @Field(() => String, { nullable: true, description: 'What the member takes care of (亮职责).' })
  duties!: string | null;

  @Field(() => String, { nullable: true, description: 'The pledge (亮承诺).' })
  pledge!: string | null;

  @Field(() => String, { nullable: true, description: 'The responsibility zone (党员责任区), e.g. 3号楼1-2单元.' })
  responsibilityZone!: string | null;

  @Field(() => String, { nullable: true, description: 'The pioneer post (党员先锋岗), e.g. 垃圾分类督导岗.' })
  pioneerPost!: string | null;

  @Field(() => [PublicProfileField], { description: 'The fields residents of the compound see; the others stay the member’s own.' })
  shown!: PublicProfileField[];
}

@ObjectType('PublicMemberProfile', {
  simpleResolvers: true,
  description: 'A party member of the compound as residents see them: the name and the fields the member shows (null: not shown).',
})
export class PublicMemberProfileType {
  @Field({ description: 'The member’s name (亮身份).' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'The post held, if shown.' })
  post!: string | null;

  @Field(() => String, { nullable: true, description: 'Duties, if shown.' })
  duties!: string | null;

  @Field(() => String, { nullable: true, description: 'The pledge, if shown.' })
  pledge!: string | null;

  @Field(() => String, { nullable: true, description: 'The responsibility zone, if shown.' })
  responsibilityZone!: string | null;

  @Field(() => String, { nullable: true, description: 'The pioneer post, if shown.' })
  pioneerPost!: string | null;
}

@ObjectType('ReportedServiceClaim', {
  simpleResolvers: true,
  description: 'A claim a member of this branch made while reporting in another community: read-only, through the reporting relation.',
})
export class ReportedServiceClaimType {
  @Field({ description: 'The member’s name.' })
  memberName!: string;

  @Field({ description: 'The community where they report.' })
  communityName!: string;

  @Field(() => String, { nullable: true, description: 'The compound of the offer, if it is a compound’s.' })
  compoundName!: string | null;

  @Field(() => ServiceOfferKind, { description: 'Project or service.' })
  kind!: ServiceOfferKind;

  @Field({ description: 'The offer’s title.' })
  title!: string;

  @Field(() => DateScalar, { description: 'When it was claimed.' })
  claimedOn!: string;

  @Field(() => Int, { nullable: true, description: 'Minutes spent, once done.' })
  minutes!: number | null;

  @Field(() => String, { nullable: true, description: 'What came of it, once done.' })
  outcome!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When it was done.' })
  completedOn!: string | null;
}
