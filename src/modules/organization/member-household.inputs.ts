import { Field, ID, InputType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar } from '../../core/graphql/scalars';
import { CalendarDate, GlobalId, PastOrNearDate, Text } from '../../core/validation/rules';
import { MemberHouseholdType } from './organization.types';

@InputType()
export class DesignateMemberHouseholdInput {
  @Field(() => ID, { description: 'A household with at least one current party member.' })
  @GlobalId()
  householdId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default: today (UTC).' })
  @CalendarDate()
  @PastOrNearDate()
  designatedOn?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether the 共产党员户 plate is displayed; default true.' })
  displaysPlate?: boolean | null;

  @Field(() => String, { nullable: true })
  @Text({ max: 500, nullable: true, multiline: true })
  duties?: string | null;

  @Field(() => String, { nullable: true })
  @Text({ max: 500, nullable: true, multiline: true })
  pledge?: string | null;

  @Field(() => String, { nullable: true })
  @Text({ max: 500, nullable: true, multiline: true })
  specialties?: string | null;
}

@InputType()
export class UpdateMemberHouseholdInput {
  @Field(() => ID)
  @GlobalId()
  id!: string;

  @Field(() => Boolean, { nullable: true })
  displaysPlate?: boolean | null;

  @Field(() => String, { nullable: true })
  @Text({ max: 500, nullable: true, multiline: true })
  duties?: string | null;

  @Field(() => String, { nullable: true })
  @Text({ max: 500, nullable: true, multiline: true })
  pledge?: string | null;

  @Field(() => String, { nullable: true })
  @Text({ max: 500, nullable: true, multiline: true })
  specialties?: string | null;
}

@InputType()
export class UndesignateMemberHouseholdInput {
  @Field(() => ID)
  @GlobalId()
  id!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default: today (UTC).' })
  @CalendarDate()
  @PastOrNearDate()
  undesignatedOn?: string | null;
}

export const DesignateMemberHouseholdPayload = PayloadType('DesignateMemberHouseholdPayload', 'memberHousehold', MemberHouseholdType);
export const UpdateMemberHouseholdPayload = PayloadType('UpdateMemberHouseholdPayload', 'memberHousehold', MemberHouseholdType);
export const UndesignateMemberHouseholdPayload = PayloadType('UndesignateMemberHouseholdPayload', 'memberHousehold', MemberHouseholdType);
