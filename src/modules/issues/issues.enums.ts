import { registerEnumType } from 'type-graphql';

/** Where a resident issue stands. */
export enum IssueStatus {
  REPORTED = 'REPORTED',
  ACCEPTED = 'ACCEPTED',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
  ESCALATED = 'ESCALATED',
  REJECTED = 'REJECTED',
  REOPENED = 'REOPENED',
}

/** The rungs of the ladder, lowest first: the organization an issue climbs when it is not solved on site. */
export enum IssueLevel {
  BUILDING_GROUP = 'BUILDING_GROUP',
  BRANCH = 'BRANCH',
  COMMUNITY = 'COMMUNITY',
  STREET = 'STREET',
}

/** What the issue is about. */
export enum IssueSubject {
  HOUSEHOLD = 'HOUSEHOLD',
  BUILDING = 'BUILDING',
  COMPOUND = 'COMPOUND',
  SPOT = 'SPOT',
}

export enum IssuePriority {
  NORMAL = 'NORMAL',
  URGENT = 'URGENT',
}

registerEnumType(IssueStatus, {
  name: 'IssueStatus',
  description: 'Where a resident issue stands: REPORTED → ACCEPTED → IN_PROGRESS → RESOLVED → CLOSED, or ESCALATED, REJECTED, REOPENED.',
  valuesConfig: {
    REPORTED: { description: 'Reported, waiting to be taken in at its level.' },
    ACCEPTED: { description: 'Taken in by a handler at its level.' },
    IN_PROGRESS: { description: 'Being worked on.' },
    RESOLVED: { description: 'The handler says it is solved; the reporter may close it (and rate) or reopen it.' },
    CLOSED: { description: 'Closed by the reporter, with a rating.' },
    ESCALATED: { description: 'Moved up a level (by hand or because its SLA passed), waiting to be taken in there.' },
    REJECTED: { description: 'Refused with a reason (e.g. out of scope).' },
    REOPENED: { description: 'Reopened by the reporter within the window after resolution, waiting to be taken in again.' },
  },
});
registerEnumType(IssueLevel, {
  name: 'IssueLevel',
  description: 'A rung of the escalation ladder, lowest first.',
  valuesConfig: {
    BUILDING_GROUP: { description: '楼栋党小组: the building group (group leader, grid worker).' },
    BRANCH: { description: 'The compound or joint branch (its secretary).' },
    COMMUNITY: { description: 'The community committee.' },
    STREET: { description: 'The street office.' },
  },
});
registerEnumType(IssueSubject, {
  name: 'IssueSubject',
  description: 'What an issue is about.',
  valuesConfig: {
    HOUSEHOLD: { description: "The reporter's own home." },
    BUILDING: { description: "The reporter's building." },
    COMPOUND: { description: "The reporter's compound as a whole." },
    SPOT: { description: 'A public spot in the compound (named in `spot`).' },
  },
});
registerEnumType(IssuePriority, {
  name: 'IssuePriority',
  description: 'How urgent an issue is; urgent issues get half the SLA.',
  valuesConfig: {
    NORMAL: { description: 'The SLA of its category and level.' },
    URGENT: { description: 'Half of it (at least a day).' },
  },
});

/** In which capacity someone is given an issue. */
export enum AssigneeCapacity {
  BRANCH_SECRETARY = 'BRANCH_SECRETARY',
  GROUP_LEADER = 'GROUP_LEADER',
  GRID_WORKER = 'GRID_WORKER',
  PARTY_VOLUNTEER = 'PARTY_VOLUNTEER',
  MEDIATOR = 'MEDIATOR',
  PROPERTY_COMPANY = 'PROPERTY_COMPANY',
}

/** How a mediation (调解) ended. */
export enum MediationOutcome {
  AGREED = 'AGREED',
  NOT_AGREED = 'NOT_AGREED',
}

registerEnumType(AssigneeCapacity, {
  name: 'AssigneeCapacity',
  description: 'In which capacity an issue is given to someone.',
  valuesConfig: {
    BRANCH_SECRETARY: { description: 'The branch secretary.' },
    GROUP_LEADER: { description: 'The building group leader.' },
    GRID_WORKER: { description: 'The grid worker (网格员).' },
    PARTY_VOLUNTEER: { description: 'A party-member volunteer (党员志愿者).' },
    MEDIATOR: { description: "A people's mediator (人民调解员)." },
    PROPERTY_COMPANY: { description: "The compound's property company (an external party)." },
  },
});
registerEnumType(MediationOutcome, {
  name: 'MediationOutcome',
  description: 'How a mediation ended.',
  valuesConfig: {
    AGREED: { description: 'The parties came to terms.' },
    NOT_AGREED: { description: 'They did not.' },
  },
});
