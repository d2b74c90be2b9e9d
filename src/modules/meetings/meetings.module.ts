import { defineModule } from '../../core/module';
import { MeetingAgendaItem } from './meeting-agenda-item.entity';
import { MeetingAttendance } from './meeting-attendance.entity';
import { MeetingDecision } from './meeting-decision.entity';
import { MeetingIssueIntake } from './meeting-issue-intake.entity';
import { MeetingOccurrence } from './meeting-occurrence.entity';
import { MeetingSchedule } from './meeting-schedule.entity';
import { MeetingsError } from './meetings.errors';
import { OccurrencePermissionsResolver, SchedulePermissionsResolver } from './meetings.permissions';
import { CommunityMeetingsResolver, MeetingScheduleResolver } from './meetings.resolver';
import { meetingsMutationRules, meetingsRules } from './meetings.rules';
import {
  CommunityOccurrencesResolver,
  MeetingAgendaItemResolver,
  MeetingAttendanceResolver,
  MeetingDecisionResolver,
  MeetingOccurrenceResolver,
  ProposalTransitionMeetingResolver,
} from './occurrence.resolver';
import { occurrenceMutationRules, occurrenceRules } from './occurrence.rules';

/**
 * Meetings: recurring schedules by real recurrence rules (逢三说事, 坐班, 季度联席会), and the meetings
 * themselves: agenda (issues, spending proposals), attendance and QR check-in, minutes, decisions
 * that move an issue or a proposal, and the issues taken in during office hours.
 */
export const meetingsModule = defineModule({
  name: 'meetings',
  entities: [MeetingSchedule, MeetingOccurrence, MeetingAgendaItem, MeetingAttendance, MeetingDecision, MeetingIssueIntake],
  resolvers: [
    CommunityMeetingsResolver,
    MeetingScheduleResolver,
    CommunityOccurrencesResolver,
    MeetingOccurrenceResolver,
    MeetingAgendaItemResolver,
    MeetingAttendanceResolver,
    MeetingDecisionResolver,
    ProposalTransitionMeetingResolver,
    OccurrencePermissionsResolver,
    SchedulePermissionsResolver,
  ],
  permissions: {
    ...meetingsRules,
    ...occurrenceRules,
    Community: { ...meetingsRules.Community, ...occurrenceRules.Community },
    Mutation: { ...meetingsMutationRules, ...occurrenceMutationRules },
  },
  userErrors: MeetingsError,
});
