import { Field, ID, InputType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { GlobalId, Text } from '../../core/validation/rules';
import { DistrictType, StreetType } from './geography.types';

@InputType()
export class CreateDistrictInput {
  @Field({ description: 'e.g. 小店区' })
  @Text({ max: 100 })
  name!: string;

  @Field({ description: 'e.g. 太原市' })
  @Text({ max: 100 })
  city!: string;
}

@InputType()
export class UpdateDistrictInput {
  @Field(() => ID)
  @GlobalId()
  id!: string;

  @Field(() => String, { nullable: true })
  @Text({ max: 100 })
  name?: string;

  @Field(() => String, { nullable: true })
  @Text({ max: 100 })
  city?: string;
}

@InputType()
export class CreateStreetInput {
  @Field(() => ID)
  @GlobalId()
  districtId!: string;

  @Field({ description: 'e.g. 小店街道' })
  @Text({ max: 100 })
  name!: string;
}

@InputType()
export class UpdateStreetInput {
  @Field(() => ID)
  @GlobalId()
  id!: string;

  @Field(() => String, { nullable: true })
  @Text({ max: 100 })
  name?: string;
}

export const CreateDistrictPayload = PayloadType('CreateDistrictPayload', 'district', DistrictType);
export const UpdateDistrictPayload = PayloadType('UpdateDistrictPayload', 'district', DistrictType);
export const CreateStreetPayload = PayloadType('CreateStreetPayload', 'street', StreetType);
export const UpdateStreetPayload = PayloadType('UpdateStreetPayload', 'street', StreetType);
