import { Capability } from '../../core/auth/capabilities';
import { defineNode, unarchivedColumns, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';
import type { AttendanceStatus, MeetingKind, MeetingStatus } from './occurrence.enums';

/* How meetings, their agenda, attendance and decisions are read. */

export interface MeetingOccurrenceRow extends TenantRow {
  scheduleId: number | null;
  compoundId: number | null;
  kind: MeetingKind;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  status: MeetingStatus;
  checkInToken: string;
  minutes: string | null;
  minutesRecordedBy: string | null;
  minutesRecordedAt: string | null;
  /** The compound's place path, or the community's: who sees and keeps the meeting. */
  path: string | null;
  orgPath: string | null;
}

export const MeetingOccurrenceSpec = registerNodeSpec(
  defineNode<MeetingOccurrenceRow>({
    type: 'MeetingOccurrence',
    table: 'meeting_occurrence',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      scheduleId: 't.schedule_id',
      compoundId: 't.compound_id',
      kind: 't.kind',
      title: 't.title',
      startsAt: 't.starts_at',
      endsAt: 't.ends_at',
      place: 't.place',
      status: 't.status',
      checkInToken: 't.check_in_token',
      minutes: 't.minutes',
      minutesRecordedBy: 't.minutes_recorded_by',
      minutesRecordedAt: 't.minutes_recorded_at',
      path: '(select coalesce(c.path, m.path)::text from community m left join compound c on c.id = t.compound_id where m.id = t.community_id)',
      orgPath: '(select c.org_path::text from compound c where c.id = t.compound_id)',
    },
  }),
  Capability.READ_STRUCTURE,
);

export interface MeetingAgendaItemRow extends TenantRow {
  occurrenceId: number;
  position: number;
  title: string;
  issueId: number | null;
  proposalId: number | null;
  /** Its meeting's place: who sees it. */
  path: string | null;
  orgPath: string | null;
}

export const MeetingAgendaItemSpec = registerNodeSpec(
  defineNode<MeetingAgendaItemRow>({
    type: 'MeetingAgendaItem',
    table: 'meeting_agenda_item',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      occurrenceId: 't.occurrence_id',
      position: 't.position',
      title: 't.title',
      issueId: 't.issue_id',
      proposalId: 't.proposal_id',
      path: `(select coalesce(c.path, m.path)::text from meeting_occurrence o join community m on m.id = o.community_id
               left join compound c on c.id = o.compound_id where o.id = t.occurrence_id)`,
      orgPath: '(select c.org_path::text from meeting_occurrence o join compound c on c.id = o.compound_id where o.id = t.occurrence_id)',
    },
  }),
  Capability.READ_STRUCTURE,
);

export interface MeetingAttendanceRow extends TenantRow {
  occurrenceId: number;
  personId: number;
  status: AttendanceStatus;
  proxyPersonId: number | null;
  checkedInAt: string | null;
}

export const MeetingAttendanceSpec = defineNode<MeetingAttendanceRow>({
  type: 'MeetingAttendance',
  table: 'meeting_attendance',
  archivable: false,
  columns: {
    ...unarchivedColumns,
    communityId: 't.community_id',
    occurrenceId: 't.occurrence_id',
    personId: 't.person_id',
    status: 't.status',
    proxyPersonId: 't.proxy_id',
    checkedInAt: 't.checked_in_at',
  },
});

export interface MeetingDecisionRow extends TenantRow {
  occurrenceId: number;
  agendaItemId: number | null;
  text: string;
  votesFor: number | null;
  votesAgainst: number | null;
  abstentions: number | null;
  issueStepId: number | null;
  proposalTransitionId: number | null;
  recordedBy: string;
  recordedAt: string;
}

export const MeetingDecisionSpec = defineNode<MeetingDecisionRow>({
  type: 'MeetingDecision',
  table: 'meeting_decision',
  archivable: false,
  columns: {
    ...unarchivedColumns,
    communityId: 't.community_id',
    occurrenceId: 't.occurrence_id',
    agendaItemId: 't.agenda_item_id',
    text: 't.text',
    votesFor: 't.votes_for',
    votesAgainst: 't.votes_against',
    abstentions: 't.abstentions',
    issueStepId: 't.issue_step_id',
    proposalTransitionId: 't.proposal_transition_id',
    recordedBy: 't.recorded_by',
    recordedAt: 't.recorded_at',
  },
});
