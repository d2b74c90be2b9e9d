import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateScalar } from '../../core/graphql/scalars';
import { CalendarDate, GlobalId, PastOrNearDate, Text } from '../../core/validation/rules';
import { UserError } from '../../core/validation/user-error';
import { PayloadType } from '../../core/graphql/payload';
import { BuildingType, CompoundType } from '../places/places.types';
import { CompoundBranchType } from './organization.types';

@InputType({ description: 'What the `assignCompoundToBranch` mutation takes.' })
export class AssignCompoundToBranchInput {
  @Field(() => ID, { description: 'The compound to place under the branch.' })
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

@InputType({ description: 'What the `graduateCompound` mutation takes.' })
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

@ObjectType({
  simpleResolvers: true,
})
export class AssignCompoundToBranchPayload {
  @Field(() => CompoundType, { description: 'The compound, now under the branch; null when refused.', nullable: true })
  compound!: unknown;

  @Field(() => [UserError], { description: 'Empty when the mutation succeeded; otherwise why nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({
  simpleResolvers: true,
})
export class GraduateCompoundPayload {
  @Field(() => CompoundType, { description: 'The compound, now under its own branch; null when refused.', nullable: true })
  compound!: unknown;

  @Field(() => CompoundBranchType, { nullable: true, description: 'The new standalone branch.' })
  branch!: unknown;

  @Field(() => [UserError], { description: 'Empty when the mutation succeeded; otherwise why nothing was changed.' })
  userErrors!: UserError[];
}

@InputType({ description: 'What the `moveBuilding` mutation takes.' })
export class MoveBuildingInput {
  @Field(() => ID, { description: 'The building moved to another building group.' })
  @GlobalId()
  buildingId!: string;

  @Field(() => ID, { nullable: true, description: 'The building group to move to (of the branch covering the compound); null: no group.' })
  @GlobalId(true)
  buildingGroupId!: string | null;
}

export const MoveBuildingPayload = PayloadType('MoveBuildingPayload', 'building', BuildingType);
