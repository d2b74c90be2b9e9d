import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar } from '../../core/graphql/scalars';
import { GlobalId, IntRange, PastOrNearDate, Text } from '../../core/validation/rules';
import { VulnerabilityTag } from '../places/places.enums';
import { CareOutcome } from './care.enums';
import { CareHelpItemType, CareLinkType, CareStaffType, CareVisitType } from './care.types';

@InputType({ description: 'Links a special-group household to a party member’s linkage card, with the household’s consent.' })
export class LinkCareHouseholdInput {
  @Field(() => ID, { description: 'The party member holding the card.' })
  @GlobalId()
  memberId!: string;

  @Field(() => ID, { description: 'The household linked.' })
  @GlobalId()
  householdId!: string;

  @Field(() => VulnerabilityTag, { description: 'The special group it is linked for: one of the household’s tags.' })
  tag!: VulnerabilityTag;

  @Field({ description: 'Who consented for the household (their name).' })
  @Text({ max: 50 })
  consentBy!: string;

  @Field(() => DateScalar, { description: 'When the household consented.' })
  @PastOrNearDate(0, false)
  consentedOn!: string;

  @Field({ description: 'What the household agreed may be recorded, e.g. 走访日期和帮办事项，不记录健康状况.' })
  @Text({ max: 500 })
  consentScope!: string;

  @Field(() => DateScalar, { nullable: true, description: 'When the link begins; default today.' })
  @PastOrNearDate(31)
  linkedOn?: string | null;
}

@InputType({ description: 'Ends a care link (the history stays).' })
export class EndCareLinkInput {
  @Field(() => ID, { description: 'The link to end.' })
  @GlobalId()
  linkId!: string;

  @Field(() => DateScalar, { description: 'The last day of the link.' })
  @PastOrNearDate(31, false)
  endedOn!: string;

  @Field({ description: 'Why it ends.' })
  @Text({ max: 200 })
  reason!: string;
}

@InputType({ description: 'Records a visit or help given on a care link.' })
export class RecordCareVisitInput {
  @Field(() => ID, { description: 'The active link the visit belongs to.' })
  @GlobalId()
  linkId!: string;

  @Field(() => ID, { description: 'The kind of help, from the community’s list.' })
  @GlobalId()
  helpItemId!: string;

  @Field(() => DateScalar, { description: 'The day of the visit.' })
  @PastOrNearDate(0, false)
  visitedOn!: string;

  @Field({ description: 'What was done.' })
  @Text({ max: 1000, multiline: true })
  done!: string;

  @Field(() => CareOutcome, { description: 'Solved, passed on, or still open.' })
  outcome!: CareOutcome;

  @Field(() => Int, { description: 'Minutes spent (0 to 1,440).' })
  @IntRange(0, 1440, false)
  minutesSpent!: number;
}

@InputType({ description: 'Adds a kind of help to the community’s list.' })
export class AddCareHelpItemInput {
  @Field(() => ID, { description: 'The community.' })
  @GlobalId()
  communityId!: string;

  @Field({ description: 'e.g. 代购代缴.' })
  @Text({ max: 50 })
  name!: string;
}

@InputType({ description: 'Retires a kind of help from the community’s list (past visits keep it).' })
export class RetireCareHelpItemInput {
  @Field(() => ID, { description: 'The help item.' })
  @GlobalId()
  helpItemId!: string;
}

@InputType({ description: 'Appoints a person of the community to its care staff.' })
export class AppointCareStaffInput {
  @Field(() => ID, { description: 'The community.' })
  @GlobalId()
  communityId!: string;

  @Field(() => ID, { description: 'The person appointed (of the same community).' })
  @GlobalId()
  personId!: string;
}

@InputType({ description: 'Ends a care-staff appointment.' })
export class EndCareStaffInput {
  @Field(() => ID, { description: 'The appointment.' })
  @GlobalId()
  careStaffId!: string;
}

export const CareLinkPayload = PayloadType('CareLinkPayload', 'link', CareLinkType, 'The care link after the mutation.');
export const CareVisitPayload = PayloadType('CareVisitPayload', 'visit', CareVisitType, 'The visit recorded.');
export const CareHelpItemPayload = PayloadType('CareHelpItemPayload', 'helpItem', CareHelpItemType, 'The help item after the mutation.');
export const CareStaffPayload = PayloadType('CareStaffPayload', 'careStaff', CareStaffType, 'The appointment after the mutation.');

@ObjectType('AddCareHelpItemPayload', {
  simpleResolvers: true,
})
export class AddCareHelpItemPayload extends CareHelpItemPayload {}

@ObjectType('RetireCareHelpItemPayload', {
  simpleResolvers: true,
})
export class RetireCareHelpItemPayload extends CareHelpItemPayload {}

@ObjectType('AppointCareStaffPayload', {
  simpleResolvers: true,
})
export class AppointCareStaffPayload extends CareStaffPayload {}

@ObjectType('EndCareStaffPayload', {
  simpleResolvers: true,
})
export class EndCareStaffPayload extends CareStaffPayload {}

@ObjectType('EndCareLinkPayload', {
  simpleResolvers: true,
})
export class EndCareLinkPayload extends CareLinkPayload {}

@ObjectType('LinkCareHouseholdPayload', {
  simpleResolvers: true,
})
export class LinkCareHouseholdPayload extends CareLinkPayload {}

@ObjectType('RecordCareVisitPayload', {
  simpleResolvers: true,
})
export class RecordCareVisitPayload extends CareVisitPayload {}
