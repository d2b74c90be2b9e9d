import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar } from '../../core/graphql/scalars';
import { CalendarDate, GlobalId, IntRange, PastOrNearDate, PositiveDecimal, Text } from '../../core/validation/rules';
import { PropertyMode, VulnerabilityTag } from './places.enums';
import { BuildingType, CompoundType, HouseholdType, UnitType } from './places.types';

@InputType({ description: 'What the `createCompound` mutation takes.' })
export class CreateCompoundInput {
  @Field(() => ID, { description: 'The community the compound lies in.' })
  @GlobalId()
  communityId!: string;

  @Field({ description: 'e.g. 馨园' })
  @Text({ max: 100 })
  name!: string;

  @Field(() => PropertyMode, { description: 'How it is managed.' })
  propertyMode!: PropertyMode;

  @Field(() => Int, { description: 'Year the compound was built.', nullable: true })
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

@InputType({ description: 'What the `updateCompound` mutation takes.' })
export class UpdateCompoundInput {
  @Field(() => ID, { description: 'The compound to change.' })
  @GlobalId()
  id!: string;

  @Field(() => String, { description: 'Its new name.', nullable: true })
  @Text({ max: 100 })
  name?: string;

  @Field(() => PropertyMode, { description: 'How it is managed.', nullable: true })
  propertyMode?: PropertyMode;

  @Field(() => Int, { description: 'Year the compound was built.', nullable: true })
  @IntRange(1900, 2100)
  builtYear?: number | null;
}

@InputType({ description: 'What the `createBuilding` mutation takes.' })
export class CreateBuildingInput {
  @Field(() => ID, { description: 'The compound the building stands in.' })
  @GlobalId()
  compoundId!: string;

  @Field({ description: 'e.g. 1号楼' })
  @Text({ max: 50 })
  name!: string;

  @Field(() => Int, { description: 'Number of floors above ground.', nullable: true })
  @IntRange(1, 200)
  floors?: number | null;

  @Field(() => ID, { nullable: true, description: 'A building group of the branch covering the compound.' })
  @GlobalId(true)
  buildingGroupId?: string | null;
}

@InputType({ description: 'What the `updateBuilding` mutation takes.' })
export class UpdateBuildingInput {
  @Field(() => ID, { description: 'The building to change.' })
  @GlobalId()
  id!: string;

  @Field(() => String, { description: 'Its new name or number.', nullable: true })
  @Text({ max: 50 })
  name?: string;

  @Field(() => Int, { description: 'Number of floors above ground.', nullable: true })
  @IntRange(1, 200)
  floors?: number | null;
}

@InputType({ description: 'What the `createUnit` mutation takes.' })
export class CreateUnitInput {
  @Field(() => ID, { description: 'The building the unit is in.' })
  @GlobalId()
  buildingId!: string;

  @Field({ description: 'e.g. 1单元' })
  @Text({ max: 50 })
  name!: string;
}

@InputType({ description: 'What the `updateUnit` mutation takes.' })
export class UpdateUnitInput {
  @Field(() => ID, { description: 'The unit to change.' })
  @GlobalId()
  id!: string;

  @Field(() => String, { description: 'Its new name or number.', nullable: true })
  @Text({ max: 50 })
  name?: string;
}

@InputType({ description: 'What the `createHousehold` mutation takes.' })
export class CreateHouseholdInput {
  @Field(() => ID, { description: 'The unit the household lives in.' })
  @GlobalId()
  unitId!: string;

  @Field({ description: 'Room number on the door, e.g. 101.' })
  @Text({ max: 20 })
  doorNo!: string;

  @Field(() => Float, { description: 'Floor area in m².', nullable: true })
  @PositiveDecimal(10_000)
  areaSqm?: number | null;

  @Field(() => [VulnerabilityTag], { nullable: true, description: 'The 147 linkage categories that apply. Personal data.' })
  vulnerabilityTags?: VulnerabilityTag[] | null;
}

@InputType({ description: 'What the `updateHousehold` mutation takes.' })
export class UpdateHouseholdInput {
  @Field(() => ID, { description: 'The household to change.' })
  @GlobalId()
  id!: string;

  @Field(() => String, {
    description: 'The door number (personal data: needs the right to read it plain where it is written).',
    nullable: true,
  })
  @Text({ max: 20 })
  doorNo?: string;

  @Field(() => Float, { description: 'Floor area in m².', nullable: true })
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
