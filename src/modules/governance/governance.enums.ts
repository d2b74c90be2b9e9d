import { registerEnumType } from 'type-graphql';

/** How a property committee came to sit. */
export enum CommitteeKind {
  /** Elected by the residents, confirmed against the community's rules. */
  ELECTED = 'ELECTED',
  /** Appointed to bridge a gap (after a recall), until an election. */
  INTERIM = 'INTERIM',
}

/** Where a committee stands; the history keeps every one. */
export enum CommitteeStatus {
  SITTING = 'SITTING',
  RECALLED = 'RECALLED',
  /** Its term ended, or a successor was confirmed. */
  TERM_ENDED = 'TERM_ENDED',
}

export enum CommitteeRole {
  CHAIR = 'CHAIR',
  VICE_CHAIR = 'VICE_CHAIR',
  MEMBER = 'MEMBER',
}

/** How a candidate was put forward (seeds 000, 001). */
export enum Nomination {
  BUILDING_GROUP = 'BUILDING_GROUP',
  RESIDENTS = 'RESIDENTS',
  SELF = 'SELF',
}

/** The street office's review of a candidate. */
export enum CandidateReview {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}

export enum ElectionStatus {
  /** Candidates are put forward and reviewed. */
  NOMINATING = 'NOMINATING',
  /** The vote is recorded; the result awaits confirmation. */
  VOTED = 'VOTED',
  CONFIRMED = 'CONFIRMED',
  CANCELLED = 'CANCELLED',
}

/** Whether a committee's term runs. */
export enum TermStatus {
  CURRENT = 'CURRENT',
  /** Still sitting after the end of its term: an election is due. */
  OVERDUE = 'OVERDUE',
  ENDED = 'ENDED',
}

registerEnumType(CommitteeKind, {
  name: 'CommitteeKind',
  description: 'ELECTED by residents, or INTERIM (appointed until an election).',
  valuesConfig: {
    ELECTED: { description: "Elected by the residents, confirmed against the community's rules." },
    INTERIM: { description: 'Appointed to bridge a gap (after a recall), until an election.' },
  },
});
registerEnumType(CommitteeStatus, {
  name: 'CommitteeStatus',
  description: 'Where a property committee stands; the history keeps every one.',
  valuesConfig: {
    SITTING: { description: 'Sitting now.' },
    RECALLED: { description: 'Recalled before the end of its term.' },
    TERM_ENDED: { description: 'Its term ended, or a successor was confirmed.' },
  },
});
registerEnumType(CommitteeRole, {
  name: 'CommitteeRole',
  description: 'A seat on a property committee.',
  valuesConfig: {
    CHAIR: { description: 'Chair of the committee (主任).' },
    VICE_CHAIR: { description: 'Vice chair (副主任).' },
    MEMBER: { description: 'Member (委员).' },
  },
});
registerEnumType(Nomination, {
  name: 'Nomination',
  description: 'How a candidate was put forward.',
  valuesConfig: {
    BUILDING_GROUP: { description: 'Put forward by a building group.' },
    RESIDENTS: { description: 'Put forward by residents jointly.' },
    SELF: { description: 'Put themselves forward.' },
  },
});
registerEnumType(CandidateReview, {
  name: 'CandidateReview',
  description: "The street office's review of a candidate.",
  valuesConfig: {
    PENDING: { description: 'Not reviewed yet.' },
    APPROVED: { description: 'Approved by the street office: may stand.' },
    REJECTED: { description: 'Rejected by the street office: may not stand.' },
  },
});
registerEnumType(ElectionStatus, {
  name: 'ElectionStatus',
  description: 'Where a committee election stands.',
  valuesConfig: {
    NOMINATING: { description: 'Candidates are put forward and reviewed.' },
    VOTED: { description: 'The vote is recorded; the result awaits confirmation.' },
    CONFIRMED: { description: 'The result is confirmed and the new committee sits.' },
    CANCELLED: { description: 'Cancelled; nobody was elected.' },
  },
});
registerEnumType(TermStatus, {
  name: 'TermStatus',
  description: "Whether a committee's term runs.",
  valuesConfig: {
    CURRENT: { description: 'Within its term.' },
    OVERDUE: { description: 'Still sitting after the end of its term: an election is due.' },
    ENDED: { description: 'No longer sitting.' },
  },
});
