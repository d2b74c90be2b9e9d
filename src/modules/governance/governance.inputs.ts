import { ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar } from '../../core/graphql/scalars';
import { CalendarDate, GlobalId, IntRange, PastOrNearDate, Text } from '../../core/validation/rules';
import { CommitteeRole, Nomination } from './governance.enums';
import { CandidateType, CommitteeElectionType, PropertyCommitteeType } from './governance.types';

@InputType({ description: 'What the `openCommitteeElection` mutation takes.' })
export class OpenCommitteeElectionInput {
  @Field(() => ID, { description: 'The compound electing its property committee.' })
  @GlobalId()
  compoundId!: string;

  @Field(() => Int, { description: 'Members to elect (3 to 15).' })
  @IntRange(3, 15, false)
  seats!: number;

  @Field(() => DateScalar, { description: "The first day of the elected committee's term." })
  @CalendarDate(false)
  termStart!: string;

  @Field(() => DateScalar, { description: "The last day of the elected committee's term." })
  @CalendarDate(false)
  termEnd!: string;
}

@InputType({ description: 'What the `nominateCandidate` mutation takes.' })
export class NominateCandidateInput {
  @Field(() => ID, { description: 'The election the candidate stands in.' })
  @GlobalId()
  electionId!: string;

  @Field(() => ID, { description: 'A person living in the compound.' })
  @GlobalId()
  personId!: string;

  @Field(() => Nomination, { description: 'How the candidate was put forward.' })
  nomination!: Nomination;

  @Field(() => ID, { nullable: true, description: 'For BUILDING_GROUP nominations: the group that put them forward.' })
  @GlobalId(true)
  nominatingGroupId?: string | null;
}

@InputType({ description: 'What the `reviewCandidate` mutation takes.' })
export class ReviewCandidateInput {
  @Field(() => ID, { description: 'The candidate reviewed.' })
  @GlobalId()
  candidateId!: string;

  @Field({ description: 'True: may stand; false: may not.' })
  approved!: boolean;

  @Field(() => String, { nullable: true, description: 'Required when rejecting; shown to the compound.' })
  @Text({ max: 500, nullable: true })
  reason?: string | null;
}

@InputType({ description: 'What the `candidateVotes` mutation takes.' })
export class CandidateVotesInput {
  @Field(() => ID, { description: 'The candidate.' })
  @GlobalId()
  candidateId!: string;

  @Field(() => Int, { description: 'Votes the candidate received.' })
  @IntRange(0, 1_000_000, false)
  votes!: number;
}

@InputType({ description: 'What the `recordElectionVote` mutation takes.' })
export class RecordElectionVoteInput {
  @Field(() => ID, { description: 'The election.' })
  @GlobalId()
  electionId!: string;

  @Field(() => DateScalar, { description: 'The day of the vote.' })
  @PastOrNearDate(0, false)
  heldOn!: string;

  @Field(() => Int, { description: 'Voters entitled to vote.' })
  @IntRange(1, 1_000_000, false)
  eligibleVoters!: number;

  @Field(() => Int, { description: 'Votes cast.' })
  @IntRange(0, 1_000_000, false)
  votesCast!: number;

  @Field(() => [CandidateVotesInput], { description: 'Votes of every approved candidate.' })
  @ValidateNested({ each: true })
  results!: CandidateVotesInput[];
}

@InputType({ description: 'What the `confirmElection` mutation takes.' })
export class ConfirmElectionInput {
  @Field(() => ID, { description: 'The election whose result is confirmed.' })
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

@InputType({ description: 'What the `committeeSeat` mutation takes.' })
export class CommitteeSeatInput {
  @Field(() => ID, { description: 'The person who takes the seat.' })
  @GlobalId()
  personId!: string;

  @Field(() => CommitteeRole, { description: 'The seat: chair, vice chair or member.' })
  role!: CommitteeRole;
}

@InputType({ description: 'What the `appointInterimCommittee` mutation takes.' })
export class AppointInterimCommitteeInput {
  @Field(() => ID, { description: 'The compound whose interim committee this is.' })
  @GlobalId()
  compoundId!: string;

  @Field(() => String, { nullable: true, description: 'Default: "<compound>临时物业管理委员会".' })
  @Text({ max: 100, nullable: true })
  name?: string | null;

  @Field(() => DateScalar, { description: 'The first day it sits.' })
  @CalendarDate(false)
  termStart!: string;

  @Field(() => DateScalar, { description: 'The last day it may sit (an election is due by then).', nullable: true })
  @CalendarDate(true)
  termEnd?: string | null;

  @Field(() => [CommitteeSeatInput], { description: 'Its members and their seats.' })
  @ValidateNested({ each: true })
  members!: CommitteeSeatInput[];

  @Field(() => ID, { nullable: true, description: "Default: the compound branch's secretary." })
  @GlobalId(true)
  partySecretaryId?: string | null;
}

@InputType({ description: 'What the `endCommittee` mutation takes.' })
export class EndCommitteeInput {
  @Field(() => ID, { description: 'The committee whose sitting ends.' })
  @GlobalId()
  committeeId!: string;

  @Field(() => DateScalar, { description: 'The last day it sat.' })
  @PastOrNearDate(31, false)
  endedOn!: string;

  @Field({ description: 'Why (a recall by the residents, the end of the term).' })
  @Text({ max: 500 })
  reason!: string;
}

@InputType({ description: 'What the `cancelElection` mutation takes.' })
export class CancelElectionInput {
  @Field(() => ID, { description: 'The election to cancel.' })
  @GlobalId()
  electionId!: string;

  @Field({ description: 'Why, kept with the election.' })
  @Text({ max: 500 })
  reason!: string;
}

export const CommitteeElectionPayload = PayloadType('CommitteeElectionPayload', 'election', CommitteeElectionType);
export const CandidatePayload = PayloadType('CandidatePayload', 'candidate', CandidateType);
export const PropertyCommitteePayload = PayloadType('PropertyCommitteePayload', 'committee', PropertyCommitteeType);

@ObjectType('AppointInterimCommitteePayload', {
  simpleResolvers: true,
})
export class AppointInterimCommitteePayload extends PropertyCommitteePayload {}

@ObjectType('ConfirmCommitteeElectionPayload', {
  simpleResolvers: true,
})
export class ConfirmCommitteeElectionPayload extends PropertyCommitteePayload {}

@ObjectType('EndCommitteeTermPayload', {
  simpleResolvers: true,
})
export class EndCommitteeTermPayload extends PropertyCommitteePayload {}

@ObjectType('RecallCommitteePayload', {
  simpleResolvers: true,
})
export class RecallCommitteePayload extends PropertyCommitteePayload {}

@ObjectType('CancelCommitteeElectionPayload', {
  simpleResolvers: true,
})
export class CancelCommitteeElectionPayload extends CommitteeElectionPayload {}

@ObjectType('OpenCommitteeElectionPayload', {
  simpleResolvers: true,
})
export class OpenCommitteeElectionPayload extends CommitteeElectionPayload {}

@ObjectType('RecordCommitteeElectionVotePayload', {
  simpleResolvers: true,
})
export class RecordCommitteeElectionVotePayload extends CommitteeElectionPayload {}

@ObjectType('NominateCommitteeCandidatePayload', {
  simpleResolvers: true,
})
export class NominateCommitteeCandidatePayload extends CandidatePayload {}

@ObjectType('ReviewCommitteeCandidatePayload', {
  simpleResolvers: true,
})
export class ReviewCommitteeCandidatePayload extends CandidatePayload {}

@InputType('CancelCommitteeElectionInput', { description: 'What the `cancelCommitteeElection` mutation takes.' })
export class CancelCommitteeElectionInput extends CancelElectionInput {}

@InputType('ConfirmCommitteeElectionInput', { description: 'What the `confirmCommitteeElection` mutation takes.' })
export class ConfirmCommitteeElectionInput extends ConfirmElectionInput {}

@InputType('EndCommitteeTermInput', { description: 'What the `endCommitteeTerm` mutation takes.' })
export class EndCommitteeTermInput extends EndCommitteeInput {}

@InputType('RecallCommitteeInput', { description: 'What the `recallCommittee` mutation takes.' })
export class RecallCommitteeInput extends EndCommitteeInput {}

@InputType('NominateCommitteeCandidateInput', { description: 'What the `nominateCommitteeCandidate` mutation takes.' })
export class NominateCommitteeCandidateInput extends NominateCandidateInput {}

@InputType('RecordCommitteeElectionVoteInput', { description: 'What the `recordCommitteeElectionVote` mutation takes.' })
export class RecordCommitteeElectionVoteInput extends RecordElectionVoteInput {}

@InputType('ReviewCommitteeCandidateInput', { description: 'What the `reviewCommitteeCandidate` mutation takes.' })
export class ReviewCommitteeCandidateInput extends ReviewCandidateInput {}
