import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { NodeFields } from '../../core/graphql/node-fields';
import { DateScalar } from '../../core/graphql/scalars';
import { CandidateReview, CommitteeKind, CommitteeRole, CommitteeStatus, ElectionStatus, Nomination, TermStatus } from './governance.enums';

@ObjectType('PropertyCommittee', {
  implements: Node,
  simpleResolvers: true,
  description: '物管会 / 业委会: a compound property committee for one term.',
})
export class PropertyCommitteeType extends NodeFields {
  @Field()
  name!: string;

  @Field(() => CommitteeKind)
  kind!: CommitteeKind;

  @Field(() => CommitteeStatus)
  status!: CommitteeStatus;

  @Field(() => DateScalar)
  termStart!: string;

  @Field(() => DateScalar, { nullable: true })
  termEnd!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'When it stopped sitting (recalled, term ended, succeeded).' })
  endedOn!: string | null;

  @Field(() => String, { nullable: true })
  endReason!: string | null;
}

@ObjectType('CommitteeMember', { implements: Node, simpleResolvers: true, description: 'A seat on a property committee.' })
export class CommitteeMemberType extends NodeFields {
  @Field({ description: 'As announced (committee composition is public).' })
  name!: string;

  @Field(() => CommitteeRole)
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
  @Field(() => Int)
  memberCount!: number;

  @Field(() => Int)
  partyMemberCount!: number;

  @Field(() => Float, { description: 'Share of party members, 0 to 1 (a ratio, not money).' })
  partyMemberRatio!: number;

  @Field(() => Int, { description: "The community's minimum, in percent." })
  requiredPercent!: number;

  @Field()
  meetsPartyMemberRatio!: boolean;

  @Field({ description: "The committee's party secretary is the compound branch's secretary now." })
  secretaryIsBranchSecretary!: boolean;

  @Field(() => TermStatus)
  termStatus!: TermStatus;

  @Field({ description: 'All of the above hold (an ended committee: as constituted).' })
  compliant!: boolean;

  @Field(() => [String], { description: 'Why not compliant, in words; empty when compliant.' })
  problems!: string[];
}

@ObjectType('CommitteeElection', { implements: Node, simpleResolvers: true, description: 'An election of a compound property committee.' })
export class CommitteeElectionType extends NodeFields {
  @Field(() => ElectionStatus)
  status!: ElectionStatus;

  @Field(() => Int)
  seats!: number;

  @Field(() => DateScalar)
  termStart!: string;

  @Field(() => DateScalar)
  termEnd!: string;

  @Field(() => DateScalar, { nullable: true })
  heldOn!: string | null;

  @Field(() => Int, { nullable: true })
  eligibleVoters!: number | null;

  @Field(() => Int, { nullable: true })
  votesCast!: number | null;

  @Field(() => String, { nullable: true })
  cancelReason!: string | null;

  @Field(() => Int)
  version!: number;
}

@ObjectType('Candidate', { implements: Node, simpleResolvers: true, description: 'A candidate in a committee election.' })
export class CandidateType extends NodeFields {
  @Field({ description: 'As announced on the candidate list.' })
  name!: string;

  @Field({ description: 'A party member when nominated.' })
  partyMember!: boolean;

  @Field(() => Nomination)
  nomination!: Nomination;

  @Field(() => CandidateReview)
  review!: CandidateReview;

  @Field(() => String, { nullable: true })
  reviewReason!: string | null;

  @Field(() => String, { nullable: true })
  reviewedBy!: string | null;

  @Field(() => Int, { nullable: true })
  votes!: number | null;

  @Field()
  elected!: boolean;
}
