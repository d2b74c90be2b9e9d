import { Field, ID, InputType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar } from '../../core/graphql/scalars';
import { CalendarDate, GlobalId, PastOrNearDate, Text } from '../../core/validation/rules';
import { MemberHouseholdType } from './organization.types';

@InputType({ description: 'What the `designateMemberHousehold` mutation takes.' })
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

  @Field(() => String, { description: "The duties on the member household's plate.", nullable: true })
  @Text({ max: 500, nullable: true, multiline: true })
  duties?: string | null;

  @Field(() => String, { description: "The household's public pledge (承诺).", nullable: true })
  @Text({ max: 500, nullable: true, multiline: true })
  pledge?: string | null;

  @Field(() => String, { description: 'What the members can help neighbours with.', nullable: true })
  @Text({ max: 500, nullable: true, multiline: true })
  specialties?: string | null;
}

@InputType({ description: 'What the `updateMemberHousehold` mutation takes.' })
export class UpdateMemberHouseholdInput {
  @Field(() => ID, { description: 'The member household to change.' })
  @GlobalId()
  id!: string;

  @Field(() => Boolean, { description: 'Whether the household shows its plate at the door.', nullable: true })
  displaysPlate?: boolean | null;

  @Field(() => String, { description: 'The duties on the plate.', nullable: true })
  @Text({ max: 500, nullable: true, multiline: true })
  duties?: string | null;

  @Field(() => String, { description: "The household's public pledge (承诺).", nullable: true })
  @Text({ max: 500, nullable: true, multiline: true })
  pledge?: string | null;

  @Field(() => String, { description: 'What the members can help neighbours with.', nullable: true })
  @Text({ max: 500, nullable: true, multiline: true })
  specialties?: string | null;
}

@InputType({ description: 'What the `undesignateMemberHousehold` mutation takes.' })
export class UndesignateMemberHouseholdInput {
  @Field(() => ID, { description: 'The member household designation to end.' })
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
