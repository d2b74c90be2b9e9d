import { Field, ID, InputType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar } from '../../core/graphql/scalars';
import { CalendarDate, GlobalId, PastOrNearDate, Text } from '../../core/validation/rules';
import { BranchKind } from './organization.enums';
import { BuildingGroupType, CompoundBranchType } from './organization.types';

@InputType()
export class CreateCompoundBranchInput {
  @Field(() => ID)
  @GlobalId()
  communityId!: string;

  @Field({ description: 'e.g. 馨园小区党支部, 联合党支部一' })
  @Text({ max: 100 })
  name!: string;

  @Field(() => BranchKind)
  kind!: BranchKind;

  @Field(() => DateScalar, { nullable: true })
  @CalendarDate()
  @PastOrNearDate()
  establishedOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'A person of this community.' })
  @GlobalId(true)
  secretaryId?: string | null;
}

@InputType()
export class UpdateCompoundBranchInput {
  @Field(() => ID)
  @GlobalId()
  id!: string;

  @Field(() => String, { nullable: true })
  @Text({ max: 100 })
  name?: string;

  @Field(() => BranchKind, { nullable: true })
  kind?: BranchKind;

  @Field(() => DateScalar, { nullable: true })
  @CalendarDate()
  @PastOrNearDate()
  establishedOn?: string | null;

  @Field(() => ID, { nullable: true, description: 'A person of this community; null clears it.' })
  @GlobalId(true)
  secretaryId?: string | null;
}

@InputType()
export class CreateBuildingGroupInput {
  @Field(() => ID)
  @GlobalId()
  branchId!: string;

  @Field({ description: 'e.g. 第一党小组' })
  @Text({ max: 100 })
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The group leader, a person of this community.' })
  @GlobalId(true)
  leaderId?: string | null;
}

@InputType()
export class UpdateBuildingGroupInput {
  @Field(() => ID)
  @GlobalId()
  id!: string;

  @Field(() => String, { nullable: true })
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
