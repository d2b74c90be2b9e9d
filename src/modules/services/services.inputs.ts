import { ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar } from '../../core/graphql/scalars';
import { CalendarDate, GlobalId, IntRange, Text } from '../../core/validation/rules';
import { ServiceProvider } from './services.enums';
import { PropertyCompanyType, ServiceEvaluationType, ServiceListType, ServiceObjectionType } from './services.types';

@InputType({ description: 'What the `createPropertyCompany` mutation takes.' })
export class CreatePropertyCompanyInput {
  @Field(() => ID, { description: 'The community that records the company.' })
  @GlobalId()
  communityId!: string;

  @Field({ description: "The company's registered name." })
  @Text({ max: 100 })
  name!: string;
}

@InputType({ description: 'What the `serviceItem` mutation takes.' })
export class ServiceItemInput {
  @Field({ description: "The service's short name." })
  @Text({ max: 100 })
  title!: string;

  @Field(() => String, { description: 'What the service covers.', nullable: true })
  @Text({ max: 500, nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. 每周一、四上午' })
  @Text({ max: 200, nullable: true })
  schedule?: string | null;
}

@InputType({ description: 'What the `publishServiceList` mutation takes.' })
export class PublishServiceListInput {
  @Field(() => ID, { description: 'The compound whose services are listed.' })
  @GlobalId()
  compoundId!: string;

  @Field(() => DateScalar, { description: 'Any day of the month.' })
  @CalendarDate(false)
  month!: string;

  @Field(() => ServiceProvider, { description: 'Who provides them this month.' })
  provider!: ServiceProvider;

  @Field(() => ID, { nullable: true, description: 'For PROPERTY_COMPANY lists.' })
  @GlobalId(true)
  propertyCompanyId?: string | null;

  @Field(() => [ServiceItemInput], { description: 'The services, one item each.' })
  @ValidateNested({ each: true })
  items!: ServiceItemInput[];
}

@InputType({ description: 'What the `raiseServiceObjection` mutation takes.' })
export class RaiseServiceObjectionInput {
  @Field(() => ID, { description: 'The service item objected to.' })
  @GlobalId()
  itemId!: string;

  @Field(() => ID, { description: "The objecting household (the resident's own)." })
  @GlobalId()
  householdId!: string;

  @Field({ description: "What is wrong, in the resident's words." })
  @Text({ max: 1000, multiline: true })
  text!: string;
}

@InputType({ description: 'What the `answerServiceObjection` mutation takes.' })
export class AnswerServiceObjectionInput {
  @Field(() => ID, { description: 'The objection answered.' })
  @GlobalId()
  objectionId!: string;

  @Field({ description: "The committee's or company's answer, shown to residents." })
  @Text({ max: 1000, multiline: true })
  answer!: string;
}

@InputType({ description: 'What the `evaluateService` mutation takes.' })
export class EvaluateServiceInput {
  @Field(() => ID, { description: 'The household evaluating (one evaluation per household and quarter).' })
  @GlobalId()
  householdId!: string;

  @Field(() => DateScalar, { description: 'Any day of the quarter; only the current quarter is open.' })
  @CalendarDate(false)
  quarter!: string;

  @Field(() => ID, { nullable: true, description: 'A service item of one of the quarter lists; null rates the service overall.' })
  @GlobalId(true)
  itemId?: string | null;

  @Field(() => Int, { description: 'The score given.' })
  @IntRange(1, 5, false)
  score!: number;

  @Field(() => String, { description: 'An optional comment with the score.', nullable: true })
  @Text({ max: 500, nullable: true, multiline: true })
  comment?: string | null;
}

export const PropertyCompanyPayload = PayloadType('PropertyCompanyPayload', 'propertyCompany', PropertyCompanyType);
export const ServiceListPayload = PayloadType('ServiceListPayload', 'serviceList', ServiceListType);
export const ServiceObjectionPayload = PayloadType('ServiceObjectionPayload', 'objection', ServiceObjectionType);
export const ServiceEvaluationPayload = PayloadType('ServiceEvaluationPayload', 'evaluation', ServiceEvaluationType);

@ObjectType('AnswerServiceObjectionPayload', {
  simpleResolvers: true,
})
export class AnswerServiceObjectionPayload extends ServiceObjectionPayload {}

@ObjectType('RaiseServiceObjectionPayload', {
  simpleResolvers: true,
})
export class RaiseServiceObjectionPayload extends ServiceObjectionPayload {}

@ObjectType('CreatePropertyCompanyPayload', {
  simpleResolvers: true,
})
export class CreatePropertyCompanyPayload extends PropertyCompanyPayload {}

@ObjectType('EvaluateServicePayload', {
  simpleResolvers: true,
})
export class EvaluateServicePayload extends ServiceEvaluationPayload {}

@ObjectType('PublishServiceListPayload', {
  simpleResolvers: true,
})
export class PublishServiceListPayload extends ServiceListPayload {}
