import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { NodeFields } from '../../core/graphql/node-fields';
import { DateScalar } from '../../core/graphql/scalars';
import { ConnectionType } from '../../core/pagination/connection';
import type { CandidateRow } from './governance.loaders';
import { CandidateReview, CommitteeKind, CommitteeRole, CommitteeStatus, ElectionStatus, Nomination, TermStatus } from './governance.enums';

@ObjectType('PropertyCommittee', {
  implements: Node,
  simpleResolvers: true,
  description: '物管会 / 业委会: a compound property committee for one term.',
})
export class PropertyCommitteeType extends NodeFields {
  @Field({ description: 'Its name.' })
  name!: string;

  @Field(() => CommitteeKind, { description: 'Elected or interim.' })
  kind!: CommitteeKind;

  @Field(() => CommitteeStatus, { description: 'Where it stands.' })
  status!: CommitteeStatus;

  @Field(() => DateScalar, { description: 'The first day of its term.' })
  termStart!: string;

  @Field(() => DateScalar, { description: 'The last day of its term.', nullable: true })
  termEnd!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When it stopped sitting (recalled, term ended, succeeded).' })
  endedOn!: string | null;

  @Field(() => String, { description: 'Why it stopped sitting; null while sitting.', nullable: true })
  endReason!: string | null;
}

@ObjectType('CommitteeMember', { implements: Node, simpleResolvers: true, description: 'A seat on a property committee.' })
export class CommitteeMemberType extends NodeFields {
  @Field({ description: 'As announced (committee composition is public).' })
  name!: string;

  @Field(() => CommitteeRole, { description: "The member's seat." })
  role!: CommitteeRole;

  @Field({ description: 'A party member when taking the seat.' })
  partyMember!: boolean;
}

@ObjectType('CommitteeCompliance', {
  simpleResolvers: true,
  description:
    "How a committee measures up to the community's rules (DOMAIN.md: ≥ 60 % party members, the branch secretary as party secretary).",
})
export class CommitteeComplianceType {
  @Field(() => Int, { description: 'Members sitting.' })
  memberCount!: number;

  @Field(() => Int, { description: 'Of them, party members.' })
  partyMemberCount!: number;

  @Field(() => Float, { description: 'Share of party members, 0 to 1 (a ratio, not money).' })
  partyMemberRatio!: number;

  @Field(() => Int, { description: "The community's minimum, in percent." })
  requiredPercent!: number;

  @Field({ description: "Whether the share of party members reaches the community's minimum." })
  meetsPartyMemberRatio!: boolean;

  @Field({ description: "The committee's party secretary is the compound branch's secretary now." })
  secretaryIsBranchSecretary!: boolean;

  @Field(() => TermStatus, { description: 'Whether its term runs.' })
  termStatus!: TermStatus;

  @Field({ description: 'All of the above hold (an ended committee: as constituted).' })
  compliant!: boolean;

  @Field(() => [String], { description: 'Why not compliant, in words; empty when compliant.' })
  problems!: string[];
}

@ObjectType('CommitteeElection', { implements: Node, simpleResolvers: true, description: 'An election of a compound property committee.' })
export class CommitteeElectionType extends NodeFields {
  @Field(() => ElectionStatus, { description: 'Where the election stands.' })
  status!: ElectionStatus;

  @Field(() => Int, { description: 'Seats to fill.' })
  seats!: number;

  @Field(() => DateScalar, { description: "The first day of the elected committee's term." })
  termStart!: string;

  @Field(() => DateScalar, { description: "The last day of the elected committee's term." })
  termEnd!: string;

  @Field(() => DateScalar, { description: 'The day of the vote; null until recorded.', nullable: true })
  heldOn!: string | null;

  @Field(() => Int, { description: 'Voters entitled to vote; null until recorded.', nullable: true })
  eligibleVoters!: number | null;

  @Field(() => Int, { description: 'Votes cast; null until recorded.', nullable: true })
  votesCast!: number | null;

  @Field(() => String, { description: 'Why it was cancelled; null otherwise.', nullable: true })
  cancelReason!: string | null;

  @Field(() => Int, { description: 'Changes with every change; pass it back where a mutation asks for it.' })
  version!: number;
}

@ObjectType('Candidate', { implements: Node, simpleResolvers: true, description: 'A candidate in a committee election.' })
export class CandidateType extends NodeFields {
  @Field({ description: 'As announced on the candidate list.' })
  name!: string;

  @Field({ description: 'A party member when nominated.' })
  partyMember!: boolean;

  @Field(() => Nomination, { description: 'How the candidate was put forward.' })
  nomination!: Nomination;

  @Field(() => CandidateReview, { description: "The street office's review." })
  review!: CandidateReview;

  @Field(() => String, { description: 'Why the review decided as it did.', nullable: true })
  reviewReason!: string | null;

  @Field(() => String, { description: 'The login that reviewed the candidate.', nullable: true })
  reviewedBy!: string | null;

  @Field(() => Int, { description: 'Votes received; null until the vote is recorded.', nullable: true })
  votes!: number | null;

  @Field({ description: 'Whether the vote elected the candidate; null until the vote is recorded.' })
  elected!: boolean;
}

export const CandidateConnection = ConnectionType<CandidateRow>(CandidateType, 'Candidate');
