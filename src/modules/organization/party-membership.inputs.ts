import { Field, ID, InputType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar } from '../../core/graphql/scalars';
import { CalendarDate, GlobalId, PastOrNearDate, Text } from '../../core/validation/rules';
import { MembershipStatus, OrganizationRelation } from './organization.enums';
import { PartyMembershipType } from './organization.types';

@InputType({ description: 'What the `recordPartyMembership` mutation takes.' })
export class RecordPartyMembershipInput {
  @Field(() => ID, { description: 'The member.' })
  @GlobalId()
  personId!: string;

  @Field(() => OrganizationRelation, { description: 'Registered here, or elsewhere and serving where they live (双报到).' })
  organizationRelation!: OrganizationRelation;

  @Field(() => MembershipStatus, { description: 'Probationary or full member.' })
  status!: MembershipStatus;

  @Field(() => ID, {
    nullable: true,
    description:
      'Required for LOCAL members (the branch they are registered with); optional for EXTERNAL ones (the branch they report to).',
  })
  @GlobalId(true)
  branchId?: string | null;

  @Field(() => String, { nullable: true, description: 'Required for EXTERNAL members: where they are registered.' })
  @Text({ max: 200, nullable: true })
  homeOrganization?: string | null;

  @Field(() => DateScalar, { description: 'The day the person joined.', nullable: true })
  @CalendarDate()
  @PastOrNearDate(0)
  joinedOn?: string | null;
}

@InputType({ description: 'What the `updatePartyMembership` mutation takes.' })
export class UpdatePartyMembershipInput {
  @Field(() => ID, { description: 'The membership to change.' })
  @GlobalId()
  id!: string;

  @Field(() => MembershipStatus, { nullable: true, description: 'e.g. PROBATIONARY → FULL.' })
  status?: MembershipStatus;

  @Field(() => OrganizationRelation, { description: 'Registered here, or elsewhere (双报到).', nullable: true })
  organizationRelation?: OrganizationRelation;

  @Field(() => ID, { description: 'The branch the member is registered with.', nullable: true })
  @GlobalId(true)
  branchId?: string | null;

  @Field(() => String, { description: 'For members registered elsewhere: their home organization.', nullable: true })
  @Text({ max: 200, nullable: true })
  homeOrganization?: string | null;
}

@InputType({ description: 'What the `endPartyMembership` mutation takes.' })
export class EndPartyMembershipInput {
  @Field(() => ID, { description: 'The party membership to end.' })
  @GlobalId()
  id!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default: today (UTC).' })
  @CalendarDate()
  @PastOrNearDate(0)
  endedOn?: string | null;
}

export const RecordPartyMembershipPayload = PayloadType('RecordPartyMembershipPayload', 'partyMembership', PartyMembershipType);
export const UpdatePartyMembershipPayload = PayloadType('UpdatePartyMembershipPayload', 'partyMembership', PartyMembershipType);
export const EndPartyMembershipPayload = PayloadType('EndPartyMembershipPayload', 'partyMembership', PartyMembershipType);
