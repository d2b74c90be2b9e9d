import { ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar } from '../../core/graphql/scalars';
import { CalendarDate, GlobalId, IntRange, PastOrNearDate, Text } from '../../core/validation/rules';
import { CommitteeRole, Nomination } from './governance.enums';
import { CandidateType, CommitteeElectionType, PropertyCommitteeType } from './governance.types';

@InputType()
export class OpenCommitteeElectionInput {
  @Field(() => ID)
  @GlobalId()
  compoundId!: string;

  @Field(() => Int, { description: 'Members to elect (3 to 15).' })
  @IntRange(3, 15, false)
  seats!: number;

  @Field(() => DateScalar)
  @CalendarDate(false)
  termStart!: string;

  @Field(() => DateScalar)
  @CalendarDate(false)
  termEnd!: string;
}

@InputType()
export class NominateCandidateInput {
  @Field(() => ID)
  @GlobalId()
  electionId!: string;

  @Field(() => ID, { description: 'A person living in the compound.' })
  @GlobalId()
  personId!: string;

  @Field(() => Nomination)
  nomination!: Nomination;

  @Field(() => ID, { nullable: true, description: 'For BUILDING_GROUP nominations: the group that put them forward.' })
  @GlobalId(true)
  nominatingGroupId?: string | null;
}

@InputType()
export class ReviewCandidateInput {
  @Field(() => ID)
  @GlobalId()
  candidateId!: string;

  @Field()
  approved!: boolean;

  @Field(() => String, { nullable: true, description: 'Required when rejecting; shown to the compound.' })
  @Text({ max: 500, nullable: true })
  reason?: string | null;
}

@InputType()
export class CandidateVotesInput {
  @Field(() => ID)
  @GlobalId()
  candidateId!: string;

  @Field(() => Int)
  @IntRange(0, 1_000_000, false)
  votes!: number;
}

@InputType()
export class RecordElectionVoteInput {
  @Field(() => ID)
  @GlobalId()
  electionId!: string;

  @Field(() => DateScalar)
  @PastOrNearDate(0, false)
  heldOn!: string;

  @Field(() => Int)
  @IntRange(1, 1_000_000, false)
  eligibleVoters!: number;

  @Field(() => Int)
  @IntRange(0, 1_000_000, false)
  votesCast!: number;

  @Field(() => [CandidateVotesInput], { description: 'Votes of every approved candidate.' })
  @ValidateNested({ each: true })
  results!: CandidateVotesInput[];
}

@InputType()
export class ConfirmElectionInput {
  @Field(() => ID)
  @GlobalId()
  electionId!: string;

  @Field(() => ID, { description: 'The chair: a person among those elected.' })
  @GlobalId()
  chairId!: string;

  @Field(() => ID, {
    nullable: true,
    description: "The committee's party secretary; must be the compound branch's secretary (the default).",
  })
  @GlobalId(true)
  partySecretaryId?: string | null;

  @Field(() => String, { nullable: true, description: 'Default: "<compound>业主委员会".' })
  @Text({ max: 100, nullable: true })
  name?: string | null;
}

@InputType()
export class CommitteeSeatInput {
  @Field(() => ID)
  @GlobalId()
  personId!: string;

  @Field(() => CommitteeRole)
  role!: CommitteeRole;
}

@InputType()
export class AppointInterimCommitteeInput {
  @Field(() => ID)
  @GlobalId()
  compoundId!: string;

  @Field(() => String, { nullable: true, description: 'Default: "<compound>临时物业管理委员会".' })
  @Text({ max: 100, nullable: true })
  name?: string | null;

  @Field(() => DateScalar)
  @CalendarDate(false)
  termStart!: string;

  @Field(() => DateScalar, { nullable: true })
  @CalendarDate(true)
  termEnd?: string | null;

  @Field(() => [CommitteeSeatInput])
  @ValidateNested({ each: true })
  members!: CommitteeSeatInput[];

  @Field(() => ID, { nullable: true, description: "Default: the compound branch's secretary." })
  @GlobalId(true)
  partySecretaryId?: string | null;
}

@InputType()
export class EndCommitteeInput {
  @Field(() => ID)
  @GlobalId()
  committeeId!: string;

  @Field(() => DateScalar)
  @PastOrNearDate(31, false)
  endedOn!: string;

  @Field({ description: 'Why (a recall by the residents, the end of the term).' })
  @Text({ max: 500 })
  reason!: string;
}

@InputType()
export class CancelElectionInput {
  @Field(() => ID)
  @GlobalId()
  electionId!: string;

  @Field()
  @Text({ max: 500 })
  reason!: string;
}

export const CommitteeElectionPayload = PayloadType('CommitteeElectionPayload', 'election', CommitteeElectionType);
export const CandidatePayload = PayloadType('CandidatePayload', 'candidate', CandidateType);
export const PropertyCommitteePayload = PayloadType('PropertyCommitteePayload', 'committee', PropertyCommitteeType);
