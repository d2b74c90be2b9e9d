import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar } from '../../core/graphql/scalars';
import { GlobalId, IntRange, PastOrNearDate, Text } from '../../core/validation/rules';
import { CrossAppointedPost, PublicProfileField, ServiceOfferKind } from './engagement.enums';
import { CrossAppointmentType, MemberProfileType, ReportingRelationType, ServiceClaimType, ServiceOfferType } from './engagement.types';

@InputType({
  description: 'Appoints a person to a cross-appointed post (交叉任职) for a compound (compoundId) or the community (communityId).',
})
export class AppointCrossPostInput {
  @Field(() => ID, { nullable: true, description: 'The community, for a post over the whole community.' })
  @GlobalId(true)
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The compound, for a post over one compound.' })
  @GlobalId(true)
  compoundId?: string | null;

  @Field(() => ID, { description: 'The person appointed (property-company staff are persons of the community too).' })
  @GlobalId()
  personId!: string;

  @Field(() => CrossAppointedPost, { description: 'The post.' })
  post!: CrossAppointedPost;

  @Field({ description: 'The other side of the post, e.g. the property company.' })
  @Text({ max: 200 })
  counterpart!: string;

  @Field({ description: 'The appointing body, e.g. 振兴社区党委.' })
  @Text({ max: 100 })
  appointedBy!: string;

  @Field(() => DateScalar, { nullable: true, description: 'First day in the post; default today.' })
  @PastOrNearDate(31)
  startedOn?: string | null;
}

@InputType({ description: 'Ends a cross-appointment (the record stays).' })
export class EndCrossAppointmentInput {
  @Field(() => ID, { description: 'The appointment.' })
  @GlobalId()
  appointmentId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day in the post; default today.' })
  @PastOrNearDate(31)
  endedOn?: string | null;
}

@InputType({
  description: 'Publishes a project or service for reporting members to claim: a compound’s (compoundId) or the community’s (communityId).',
})
export class PublishServiceOfferInput {
  @Field(() => ID, { nullable: true, description: 'The community, for a community-wide offer.' })
  @GlobalId(true)
  communityId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The compound, for a compound’s offer.' })
  @GlobalId(true)
  compoundId?: string | null;

  @Field(() => ServiceOfferKind, { description: 'Project or standing service.' })
  kind!: ServiceOfferKind;

  @Field({ description: 'e.g. 楼道微改造.' })
  @Text({ max: 100 })
  title!: string;

  @Field({ description: 'What is asked of whoever claims it.' })
  @Text({ max: 1000, multiline: true })
  description!: string;
}

@InputType({ description: 'Closes an offer: it takes no more claims (those made stay).' })
export class CloseServiceOfferInput {
  @Field(() => ID, { description: 'The offer.' })
  @GlobalId()
  offerId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Its last day for claims; default today.' })
  @PastOrNearDate(31)
  closedOn?: string | null;
}

@InputType({ description: 'Records a reporting member’s claim (认领) of an offer.' })
export class ClaimServiceOfferInput {
  @Field(() => ID, { description: 'The offer.' })
  @GlobalId()
  offerId!: string;

  @Field(() => ID, { description: 'The member’s reporting (EXTERNAL) party membership in the offer’s community.' })
  @GlobalId()
  membershipId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'When it was claimed; default today.' })
  @PastOrNearDate(0)
  claimedOn?: string | null;
}

@InputType({ description: 'Records that a claim is done: minutes spent and what came of it.' })
export class CompleteServiceClaimInput {
  @Field(() => ID, { description: 'The claim.' })
  @GlobalId()
  claimId!: string;

  @Field(() => Int, { description: 'Minutes spent in all.' })
  @IntRange(0, 100000, false)
  minutes!: number;

  @Field({ description: 'What came of it.' })
  @Text({ max: 1000, multiline: true })
  outcome!: string;

  @Field(() => DateScalar, { nullable: true, description: 'When it was done; default today.' })
  @PastOrNearDate(0)
  completedOn?: string | null;
}

@InputType({ description: 'Records a reporting member’s home branch on the platform (双报到), which then reads their claims here.' })
export class RecordReportingRelationInput {
  @Field(() => ID, { description: 'The member’s reporting (EXTERNAL) party membership here.' })
  @GlobalId()
  membershipId!: string;

  @Field(() => ID, {
    description: 'The home branch: a branch of another community, as its secretary gave it (this community cannot read it).',
  })
  @GlobalId()
  homeBranchId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'From when; default today.' })
  @PastOrNearDate(0)
  recordedOn?: string | null;
}

@InputType({ description: 'Ends a reporting relation: later claims no longer reach the home branch.' })
export class EndReportingRelationInput {
  @Field(() => ID, { description: 'The relation.' })
  @GlobalId()
  relationId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Its last day; default today.' })
  @PastOrNearDate(0)
  endedOn?: string | null;
}

@InputType({ description: 'The caller’s own public profile as a party member; fields left out keep their value.' })
export class UpdateMyMemberProfileInput {
  @Field(() => String, { nullable: true, description: 'The post held.' })
  @Text({ max: 100, nullable: true })
  post?: string | null;

  @Field(() => String, { nullable: true, description: 'What the member takes care of.' })
  @Text({ max: 500, nullable: true, multiline: true })
  duties?: string | null;

  @Field(() => String, { nullable: true, description: 'The pledge.' })
  @Text({ max: 500, nullable: true, multiline: true })
  pledge?: string | null;

  @Field(() => String, { nullable: true, description: 'The responsibility zone.' })
  @Text({ max: 200, nullable: true })
  responsibilityZone?: string | null;

  @Field(() => String, { nullable: true, description: 'The pioneer post.' })
  @Text({ max: 100, nullable: true })
  pioneerPost?: string | null;

  @Field(() => [PublicProfileField], {
    nullable: true,
    description: 'The fields residents of the compound may see (an empty list hides the profile).',
  })
  shown?: PublicProfileField[] | null;
}

export const CrossAppointmentPayload = PayloadType(
  'CrossAppointmentPayload',
  'appointment',
  CrossAppointmentType,
  'The appointment after the mutation.',
);
export const ServiceOfferPayload = PayloadType('ServiceOfferPayload', 'offer', ServiceOfferType, 'The offer after the mutation.');
export const ServiceClaimPayload = PayloadType('ServiceClaimPayload', 'claim', ServiceClaimType, 'The claim after the mutation.');
export const ReportingRelationPayload = PayloadType(
  'ReportingRelationPayload',
  'relation',
  ReportingRelationType,
  'The reporting relation after the mutation.',
);
export const MemberProfilePayload = PayloadType(
  'MemberProfilePayload',
  'profile',
  MemberProfileType,
  'The caller’s profile after the mutation.',
);

@ObjectType('AppointCrossPostPayload', {
  simpleResolvers: true,
})
export class AppointCrossPostPayload extends CrossAppointmentPayload {}

@ObjectType('EndCrossAppointmentPayload', {
  simpleResolvers: true,
})
export class EndCrossAppointmentPayload extends CrossAppointmentPayload {}

@ObjectType('ClaimServiceOfferPayload', {
  simpleResolvers: true,
})
export class ClaimServiceOfferPayload extends ServiceClaimPayload {}

@ObjectType('CompleteServiceClaimPayload', {
  simpleResolvers: true,
})
export class CompleteServiceClaimPayload extends ServiceClaimPayload {}

@ObjectType('CloseServiceOfferPayload', {
  simpleResolvers: true,
})
export class CloseServiceOfferPayload extends ServiceOfferPayload {}

@ObjectType('PublishServiceOfferPayload', {
  simpleResolvers: true,
})
export class PublishServiceOfferPayload extends ServiceOfferPayload {}

@ObjectType('EndReportingRelationPayload', {
  simpleResolvers: true,
})
export class EndReportingRelationPayload extends ReportingRelationPayload {}

@ObjectType('RecordReportingRelationPayload', {
  simpleResolvers: true,
})
export class RecordReportingRelationPayload extends ReportingRelationPayload {}

@ObjectType('UpdateMyMemberProfilePayload', {
  simpleResolvers: true,
})
export class UpdateMyMemberProfilePayload extends MemberProfilePayload {}
