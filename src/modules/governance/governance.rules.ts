import { Capability } from '../../core/auth/capabilities';
import { connection, fields, NODE_FIELDS, payload } from '../../core/permissions/fields';
import { allow, mutation, ofTheCommunity, overPerson, somewhere, type ShieldRule as IRule } from '../../core/permissions/rules';
import { field } from '../../core/permissions/targets';
import { CompoundSpec } from '../places/compound.loaders';
import { CandidateSpec, CommitteeElectionSpec, PropertyCommitteeSpec } from './governance.loaders';

const { READ_PERSONS, MANAGE_COMMITTEES, REVIEW_CANDIDATES } = Capability;

/*
 * A compound's committees, elections and candidate lists are public within what the caller may see
 * of the compound (they are posted on the notice board): names and party membership as announced.
 * The persons behind them are residents' records (READ_PERSONS in the community).
 */
export const governanceRules: Record<string, Record<string, IRule>> = {
  // The street office's inbox keeps to the compounds where the caller reviews (the mutation's rule).
  Query: { committeeCandidates: somewhere(REVIEW_CANDIDATES) },
  ...connection('Candidate'),
  Compound: fields(allow, 'propertyCommittee', 'propertyCommittees', 'propertyCommitteeOn', 'committeeElections'),
  PropertyCommittee: {
    ...NODE_FIELDS,
    ...fields(
      allow,
      'name',
      'kind',
      'status',
      'termStart',
      'termEnd',
      'endedOn',
      'endReason',
      'compound',
      'members',
      'chair',
      'election',
      'compliance',
    ),
    partySecretary: overPerson(READ_PERSONS, 'partySecretaryId'),
    partySecretaryProfile: ofTheCommunity,
  },
  CommitteeMember: {
    ...NODE_FIELDS,
    ...fields(allow, 'name', 'role', 'partyMember', 'committee'),
    person: overPerson(READ_PERSONS, 'personId'),
  },
  CommitteeCompliance: fields(
    allow,
    'memberCount',
    'partyMemberCount',
    'partyMemberRatio',
    'requiredPercent',
    'meetsPartyMemberRatio',
    'secretaryIsBranchSecretary',
    'termStatus',
    'compliant',
    'problems',
  ),
  CommitteeElection: {
    ...NODE_FIELDS,
    ...fields(
      allow,
      'status',
      'seats',
      'termStart',
      'termEnd',
      'heldOn',
      'eligibleVoters',
      'votesCast',
      'cancelReason',
      'version',
      'compound',
      'candidates',
    ),
  },
  Candidate: {
    ...NODE_FIELDS,
    ...fields(
      allow,
      'name',
      'partyMember',
      'nomination',
      'review',
      'reviewReason',
      'reviewedBy',
      'votes',
      'elected',
      'nominatingGroup',
      'election',
    ),
    person: overPerson(READ_PERSONS, 'personId'),
  },
  ...payload('CancelCommitteeElectionPayload', 'election'),
  ...payload('OpenCommitteeElectionPayload', 'election'),
  ...payload('RecordCommitteeElectionVotePayload', 'election'),
  ...payload('NominateCommitteeCandidatePayload', 'candidate'),
  ...payload('ReviewCommitteeCandidatePayload', 'candidate'),
  ...payload('AppointInterimCommitteePayload', 'committee'),
  ...payload('ConfirmCommitteeElectionPayload', 'committee'),
  ...payload('EndCommitteeTermPayload', 'committee'),
  ...payload('RecallCommitteePayload', 'committee'),
};

export const governanceMutationRules: Record<string, IRule> = {
  openCommitteeElection: mutation('openCommitteeElection', MANAGE_COMMITTEES, field(CompoundSpec, 'compoundId')),
  nominateCommitteeCandidate: mutation('nominateCommitteeCandidate', MANAGE_COMMITTEES, field(CommitteeElectionSpec, 'electionId')),
  reviewCommitteeCandidate: mutation('reviewCommitteeCandidate', REVIEW_CANDIDATES, field(CandidateSpec, 'candidateId')),
  cancelCommitteeElection: mutation('cancelCommitteeElection', MANAGE_COMMITTEES, field(CommitteeElectionSpec, 'electionId')),
  recordCommitteeElectionVote: mutation('recordCommitteeElectionVote', MANAGE_COMMITTEES, field(CommitteeElectionSpec, 'electionId')),
  confirmCommitteeElection: mutation('confirmCommitteeElection', MANAGE_COMMITTEES, field(CommitteeElectionSpec, 'electionId')),
  appointInterimCommittee: mutation('appointInterimCommittee', MANAGE_COMMITTEES, field(CompoundSpec, 'compoundId')),
  recallCommittee: mutation('recallCommittee', MANAGE_COMMITTEES, field(PropertyCommitteeSpec, 'committeeId')),
  endCommitteeTerm: mutation('endCommitteeTerm', MANAGE_COMMITTEES, field(PropertyCommitteeSpec, 'committeeId')),
};
