import { Field, ID, InputType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar } from '../../core/graphql/scalars';
import { CalendarDate, GlobalId, PastOrNearDate, Text } from '../../core/validation/rules';
import { MembershipStatus, OrganizationRelation } from './organization.enums';
import { PartyMembershipType } from './organization.types';

@InputType()
export class RecordPartyMembershipInput {
  @Field(() => ID)
  @GlobalId()
  personId!: string;

  @Field(() => OrganizationRelation)
  organizationRelation!: OrganizationRelation;

  @Field(() => MembershipStatus)
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

  @Field(() => DateScalar, { nullable: true })
  @CalendarDate()
  @PastOrNearDate(0)
  joinedOn?: string | null;
}

@InputType()
export class UpdatePartyMembershipInput {
  @Field(() => ID)
  @GlobalId()
  id!: string;

  @Field(() => MembershipStatus, { nullable: true, description: 'e.g. PROBATIONARY → FULL.' })
  status?: MembershipStatus;

  @Field(() => OrganizationRelation, { nullable: true })
  organizationRelation?: OrganizationRelation;

  @Field(() => ID, { nullable: true })
  @GlobalId(true)
  branchId?: string | null;

  @Field(() => String, { nullable: true })
  @Text({ max: 200, nullable: true })
  homeOrganization?: string | null;
}

@InputType()
export class EndPartyMembershipInput {
  @Field(() => ID)
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
