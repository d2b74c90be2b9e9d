import { Field, ID, InputType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar } from '../../core/graphql/scalars';
import { CalendarDate, GlobalId, PastOrNearDate, Text } from '../../core/validation/rules';
import { BranchKind } from './organization.enums';
import { BuildingGroupType, CompoundBranchType } from './organization.types';

@InputType({ description: 'What the `createCompoundBranch` mutation takes.' })
export class CreateCompoundBranchInput {
  @Field(() => ID, { description: 'The community whose committee the branch belongs to.' })
  @GlobalId()
  communityId!: string;

  @Field({ description: 'e.g. 馨园小区党支部, 联合党支部一' })
  @Text({ max: 100 })
  name!: string;

  @Field(() => BranchKind, { description: 'Standalone (one compound) or joint (several small compounds).' })
  kind!: BranchKind;

  @Field(() => DateScalar, { description: 'The day the branch was established.', nullable: true })
  @CalendarDate()
  @PastOrNearDate()
  establishedOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'A person of this community.' })
  @GlobalId(true)
  secretaryId?: string | null;
}

@InputType({ description: 'What the `updateCompoundBranch` mutation takes.' })
export class UpdateCompoundBranchInput {
  @Field(() => ID, { description: 'The branch to change.' })
  @GlobalId()
  id!: string;

  @Field(() => String, { description: 'Its new name.', nullable: true })
  @Text({ max: 100 })
  name?: string;

  @Field(() => BranchKind, { description: 'Standalone or joint.', nullable: true })
  kind?: BranchKind;

  @Field(() => DateScalar, { description: 'The day the branch was established.', nullable: true })
  @CalendarDate()
  @PastOrNearDate()
  establishedOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'A person of this community; null clears it.' })
  @GlobalId(true)
  secretaryId?: string | null;
}

@InputType({ description: 'What the `createBuildingGroup` mutation takes.' })
export class CreateBuildingGroupInput {
  @Field(() => ID, { description: 'The branch the group belongs to.' })
  @GlobalId()
  branchId!: string;

  @Field({ description: 'e.g. 第一党小组' })
  @Text({ max: 100 })
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The group leader, a person of this community.' })
  @GlobalId(true)
  leaderId?: string | null;
}

@InputType({ description: 'What the `updateBuildingGroup` mutation takes.' })
export class UpdateBuildingGroupInput {
  @Field(() => ID, { description: 'The building group to change.' })
  @GlobalId()
  id!: string;

  @Field(() => String, { description: 'Its new name.', nullable: true })
  @Text({ max: 100 })
  name?: string;

  @Field(() => ID, { nullable: true, description: 'null clears it.' })
  @GlobalId(true)
  leaderId?: string | null;
}

export const CreateCompoundBranchPayload = PayloadType('CreateCompoundBranchPayload', 'branch', CompoundBranchType);
export const UpdateCompoundBranchPayload = PayloadType('UpdateCompoundBranchPayload', 'branch', CompoundBranchType);
export const CreateBuildingGroupPayload = PayloadType('CreateBuildingGroupPayload', 'buildingGroup', BuildingGroupType);
export const UpdateBuildingGroupPayload = PayloadType('UpdateBuildingGroupPayload', 'buildingGroup', BuildingGroupType);
