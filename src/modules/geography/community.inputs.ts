import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { GlobalId, IntRange, PositiveDecimal, Text } from '../../core/validation/rules';
import { CommunityType } from './geography.types';

@InputType({ description: 'What the `createCommunity` mutation takes.' })
export class CreateCommunityInput {
  @Field(() => ID, { description: 'The street office the community belongs to.' })
  @GlobalId()
  streetId!: string;

  @Field({ description: 'e.g. 永康北路社区' })
  @Text({ max: 100 })
  name!: string;

  @Field(() => Float, { description: 'Area in square kilometres.', nullable: true })
  @PositiveDecimal(100_000)
  areaKm2?: number | null;

  @Field(() => Int, { description: 'Registered residents (户籍人口), as reported.', nullable: true })
  @IntRange(0, 10_000_000)
  registeredResidents?: number | null;

  @Field(() => String, { nullable: true, description: 'The community committee is created with the community; default "<name>党委".' })
  @Text({ max: 100, nullable: true })
  committeeName?: string | null;

  @Field(() => String, { description: "The community's own brand for its party-building work, if any.", nullable: true })
  @Text({ max: 100, nullable: true })
  brandName?: string | null;
}

@InputType({ description: 'What the `updateCommunity` mutation takes.' })
export class UpdateCommunityInput {
  @Field(() => ID, { description: 'The community to change.' })
  @GlobalId()
  id!: string;

  @Field(() => String, { description: 'Its new name.', nullable: true })
  @Text({ max: 100 })
  name?: string;

  @Field(() => Float, { description: 'Area in square kilometres.', nullable: true })
  @PositiveDecimal(100_000)
  areaKm2?: number | null;

  @Field(() => Int, { description: 'Registered residents (户籍人口), as reported.', nullable: true })
  @IntRange(0, 10_000_000)
  registeredResidents?: number | null;
}

export const CreateCommunityPayload = PayloadType('CreateCommunityPayload', 'community', CommunityType);
export const UpdateCommunityPayload = PayloadType('UpdateCommunityPayload', 'community', CommunityType);
