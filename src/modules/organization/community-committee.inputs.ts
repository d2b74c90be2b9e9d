import { Field, ID, InputType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { GlobalId, Text } from '../../core/validation/rules';
import { CommunityCommitteeType } from './organization.types';

@InputType({ description: 'What the `updateCommunityCommittee` mutation takes.' })
export class UpdateCommunityCommitteeInput {
  @Field(() => ID, { description: 'The community committee to change.' })
  @GlobalId()
  id!: string;

  @Field(() => String, { description: 'Its new name.', nullable: true })
  @Text({ max: 100 })
  name?: string;

  @Field(() => String, { description: "The committee's brand for its party-building work.", nullable: true })
  @Text({ max: 100, nullable: true })
  brandName?: string | null;

  @Field(() => ID, { nullable: true, description: 'A person of this community; null clears it.' })
  @GlobalId(true)
  secretaryId?: string | null;
}
export const UpdateCommunityCommitteePayload = PayloadType('UpdateCommunityCommitteePayload', 'committee', CommunityCommitteeType);
