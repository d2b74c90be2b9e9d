import { Field, ID, InputType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { GlobalId, Text } from '../../core/validation/rules';
import { DistrictType, StreetType } from './geography.types';

@InputType({ description: 'What the `createDistrict` mutation takes.' })
export class CreateDistrictInput {
  @Field({ description: 'e.g. 小店区' })
  @Text({ max: 100 })
  name!: string;

  @Field({ description: 'e.g. 太原市' })
  @Text({ max: 100 })
  city!: string;
}

@InputType({ description: 'What the `updateDistrict` mutation takes.' })
export class UpdateDistrictInput {
  @Field(() => ID, { description: 'The district to change.' })
  @GlobalId()
  id!: string;

  @Field(() => String, { description: 'Its new name.', nullable: true })
  @Text({ max: 100 })
  name?: string;

  @Field(() => String, { description: 'The city the district belongs to.', nullable: true })
  @Text({ max: 100 })
  city?: string;
}

@InputType({ description: 'What the `createStreet` mutation takes.' })
export class CreateStreetInput {
  @Field(() => ID, { description: 'The district the street office belongs to.' })
  @GlobalId()
  districtId!: string;

  @Field({ description: 'e.g. 小店街道' })
  @Text({ max: 100 })
  name!: string;
}

@InputType({ description: 'What the `updateStreet` mutation takes.' })
export class UpdateStreetInput {
  @Field(() => ID, { description: 'The street office to change.' })
  @GlobalId()
  id!: string;

  @Field(() => String, { description: 'Its new name.', nullable: true })
  @Text({ max: 100 })
  name?: string;
}

export const CreateDistrictPayload = PayloadType('CreateDistrictPayload', 'district', DistrictType);
export const UpdateDistrictPayload = PayloadType('UpdateDistrictPayload', 'district', DistrictType);
export const CreateStreetPayload = PayloadType('CreateStreetPayload', 'street', StreetType);
export const UpdateStreetPayload = PayloadType('UpdateStreetPayload', 'street', StreetType);
