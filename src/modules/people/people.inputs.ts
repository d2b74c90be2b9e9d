import { Field, ID, InputType, Int } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar } from '../../core/graphql/scalars';
import { CalendarDate, GlobalId, IdNumber, IntRange, PastOrNearDate, Phone, Text } from '../../core/validation/rules';
import { DutyRole, Gender } from './people.enums';
import { DutyAssignmentType, PersonType } from './people.types';

@InputType({ description: 'What the `createPerson` mutation takes.' })
export class CreatePersonInput {
  @Field(() => ID, { nullable: true, description: 'The household the person lives in; gives the community.' })
  @GlobalId(true)
  householdId?: string | null;

  @Field(() => ID, { nullable: true, description: 'For a person on record without a household here; otherwise taken from the household.' })
  @GlobalId(true)
  communityId?: string | null;

  @Field({ description: 'Full name (personal data).' })
  @Text({ max: 50 })
  name!: string;

  @Field(() => Gender, { description: 'Gender.', nullable: true })
  gender?: Gender | null;

  @Field(() => Int, { description: 'Year of birth.', nullable: true })
  @IntRange(1900, 2100)
  birthYear?: number | null;

  @Field(() => String, { nullable: true, description: 'Personal data.' })
  @Phone()
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Resident identity card number (18 characters). Personal data.' })
  @IdNumber()
  idNumber?: string | null;
}

@InputType({ description: 'What the `updatePerson` mutation takes.' })
export class UpdatePersonInput {
  @Field(() => ID, { description: 'The person to change.' })
  @GlobalId()
  id!: string;

  @Field(() => String, { description: 'Full name (personal data).', nullable: true })
  @Text({ max: 50 })
  name?: string;

  @Field(() => Gender, { description: 'Gender.', nullable: true })
  gender?: Gender | null;

  @Field(() => Int, { description: 'Year of birth.', nullable: true })
  @IntRange(1900, 2100)
  birthYear?: number | null;

  @Field(() => String, { nullable: true, description: 'Personal data.' })
  @Phone()
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Resident identity card number (18 characters). Personal data.' })
  @IdNumber()
  idNumber?: string | null;

  @Field(() => ID, { nullable: true, description: 'Moves the person to another household of the same community; null: no household.' })
  @GlobalId(true)
  householdId?: string | null;
}

@InputType({ description: 'What the `assignDutyRole` mutation takes.' })
export class AssignDutyRoleInput {
  @Field(() => ID, { description: 'The person who takes the duty.' })
  @GlobalId()
  personId!: string;

  @Field(() => DutyRole, { description: 'Which of the two heads and four officers (两长四员).' })
  role!: DutyRole;

  @Field(() => ID, { nullable: true, description: 'The compound the duty is for (derived from the building or unit when given).' })
  @GlobalId(true)
  compoundId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Required for BUILDING_HEAD.' })
  @GlobalId(true)
  buildingId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Required for UNIT_HEAD.' })
  @GlobalId(true)
  unitId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Default: today (UTC).' })
  @CalendarDate()
  @PastOrNearDate()
  startedOn?: string | null;
}

@InputType({ description: 'What the `endDutyAssignment` mutation takes.' })
export class EndDutyAssignmentInput {
  @Field(() => ID, { description: 'The duty assignment to end.' })
  @GlobalId()
  id!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default: today (UTC).' })
  @CalendarDate()
  @PastOrNearDate()
  endedOn?: string | null;
}

export const CreatePersonPayload = PayloadType('CreatePersonPayload', 'person', PersonType);
export const UpdatePersonPayload = PayloadType('UpdatePersonPayload', 'person', PersonType);
export const AssignDutyRolePayload = PayloadType('AssignDutyRolePayload', 'dutyAssignment', DutyAssignmentType);
export const EndDutyAssignmentPayload = PayloadType('EndDutyAssignmentPayload', 'dutyAssignment', DutyAssignmentType);
