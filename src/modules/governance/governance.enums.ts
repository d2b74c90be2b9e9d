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

registerEnumType(CommitteeKind, { name: 'CommitteeKind', description: 'ELECTED by residents, or INTERIM (appointed until an election).' });
registerEnumType(CommitteeStatus, { name: 'CommitteeStatus' });
registerEnumType(CommitteeRole, { name: 'CommitteeRole' });
registerEnumType(Nomination, { name: 'Nomination', description: 'How a candidate was put forward.' });
registerEnumType(CandidateReview, { name: 'CandidateReview', description: "The street office's review of a candidate." });
registerEnumType(ElectionStatus, { name: 'ElectionStatus' });
registerEnumType(TermStatus, { name: 'TermStatus' });
