import { ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar } from '../../core/graphql/scalars';
import { CalendarDate, GlobalId, IntRange, Text } from '../../core/validation/rules';
import { ServiceProvider } from './services.enums';
import { PropertyCompanyType, ServiceEvaluationType, ServiceListType, ServiceObjectionType } from './services.types';

@InputType()
export class CreatePropertyCompanyInput {
  @Field(() => ID)
  @GlobalId()
  communityId!: string;

  @Field()
  @Text({ max: 100 })
  name!: string;
}

@InputType()
export class ServiceItemInput {
  @Field()
  @Text({ max: 100 })
  title!: string;

  @Field(() => String, { nullable: true })
  @Text({ max: 500, nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'e.g. 每周一、四上午' })
  @Text({ max: 200, nullable: true })
  schedule?: string | null;
}

@InputType()
export class PublishServiceListInput {
  @Field(() => ID)
  @GlobalId()
  compoundId!: string;

  @Field(() => DateScalar, { description: 'Any day of the month.' })
  @CalendarDate(false)
  month!: string;

  @Field(() => ServiceProvider)
  provider!: ServiceProvider;

  @Field(() => ID, { nullable: true, description: 'For PROPERTY_COMPANY lists.' })
  @GlobalId(true)
  propertyCompanyId?: string | null;

  @Field(() => [ServiceItemInput])
  @ValidateNested({ each: true })
  items!: ServiceItemInput[];
}

@InputType()
export class RaiseServiceObjectionInput {
  @Field(() => ID)
  @GlobalId()
  itemId!: string;

  @Field(() => ID, { description: "The objecting household (the resident's own)." })
  @GlobalId()
  householdId!: string;

  @Field()
  @Text({ max: 1000, multiline: true })
  text!: string;
}

@InputType()
export class AnswerServiceObjectionInput {
  @Field(() => ID)
  @GlobalId()
  objectionId!: string;

  @Field()
  @Text({ max: 1000, multiline: true })
  answer!: string;
}

@InputType()
export class EvaluateServiceInput {
  @Field(() => ID)
  @GlobalId()
  householdId!: string;

  @Field(() => DateScalar, { description: 'Any day of the quarter; only the current quarter is open.' })
  @CalendarDate(false)
  quarter!: string;

  @Field(() => ID, { nullable: true, description: 'A service item of one of the quarter lists; null rates the service overall.' })
  @GlobalId(true)
  itemId?: string | null;

  @Field(() => Int)
  @IntRange(1, 5, false)
  score!: number;

  @Field(() => String, { nullable: true })
  @Text({ max: 500, nullable: true, multiline: true })
  comment?: string | null;
}

export const PropertyCompanyPayload = PayloadType('PropertyCompanyPayload', 'propertyCompany', PropertyCompanyType);
export const ServiceListPayload = PayloadType('ServiceListPayload', 'serviceList', ServiceListType);
export const ServiceObjectionPayload = PayloadType('ServiceObjectionPayload', 'objection', ServiceObjectionType);
export const ServiceEvaluationPayload = PayloadType('ServiceEvaluationPayload', 'evaluation', ServiceEvaluationType);
