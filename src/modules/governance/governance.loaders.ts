import { Capability } from '../../core/auth/capabilities';
import { compoundPathColumns, defineNode, unarchivedColumns, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';
import type { CandidateReview, CommitteeKind, CommitteeRole, CommitteeStatus, ElectionStatus, Nomination } from './governance.enums';

/*
 * How committees, their members, elections and candidates are read. Each carries its compound's
 * paths for permission checks. Committees are the compound's public organization (READ_STRUCTURE);
 * the persons behind the names take READ_PERSONS.
 */

interface CompoundPlaced extends TenantRow {
  compoundId: number;
  path: string | null;
  orgPath: string | null;
}

export interface PropertyCommitteeRow extends CompoundPlaced {
  name: string;
  kind: CommitteeKind;
  status: CommitteeStatus;
  termStart: string;
  termEnd: string | null;
  endedOn: string | null;
  endReason: string | null;
  partySecretaryId: number | null;
  electionId: number | null;
}

export const PropertyCommitteeSpec = registerNodeSpec(
  defineNode<PropertyCommitteeRow>({
    type: 'PropertyCommittee',
    table: 'property_committee',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      compoundId: 't.compound_id',
      name: 't.name',
      kind: 't.kind',
      status: 't.status',
      termStart: 't.term_start',
      termEnd: 't.term_end',
      endedOn: 't.ended_on',
      endReason: 't.end_reason',
      partySecretaryId: 't.party_secretary_id',
      electionId: 't.election_id',
      ...compoundPathColumns,
    },
  }),
  Capability.READ_STRUCTURE,
);

export interface CommitteeMemberRow extends CompoundPlaced {
  committeeId: number;
  personId: number;
  name: string;
  role: CommitteeRole;
  partyMember: boolean;
}

const viaCommittee = (column: string) =>
  `(select c.${column} from compound c join property_committee k on k.compound_id = c.id where k.id = t.committee_id)`;

export const CommitteeMemberSpec = registerNodeSpec(
  defineNode<CommitteeMemberRow>({
    type: 'CommitteeMember',
    table: 'committee_member',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      compoundId: '(select k.compound_id from property_committee k where k.id = t.committee_id)',
      committeeId: 't.committee_id',
      personId: 't.person_id',
      name: 't.name',
      role: 't.role',
      partyMember: 't.party_member',
      path: viaCommittee('path::text'),
      orgPath: viaCommittee('org_path::text'),
    },
  }),
  Capability.READ_STRUCTURE,
);

export interface CommitteeElectionRow extends CompoundPlaced {
  status: ElectionStatus;
  seats: number;
  termStart: string;
  termEnd: string;
  heldOn: string | null;
  eligibleVoters: number | null;
  votesCast: number | null;
  cancelReason: string | null;
  version: number;
}

export const CommitteeElectionSpec = registerNodeSpec(
  defineNode<CommitteeElectionRow>({
    type: 'CommitteeElection',
    table: 'committee_election',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      compoundId: 't.compound_id',
      status: 't.status',
      seats: 't.seats',
      termStart: 't.term_start',
      termEnd: 't.term_end',
      heldOn: 't.held_on',
      eligibleVoters: 't.eligible_voters',
      votesCast: 't.votes_cast',
      cancelReason: 't.cancel_reason',
      version: 't.version',
      ...compoundPathColumns,
    },
  }),
  Capability.READ_STRUCTURE,
);

export interface CandidateRow extends CompoundPlaced {
  electionId: number;
  personId: number;
  name: string;
  partyMember: boolean;
  nomination: Nomination;
  nominatingGroupId: number | null;
  review: CandidateReview;
  reviewReason: string | null;
  reviewedBy: string | null;
  votes: number | null;
  elected: boolean;
}

const viaElection = (column: string) =>
  `(select c.${column} from compound c join committee_election e on e.compound_id = c.id where e.id = t.election_id)`;

export const CandidateSpec = registerNodeSpec(
  defineNode<CandidateRow>({
    type: 'Candidate',
    table: 'candidate',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      compoundId: '(select e.compound_id from committee_election e where e.id = t.election_id)',
      electionId: 't.election_id',
      personId: 't.person_id',
      name: 't.name',
      partyMember: 't.party_member',
      nomination: 't.nomination',
      nominatingGroupId: 't.nominating_group_id',
      review: 't.review',
      reviewReason: 't.review_reason',
      reviewedBy: 't.reviewed_by',
      votes: 't.votes',
      elected: 't.elected',
      path: viaElection('path::text'),
      orgPath: viaElection('org_path::text'),
    },
  }),
  Capability.READ_STRUCTURE,
);
