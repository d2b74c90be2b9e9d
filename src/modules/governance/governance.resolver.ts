import { OfficeHolderType, officeHolder } from '../people/office-holder';
import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { payloadOf } from '../../core/graphql/payload';
import { related } from '../../core/graphql/relations';
import { DateScalar } from '../../core/graphql/scalars';
import { communitySettings } from '../geography/community-settings';
import { CompoundBranchSpec } from '../organization/compound-branch.loaders';
import { BuildingGroupType } from '../organization/organization.types';
import { BuildingGroupSpec } from '../organization/building-group.loaders';
import { PersonType } from '../people/people.types';
import { PersonSpec } from '../people/person.loaders';
import { CompoundSpec, type CompoundRow } from '../places/compound.loaders';
import { CompoundType } from '../places/places.types';
import { committeeService, meetsRatio } from './committee.service';
import { CommitteeRole, CommitteeStatus, TermStatus } from './governance.enums';
import {
  AppointInterimCommitteeInput,
  CancelCommitteeElectionInput,
  NominateCommitteeCandidatePayload,
  ReviewCommitteeCandidatePayload,
  CancelCommitteeElectionPayload,
  OpenCommitteeElectionPayload,
  RecordCommitteeElectionVotePayload,
  ConfirmCommitteeElectionInput,
  EndCommitteeTermInput,
  RecallCommitteeInput,
  NominateCommitteeCandidateInput,
  OpenCommitteeElectionInput,
  AppointInterimCommitteePayload,
  ConfirmCommitteeElectionPayload,
  EndCommitteeTermPayload,
  RecallCommitteePayload,
  RecordCommitteeElectionVoteInput,
  ReviewCommitteeCandidateInput,
} from './governance.inputs';
import {
  CandidateSpec,
  CommitteeElectionSpec,
  CommitteeMemberSpec,
  PropertyCommitteeSpec,
  type CandidateRow,
  type CommitteeElectionRow,
  type CommitteeMemberRow,
  type PropertyCommitteeRow,
} from './governance.loaders';
import {
  CandidateType,
  CommitteeComplianceType,
  CommitteeElectionType,
  CommitteeMemberType,
  PropertyCommitteeType,
} from './governance.types';

const SITTING = { key: 'sitting', sql: "t.status = 'SITTING'", params: [] as unknown[] };

function members(ctx: RequestContext, committee: PropertyCommitteeRow): Promise<CommitteeMemberRow[]> {
  return ctx.loaders
    .allBy(CommitteeMemberSpec, 'committee_id', `case t.role when 'CHAIR' then 0 when 'VICE_CHAIR' then 1 else 2 end, t.id`)
    .load(committee.pk);
}

@Resolver(() => CompoundType)
export class CompoundGovernanceResolver {
  @FieldResolver(() => PropertyCommitteeType, { nullable: true, description: 'The committee sitting now.' })
  propertyCommittee(@Root() compound: CompoundRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.oneBy(PropertyCommitteeSpec, 'compound_id', SITTING).load(compound.pk);
  }

  @FieldResolver(() => [PropertyCommitteeType], { description: 'Every committee the compound has had, oldest first.' })
  propertyCommittees(@Root() compound: CompoundRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(PropertyCommitteeSpec, 'compound_id', 't.term_start, t.id').load(compound.pk);
  }

  @FieldResolver(() => PropertyCommitteeType, {
    nullable: true,
    description: 'The committee that sat on a given day ("who sat in 2017?").',
  })
  async propertyCommitteeOn(
    @Root() compound: CompoundRow,
    @Arg('date', () => DateScalar, { description: 'The day asked about.' }) date: string,
    @Ctx() ctx: RequestContext,
  ) {
    const all = await ctx.loaders.allBy(PropertyCommitteeSpec, 'compound_id', 't.term_start, t.id').load(compound.pk);
    return all.find((c) => c.termStart <= date && (c.endedOn === null || c.endedOn > date)) ?? null;
  }

  @FieldResolver(() => [CommitteeElectionType], { description: 'Committee elections, oldest first.' })
  committeeElections(@Root() compound: CompoundRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(CommitteeElectionSpec, 'compound_id').load(compound.pk);
  }
}

@Resolver(() => PropertyCommitteeType)
export class PropertyCommitteeResolver {
  @FieldResolver(() => CompoundType, { description: 'The compound.' })
  compound(@Root() committee: PropertyCommitteeRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundSpec, committee.compoundId);
  }

  @FieldResolver(() => [CommitteeMemberType], { description: 'Chair first.' })
  members(@Root() committee: PropertyCommitteeRow, @Ctx() ctx: RequestContext) {
    return members(ctx, committee);
  }

  @FieldResolver(() => CommitteeMemberType, { description: 'The chair.', nullable: true })
  async chair(@Root() committee: PropertyCommitteeRow, @Ctx() ctx: RequestContext) {
    return (await members(ctx, committee)).find((m) => m.role === CommitteeRole.CHAIR) ?? null;
  }

  @FieldResolver(() => PersonType, {
    nullable: true,
    description: "The committee's party secretary (the compound branch's secretary): their record, for those with a duty of care for them.",
  })
  partySecretary(@Root() committee: PropertyCommitteeRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, committee.partySecretaryId);
  }

  @FieldResolver(() => OfficeHolderType, { nullable: true, description: 'The party secretary’s public face.' })
  partySecretaryProfile(@Root() committee: PropertyCommitteeRow, @Ctx() ctx: RequestContext) {
    return officeHolder(ctx, committee.partySecretaryId, `${committee.name}党支部书记`);
  }

  @FieldResolver(() => CommitteeElectionType, {
    description: 'The election that seated it; null for an interim committee.',
    nullable: true,
  })
  election(@Root() committee: PropertyCommitteeRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CommitteeElectionSpec, committee.electionId);
  }

  @FieldResolver(() => CommitteeComplianceType, { description: "How it meets the community's rules." })
  async compliance(@Root() committee: PropertyCommitteeRow, @Ctx() ctx: RequestContext): Promise<CommitteeComplianceType> {
    const [seats, settings, compound] = await Promise.all([
      members(ctx, committee),
      communitySettings(ctx).load(committee.communityId),
      ctx.loaders.node(CompoundSpec).load(committee.compoundId),
    ]);
    const branch = compound?.branchId ? await ctx.loaders.node(CompoundBranchSpec).load(compound.branchId) : null;
    const required = settings?.partyMemberRatioMin ?? 60;
    const partyMemberCount = seats.filter((m) => m.partyMember).length;
    const meets = meetsRatio(partyMemberCount, seats.length, required);
    const secretaryOk = !!branch?.secretaryId && branch.secretaryId === committee.partySecretaryId;
    const termStatus =
      committee.status !== CommitteeStatus.SITTING
        ? TermStatus.ENDED
        : committee.termEnd && committee.termEnd < ctx.clock.today()
          ? TermStatus.OVERDUE
          : TermStatus.CURRENT;
    const problems: string[] = [];
    if (!meets) problems.push(`party members are ${partyMemberCount} of ${seats.length}; at least ${required} % are required`);
    if (!secretaryOk) problems.push("the party secretary is not the compound branch's secretary");
    if (termStatus === TermStatus.OVERDUE) problems.push(`the term ended on ${committee.termEnd}; an election is due`);
    return {
      memberCount: seats.length,
      partyMemberCount,
      partyMemberRatio: seats.length ? partyMemberCount / seats.length : 0,
      requiredPercent: required,
      meetsPartyMemberRatio: meets,
      secretaryIsBranchSecretary: secretaryOk,
      termStatus,
      compliant: problems.length === 0,
      problems,
    };
  }

  @Mutation(() => ConfirmCommitteeElectionPayload, {
    description: 'Confirms a voted election: seats the elected committee if it meets the rules.',
  })
  async confirmCommitteeElection(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: ConfirmCommitteeElectionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'committee', PropertyCommitteeSpec, await committeeService.confirm(ctx, input));
  }

  @Mutation(() => AppointInterimCommitteePayload, { description: 'Appoints an interim committee (after a recall, until an election).' })
  async appointInterimCommittee(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: AppointInterimCommitteeInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'committee', PropertyCommitteeSpec, await committeeService.appointInterim(ctx, input));
  }

  @Mutation(() => RecallCommitteePayload, { description: 'Records the recall of a sitting committee by the residents.' })
  async recallCommittee(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: RecallCommitteeInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'committee', PropertyCommitteeSpec, await committeeService.end(ctx, input, CommitteeStatus.RECALLED));
  }

  @Mutation(() => EndCommitteeTermPayload, { description: "Ends a sitting committee's term without a successor yet." })
  async endCommitteeTerm(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: EndCommitteeTermInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'committee', PropertyCommitteeSpec, await committeeService.end(ctx, input, CommitteeStatus.TERM_ENDED));
  }
}

@Resolver(() => CommitteeMemberType)
export class CommitteeMemberResolver {
  @FieldResolver(() => PersonType, { description: 'The member.' })
  person(@Root() member: CommitteeMemberRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, member.personId);
  }

  @FieldResolver(() => PropertyCommitteeType, { description: 'The committee.' })
  committee(@Root() member: CommitteeMemberRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PropertyCommitteeSpec, member.committeeId);
  }
}

@Resolver(() => CommitteeElectionType)
export class CommitteeElectionResolver {
  @FieldResolver(() => CompoundType, { description: 'The compound electing.' })
  compound(@Root() election: CommitteeElectionRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundSpec, election.compoundId);
  }

  @FieldResolver(() => [CandidateType], { description: 'In order of nomination; after the vote, the votes and who was elected.' })
  candidates(@Root() election: CommitteeElectionRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(CandidateSpec, 'election_id').load(election.pk);
  }

  @Mutation(() => OpenCommitteeElectionPayload, { description: 'Opens an election of the compound committee.' })
  async openCommitteeElection(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: OpenCommitteeElectionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'election', CommitteeElectionSpec, await committeeService.openElection(ctx, input));
  }

  @Mutation(() => CancelCommitteeElectionPayload, { description: 'Cancels an election that will not be confirmed; a new one may open.' })
  async cancelCommitteeElection(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: CancelCommitteeElectionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'election', CommitteeElectionSpec, await committeeService.cancelElection(ctx, input));
  }

  @Mutation(() => RecordCommitteeElectionVotePayload, {
    description: "Records the vote: every approved candidate's votes; the top seats are elected.",
  })
  async recordCommitteeElectionVote(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: RecordCommitteeElectionVoteInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'election', CommitteeElectionSpec, await committeeService.recordVote(ctx, input));
  }
}

@Resolver(() => CandidateType)
export class CandidateResolver {
  @FieldResolver(() => PersonType, { description: 'The person standing.' })
  person(@Root() candidate: CandidateRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, candidate.personId);
  }

  @FieldResolver(() => BuildingGroupType, { description: 'The building group that put the candidate forward, if one did.', nullable: true })
  nominatingGroup(@Root() candidate: CandidateRow, @Ctx() ctx: RequestContext) {
    return related(ctx, BuildingGroupSpec, candidate.nominatingGroupId);
  }

  @FieldResolver(() => CommitteeElectionType, { description: 'The election the candidate stands in.' })
  election(@Root() candidate: CandidateRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CommitteeElectionSpec, candidate.electionId);
  }

  @Mutation(() => NominateCommitteeCandidatePayload, {
    description: 'Puts a candidate forward (by a building group, by residents, or self-nominated).',
  })
  async nominateCommitteeCandidate(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: NominateCommitteeCandidateInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'candidate', CandidateSpec, await committeeService.nominate(ctx, input));
  }

  @Mutation(() => ReviewCommitteeCandidatePayload, {
    description: "The street office's review of a candidate: approve, or reject with a reason.",
  })
  async reviewCommitteeCandidate(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: ReviewCommitteeCandidateInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'candidate', CandidateSpec, await committeeService.review(ctx, input));
  }
}
