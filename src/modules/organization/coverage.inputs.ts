import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar } from '../../core/graphql/scalars';
import { CalendarDate, GlobalId, PastOrNearDate, Text } from '../../core/validation/rules';
import { UserError } from '../../core/validation/user-error';
import { PayloadType } from '../../core/graphql/payload';
import { BuildingType, CompoundType } from '../places/places.types';
import { CompoundBranchType } from './organization.types';

@InputType()
export class AssignCompoundToBranchInput {
  @Field(() => ID)
  @GlobalId()
  compoundId!: string;

  @Field(() => ID, { nullable: true, description: 'The branch that covers the compound from `since`; null: no branch covers it any more.' })
  @GlobalId(true)
  branchId!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Default: today (UTC).' })
  @CalendarDate()
  @PastOrNearDate()
  since?: string | null;
}

@InputType()
export class GraduateCompoundInput {
  @Field(() => ID, { description: 'A compound now covered by a JOINT branch.' })
  @GlobalId()
  compoundId!: string;

  @Field({ description: 'Name of the new standalone branch, e.g. 一中宿舍小区党支部.' })
  @Text({ max: 100 })
  branchName!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default: today (UTC).' })
  @CalendarDate()
  @PastOrNearDate()
  graduatedOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'Secretary of the new branch, a person of this community.' })
  @GlobalId(true)
  secretaryId?: string | null;
}

@ObjectType({ simpleResolvers: true })
export class AssignCompoundToBranchPayload {
  @Field(() => CompoundType, { nullable: true })
  compound!: unknown;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType({ simpleResolvers: true })
export class GraduateCompoundPayload {
  @Field(() => CompoundType, { nullable: true })
  compound!: unknown;

  @Field(() => CompoundBranchType, { nullable: true, description: 'The new standalone branch.' })
  branch!: unknown;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class MoveBuildingInput {
  @Field(() => ID)
  @GlobalId()
  buildingId!: string;

  @Field(() => ID, { nullable: true, description: 'The building group to move to (of the branch covering the compound); null: no group.' })
  @GlobalId(true)
  buildingGroupId!: string | null;
}

export const MoveBuildingPayload = PayloadType('MoveBuildingPayload', 'building', BuildingType);
