import { registerEnumType } from 'type-graphql';

/** Which kind of meeting an occurrence is (from its schedule, or given for a one-off meeting). */
export enum MeetingKind {
  THIRDS = 'THIRDS',
  OFFICE_HOUR = 'OFFICE_HOUR',
  QUARTERLY_JOINT = 'QUARTERLY_JOINT',
  BRANCH_MEETING = 'BRANCH_MEETING',
  GROUP_MEETING = 'GROUP_MEETING',
  OWNERS_ASSEMBLY = 'OWNERS_ASSEMBLY',
  PARTY_ASSEMBLY = 'PARTY_ASSEMBLY',
  OTHER = 'OTHER',
}

export enum MeetingStatus {
  SCHEDULED = 'SCHEDULED',
  HELD = 'HELD',
  CANCELLED = 'CANCELLED',
}

export enum AttendanceStatus {
  INVITED = 'INVITED',
  PRESENT = 'PRESENT',
  ABSENT = 'ABSENT',
  PROXY = 'PROXY',
}

/** The spending steps a meeting's decision may take on a proposal on its agenda. */
export enum MeetingProposalStep {
  DISCUSS = 'DISCUSS',
  REVIEW = 'REVIEW',
  RESOLVE = 'RESOLVE',
}

registerEnumType(MeetingKind, {
  name: 'MeetingKind',
  description: 'The kinds of meeting the articles name.',
  valuesConfig: {
    THIRDS: { description: '逢三说事: community leaders and the property manager on the 3rd, 13th and 23rd.' },
    OFFICE_HOUR: { description: '坐班: the one-stop office hour in the compounds.' },
    QUARTERLY_JOINT: { description: '季度联席会: owners’ representatives, the property company and the committee.' },
    BRANCH_MEETING: { description: 'A compound branch’s meeting.' },
    GROUP_MEETING: { description: 'A building group’s meeting.' },
    OWNERS_ASSEMBLY: { description: 'An assembly of owners (or their representatives).' },
    PARTY_ASSEMBLY: { description: 'An assembly of party members.' },
    OTHER: { description: 'Any other meeting.' },
  },
});

registerEnumType(MeetingStatus, {
  name: 'MeetingStatus',
  description: 'Where a meeting stands.',
  valuesConfig: {
    SCHEDULED: { description: 'Planned, not yet held.' },
    HELD: { description: 'It took place.' },
    CANCELLED: { description: 'Called off.' },
  },
});

registerEnumType(AttendanceStatus, {
  name: 'AttendanceStatus',
  description: 'A person’s attendance at a meeting.',
  valuesConfig: {
    INVITED: { description: 'Invited; nothing recorded yet.' },
    PRESENT: { description: 'There in person (checked in by the QR code, or recorded by an organiser).' },
    ABSENT: { description: 'Did not come.' },
    PROXY: { description: 'Represented by another person.' },
  },
});

registerEnumType(MeetingProposalStep, {
  name: 'MeetingProposalStep',
  description: 'The spending step a decision takes on the proposal of its agenda item.',
  valuesConfig: {
    DISCUSS: { description: '商议 by the branch committee.' },
    REVIEW: { description: '审议 by the party-member assembly (votes).' },
    RESOLVE: { description: '决议 by the building heads (votes).' },
  },
});

/** The kind an occurrence of a schedule has, by the schedule's kind (a custom rule's meetings: as given). */
export function kindOfSchedule(scheduleKind: string, given?: MeetingKind | null): MeetingKind {
  if (scheduleKind === 'THIRDS') return MeetingKind.THIRDS;
  if (scheduleKind === 'FRIDAY_OFFICE_HOUR') return MeetingKind.OFFICE_HOUR;
  if (scheduleKind === 'QUARTERLY_JOINT') return MeetingKind.QUARTERLY_JOINT;
  return given ?? MeetingKind.OTHER;
}
