import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar } from '../../core/graphql/scalars';
import { CalendarDate, GlobalId, IntRange, PastOrNearDate, PositiveDecimal, Text } from '../../core/validation/rules';
import { PropertyMode, VulnerabilityTag } from './places.enums';
import { BuildingType, CompoundType, HouseholdType, UnitType } from './places.types';

@InputType()
export class CreateCompoundInput {
  @Field(() => ID)
  @GlobalId()
  communityId!: string;

  @Field({ description: 'e.g. 馨园' })
  @Text({ max: 100 })
  name!: string;

  @Field(() => PropertyMode)
  propertyMode!: PropertyMode;

  @Field(() => Int, { nullable: true })
  @IntRange(1900, 2100)
  builtYear?: number | null;

  @Field(() => ID, { nullable: true, description: 'The branch covering it from the start, if any.' })
  @GlobalId(true)
  branchId?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Since when the branch covers it; default today (UTC).' })
  @CalendarDate()
  @PastOrNearDate()
  branchSince?: string | null;
}

@InputType()
export class UpdateCompoundInput {
  @Field(() => ID)
  @GlobalId()
  id!: string;

  @Field(() => String, { nullable: true })
  @Text({ max: 100 })
  name?: string;

  @Field(() => PropertyMode, { nullable: true })
  propertyMode?: PropertyMode;

  @Field(() => Int, { nullable: true })
  @IntRange(1900, 2100)
  builtYear?: number | null;
}

@InputType()
export class CreateBuildingInput {
  @Field(() => ID)
  @GlobalId()
  compoundId!: string;

  @Field({ description: 'e.g. 1号楼' })
  @Text({ max: 50 })
  name!: string;

  @Field(() => Int, { nullable: true })
  @IntRange(1, 200)
  floors?: number | null;

  @Field(() => ID, { nullable: true, description: 'A building group of the branch covering the compound.' })
  @GlobalId(true)
  buildingGroupId?: string | null;
}

@InputType()
export class UpdateBuildingInput {
  @Field(() => ID)
  @GlobalId()
  id!: string;

  @Field(() => String, { nullable: true })
  @Text({ max: 50 })
  name?: string;

  @Field(() => Int, { nullable: true })
  @IntRange(1, 200)
  floors?: number | null;
}

@InputType()
export class CreateUnitInput {
  @Field(() => ID)
  @GlobalId()
  buildingId!: string;

  @Field({ description: 'e.g. 1单元' })
  @Text({ max: 50 })
  name!: string;
}

@InputType()
export class UpdateUnitInput {
  @Field(() => ID)
  @GlobalId()
  id!: string;

  @Field(() => String, { nullable: true })
  @Text({ max: 50 })
  name?: string;
}

@InputType()
export class CreateHouseholdInput {
  @Field(() => ID)
  @GlobalId()
  unitId!: string;

  @Field({ description: 'Room number on the door, e.g. 101.' })
  @Text({ max: 20 })
  doorNo!: string;

  @Field(() => Float, { nullable: true })
  @PositiveDecimal(10_000)
  areaSqm?: number | null;

  @Field(() => [VulnerabilityTag], { nullable: true, description: 'The 147 linkage categories that apply. Personal data.' })
  vulnerabilityTags?: VulnerabilityTag[] | null;
}

@InputType()
export class UpdateHouseholdInput {
  @Field(() => ID)
  @GlobalId()
  id!: string;

  @Field(() => String, { nullable: true })
  @Text({ max: 20 })
  doorNo?: string;

  @Field(() => Float, { nullable: true })
  @PositiveDecimal(10_000)
  areaSqm?: number | null;

  @Field(() => [VulnerabilityTag], { nullable: true, description: 'The 147 linkage categories that apply. Personal data.' })
  vulnerabilityTags?: VulnerabilityTag[] | null;

  @Field(() => ID, { nullable: true, description: 'Move the record to another unit of the same community (a correction).' })
  @GlobalId()
  unitId?: string;
}

export const CreateCompoundPayload = PayloadType('CreateCompoundPayload', 'compound', CompoundType);
export const UpdateCompoundPayload = PayloadType('UpdateCompoundPayload', 'compound', CompoundType);
export const CreateBuildingPayload = PayloadType('CreateBuildingPayload', 'building', BuildingType);
export const UpdateBuildingPayload = PayloadType('UpdateBuildingPayload', 'building', BuildingType);
export const CreateUnitPayload = PayloadType('CreateUnitPayload', 'unit', UnitType);
export const UpdateUnitPayload = PayloadType('UpdateUnitPayload', 'unit', UnitType);
export const CreateHouseholdPayload = PayloadType('CreateHouseholdPayload', 'household', HouseholdType);
export const UpdateHouseholdPayload = PayloadType('UpdateHouseholdPayload', 'household', HouseholdType);
