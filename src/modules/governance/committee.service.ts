import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { actorLabel } from '../../core/auth/principal';
import { registerUniqueConstraint } from '../../core/graphql/constraints';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { UserErrorCode, refuse, userError, UserInputRefused, type UserError } from '../../core/validation/user-error';
import { decodeGlobalId } from '../../core/ids/global-id';
import { Community } from '../geography/community.entity';
import { CompoundBranch } from '../organization/compound-branch.entity';
import { Person } from '../people/person.entity';
import { compoundOfPerson, isPartyMember } from '../people/residence';
import { Compound } from '../places/compound.entity';
import { BuildingGroup } from '../organization/building-group.entity';
import { Candidate } from './candidate.entity';
import { CommitteeElection } from './committee-election.entity';
import { CommitteeMember } from './committee-member.entity';
import { CandidateReview, CommitteeKind, CommitteeRole, CommitteeStatus, ElectionStatus, Nomination } from './governance.enums';
import type {
  AppointInterimCommitteeInput,
  CancelElectionInput,
  ConfirmElectionInput,
  EndCommitteeInput,
  NominateCandidateInput,
  OpenCommitteeElectionInput,
  RecordElectionVoteInput,
  ReviewCandidateInput,
} from './governance.inputs';
import { PropertyCommittee } from './property-committee.entity';
import { GovernanceError } from './governance.errors';

registerUniqueConstraint('committee_election_open_unique', 'compoundId', 'The compound already has an election under way');
registerUniqueConstraint('candidate_unique', 'personId', 'This person is already a candidate in this election');
registerUniqueConstraint('committee_member_unique', 'members', 'A person can hold only one seat');
registerUniqueConstraint('committee_member_one_chair', 'members', 'A committee has one chair');

/** "3 of 7 (42.9 %)" */
function share(part: number, whole: number): string {
  return `${part} of ${whole} (${whole ? ((part * 100) / whole).toFixed(1) : '0.0'} %)`;
}

/** The party-member rule: the share of party members reaches the community's minimum (integer arithmetic). */
export function meetsRatio(partyMembers: number, members: number, minPercent: number): boolean {
  return members > 0 && partyMembers * 100 >= members * minPercent;
}

/** The branch covering the compound and its secretary; the committee's party secretary must be that person. */
async function branchSecretary(
  em: EntityManager,
  compound: Compound,
): Promise<{ branch: CompoundBranch | null; secretaryId: number | null }> {
  const branch = compound.branch ? await em.findOne(CompoundBranch, { id: compound.branch.id }) : null;
  return { branch, secretaryId: branch?.secretary?.id ?? null };
}

async function partySecretaryFor(em: EntityManager, compound: Compound, given: string | null | undefined): Promise<Person> {
  const { branch, secretaryId } = await branchSecretary(em, compound);
  if (!secretaryId) {
    refuse(
      'partySecretaryId',
      UserErrorCode.REQUIRED,
      "The committee's party secretary is the compound branch's secretary, and no branch secretary is on record for this compound: record one first",
    );
  }
  if (given) {
    const decoded = decodeGlobalId(given);
    if (decoded?.type !== 'Person' || decoded.pk !== secretaryId) {
      refuse(
        'partySecretaryId',
        UserErrorCode.MISMATCH,
        `The committee's party secretary is the secretary of ${branch!.name}, concurrently (交叉任职); name that person or leave it out`,
      );
    }
  }
  return em.findOneOrFail(Person, { id: secretaryId });
}

/** Ends whatever committee sits in the compound, the day the new one starts. */
async function endSitting(em: EntityManager, compound: Compound, on: string, reason: string): Promise<void> {
  const sitting = await em.findOne(PropertyCommittee, { compound, status: CommitteeStatus.SITTING });
  if (!sitting) return;
  if (on <= sitting.termStart)
    refuse('termStart', UserErrorCode.DATE_ORDER, `The sitting committee began on ${sitting.termStart}; the new term must start after it`);
  sitting.status = CommitteeStatus.TERM_ENDED;
  sitting.endedOn = on;
  sitting.endReason = reason;
  await em.flush(); // before the new committee claims the compound's one sitting seat
}

async function findElection(em: EntityManager, id: string): Promise<CommitteeElection> {
  return findByGlobalId(em, CommitteeElection, 'CommitteeElection', id, 'electionId');
}

/** Property committees: elections (nomination, street review, vote, confirmation), interim committees, recalls. */
export const committeeService = {
  openElection(ctx: RequestContext, input: OpenCommitteeElectionInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const compound = await findByGlobalId(em, Compound, 'Compound', input.compoundId, 'compoundId');
      if (compound.archivedAt) refuse('compoundId', UserErrorCode.PARENT_ARCHIVED, 'The compound is archived');
      if (input.termEnd <= input.termStart) refuse('termEnd', UserErrorCode.DATE_ORDER, 'The term must end after it starts');
      const election = em.create(CommitteeElection, {
        community: compound.community,
        compound,
        status: ElectionStatus.NOMINATING,
        seats: input.seats,
        termStart: input.termStart,
        termEnd: input.termEnd,
        version: 1,
      });
      await em.flush();
      return election.id;
    });
  },

  nominate(ctx: RequestContext, input: NominateCandidateInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const election = await findElection(em, input.electionId);
      if (election.status !== ElectionStatus.NOMINATING)
        refuse('electionId', UserErrorCode.INVALID_TRANSITION, `Nominations are closed: the election is ${election.status}`);
      const person = await findByGlobalId(em, Person, 'Person', input.personId, 'personId');
      if ((await compoundOfPerson(em, person.id)) !== election.compound.id)
        refuse('personId', UserErrorCode.MISMATCH, 'Candidates live in the compound');
      let group: BuildingGroup | null = null;
      if (input.nomination === Nomination.BUILDING_GROUP) {
        if (!input.nominatingGroupId)
          refuse('nominatingGroupId', UserErrorCode.REQUIRED, 'Name the building group that put the candidate forward');
        group = await findByGlobalId(em, BuildingGroup, 'BuildingGroup', input.nominatingGroupId, 'nominatingGroupId');
        const compound = await em.findOneOrFail(Compound, { id: election.compound.id });
        if (!compound.branch || group.branch.id !== compound.branch.id)
          refuse('nominatingGroupId', UserErrorCode.MISMATCH, 'The group belongs to a branch that does not cover this compound');
      } else if (input.nominatingGroupId) {
        refuse('nominatingGroupId', UserErrorCode.INVALID, 'Only BUILDING_GROUP nominations name a group');
      }
      const candidate = em.create(Candidate, {
        community: election.community,
        election,
        person,
        name: person.name,
        partyMember: await isPartyMember(em, person.id),
        nomination: input.nomination,
        nominatingGroup: group,
        review: CandidateReview.PENDING,
      });
      await em.flush();
      return candidate.id;
    });
  },

  /** The street office approves or rejects a candidate (with a reason), before the vote. */
  review(ctx: RequestContext, input: ReviewCandidateInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const candidate = await findByGlobalId(em, Candidate, 'Candidate', input.candidateId, 'candidateId');
      const election = await em.findOneOrFail(CommitteeElection, { id: candidate.election.id });
      if (election.status !== ElectionStatus.NOMINATING)
        refuse('candidateId', UserErrorCode.INVALID_TRANSITION, `The election is ${election.status}; reviews happen before the vote`);
      if (!input.approved && !input.reason) refuse('reason', UserErrorCode.REQUIRED, 'Give the reason for rejecting a candidate');
      candidate.review = input.approved ? CandidateReview.APPROVED : CandidateReview.REJECTED;
      candidate.reviewReason = input.reason ?? null;
      candidate.reviewedBy = actorLabel(ctx.principal);
      await em.flush();
      return candidate.id;
    });
  },

  /** Records the vote: every approved candidate's votes; the top `seats` are elected (a tie at the last seat is refused). */
  recordVote(ctx: RequestContext, input: RecordElectionVoteInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const election = await findElection(em, input.electionId);
      if (election.status !== ElectionStatus.NOMINATING)
        refuse('electionId', UserErrorCode.INVALID_TRANSITION, `The vote is already recorded: the election is ${election.status}`);
      const candidates = await em.find(Candidate, { election }, { orderBy: { id: 'asc' } });
      const pending = candidates.filter((c) => c.review === CandidateReview.PENDING);
      if (pending.length)
        refuse(
          'electionId',
          GovernanceError.PENDING_REVIEW,
          `${pending.map((c) => c.name).join('、')} still await the street office's review`,
        );
      const approved = candidates.filter((c) => c.review === CandidateReview.APPROVED);
      if (approved.length < election.seats)
        refuse('electionId', UserErrorCode.REQUIRED, `${approved.length} approved candidates for ${election.seats} seats: nominate more`);
      const errors: UserError[] = [];
      if (input.votesCast > input.eligibleVoters)
        errors.push(userError('votesCast', UserErrorCode.OUT_OF_RANGE, 'More votes cast than eligible voters'));
      const votes = new Map<number, number>();
      input.results.forEach((r, i) => {
        const decoded = decodeGlobalId(r.candidateId);
        const candidate = approved.find((c) => decoded?.type === 'Candidate' && c.id === decoded.pk);
        if (!candidate)
          errors.push(
            userError(['results', String(i), 'candidateId'], UserErrorCode.MISMATCH, 'Not an approved candidate of this election'),
          );
        else if (votes.has(candidate.id))
          errors.push(userError(['results', String(i), 'candidateId'], UserErrorCode.TAKEN, 'Listed twice'));
        else if (r.votes > input.votesCast)
          errors.push(userError(['results', String(i), 'votes'], UserErrorCode.OUT_OF_RANGE, 'More votes than were cast'));
        else votes.set(candidate.id, r.votes);
      });
      const missing = approved.filter((c) => !votes.has(c.id));
      if (!errors.length && missing.length)
        errors.push(userError('results', UserErrorCode.REQUIRED, `Votes missing for ${missing.map((c) => c.name).join('、')}`));
      if (errors.length) throw new UserInputRefused(errors);
      const ranked = [...approved].sort((a, b) => votes.get(b.id)! - votes.get(a.id)! || a.id - b.id);
      const last = votes.get(ranked[election.seats - 1].id)!;
      if (ranked.length > election.seats && votes.get(ranked[election.seats].id) === last) {
        refuse('results', GovernanceError.TIE, `Candidates tie with ${last} votes for the last seat: hold a run-off and record its result`);
      }
      ranked.forEach((c, i) => {
        c.votes = votes.get(c.id)!;
        c.elected = i < election.seats;
      });
      election.heldOn = input.heldOn;
      election.eligibleVoters = input.eligibleVoters;
      election.votesCast = input.votesCast;
      election.status = ElectionStatus.VOTED;
      await em.flush();
      return election.id;
    });
  },

  /**
   * Confirms the result, seating the elected committee (and ending the one before). Refused when the
   * elected members' share of party members is below the community's minimum, naming the share, or
   * when the party secretary is not the compound branch's secretary.
   */
  confirm(ctx: RequestContext, input: ConfirmElectionInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const election = await findElection(em, input.electionId);
      if (election.status !== ElectionStatus.VOTED)
        refuse('electionId', UserErrorCode.INVALID_TRANSITION, `Only a voted election is confirmed; this one is ${election.status}`);
      const compound = await em.findOneOrFail(Compound, { id: election.compound.id });
      const community = await em.findOneOrFail(Community, { id: election.community.id });
      const elected = await em.find(Candidate, { election, elected: true }, { orderBy: { votes: 'desc', id: 'asc' } });
      const partyMembers = elected.filter((c) => c.partyMember).length;
      if (!meetsRatio(partyMembers, elected.length, community.partyMemberRatioMin)) {
        refuse(
          'electionId',
          GovernanceError.RATIO_NOT_MET,
          `Party members are ${share(partyMembers, elected.length)} of the elected members; ${community.name} requires at least ${community.partyMemberRatioMin} %`,
        );
      }
      const secretary = await partySecretaryFor(em, compound, input.partySecretaryId);
      const chair = decodeGlobalId(input.chairId);
      if (chair?.type !== 'Person' || !elected.some((c) => c.person.id === chair.pk))
        refuse('chairId', UserErrorCode.MISMATCH, 'The chair is one of the elected members');
      await endSitting(em, compound, election.termStart, 'succeeded by the elected committee');
      const committee = em.create(PropertyCommittee, {
        community: election.community,
        compound,
        name: input.name ?? `${compound.name}业主委员会`,
        kind: CommitteeKind.ELECTED,
        status: CommitteeStatus.SITTING,
        termStart: election.termStart,
        termEnd: election.termEnd,
        partySecretary: secretary,
        election,
      });
      for (const c of elected) {
        em.create(CommitteeMember, {
          community: election.community,
          committee,
          person: c.person,
          name: c.name,
          role: c.person.id === chair.pk ? CommitteeRole.CHAIR : CommitteeRole.MEMBER,
          partyMember: c.partyMember,
        });
      }
      election.status = ElectionStatus.CONFIRMED;
      await em.flush();
      return committee.id;
    });
  },

  /** Abandons an election that cannot be confirmed (or will not be held); a new one may then open. */
  cancelElection(ctx: RequestContext, input: CancelElectionInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const election = await findElection(em, input.electionId);
      if (election.status === ElectionStatus.CONFIRMED || election.status === ElectionStatus.CANCELLED) {
        refuse('electionId', UserErrorCode.ALREADY_ENDED, `The election is already ${election.status}`);
      }
      election.status = ElectionStatus.CANCELLED;
      election.cancelReason = input.reason;
      await em.flush();
      return election.id;
    });
  },

  /** An interim committee, appointed after a recall until an election; its compliance is shown, not required. */
  appointInterim(ctx: RequestContext, input: AppointInterimCommitteeInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const compound = await findByGlobalId(em, Compound, 'Compound', input.compoundId, 'compoundId');
      if (input.termEnd && input.termEnd <= input.termStart)
        refuse('termEnd', UserErrorCode.DATE_ORDER, 'The term must end after it starts');
      if (!input.members.length) refuse('members', UserErrorCode.REQUIRED, 'An interim committee has members');
      const secretary = await partySecretaryFor(em, compound, input.partySecretaryId);
      const persons: Array<{ person: Person; role: CommitteeRole }> = [];
      for (const [i, m] of input.members.entries()) {
        const person = await findByGlobalId(em, Person, 'Person', m.personId, `members.${i}.personId`);
        if ((await compoundOfPerson(em, person.id)) !== compound.id)
          refuse(['members', String(i), 'personId'], UserErrorCode.MISMATCH, 'Members live in the compound');
        persons.push({ person, role: m.role });
      }
      await endSitting(em, compound, input.termStart, 'succeeded by an interim committee');
      const committee = em.create(PropertyCommittee, {
        community: compound.community,
        compound,
        name: input.name ?? `${compound.name}临时物业管理委员会`,
        kind: CommitteeKind.INTERIM,
        status: CommitteeStatus.SITTING,
        termStart: input.termStart,
        termEnd: input.termEnd ?? null,
        partySecretary: secretary,
      });
      for (const { person, role } of persons) {
        em.create(CommitteeMember, {
          community: compound.community,
          committee,
          person,
          name: person.name,
          role,
          partyMember: await isPartyMember(em, person.id),
        });
      }
      await em.flush();
      return committee.id;
    });
  },

  /** Recalled by the residents, or its term ended: it stops sitting and stays in the history. */
  end(
    ctx: RequestContext,
    input: EndCommitteeInput,
    status: CommitteeStatus.RECALLED | CommitteeStatus.TERM_ENDED,
  ): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const committee = await findByGlobalId(em, PropertyCommittee, 'PropertyCommittee', input.committeeId, 'committeeId');
      if (committee.status !== CommitteeStatus.SITTING)
        refuse('committeeId', UserErrorCode.ALREADY_ENDED, `The committee is already ${committee.status}`);
      if (input.endedOn <= committee.termStart)
        refuse('endedOn', UserErrorCode.DATE_ORDER, `The committee began on ${committee.termStart}`);
      committee.status = status;
      committee.endedOn = input.endedOn;
      committee.endReason = input.reason;
      await em.flush();
      return committee.id;
    });
  },
};
