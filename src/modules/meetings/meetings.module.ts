import { defineModule } from '../../core/module';
import { MeetingSchedule } from './meeting-schedule.entity';
import { MeetingsError } from './meetings.errors';
import { CommunityMeetingsResolver, MeetingScheduleResolver } from './meetings.resolver';
import { meetingsMutationRules, meetingsRules } from './meetings.rules';

/** Meetings: recurring schedules by real recurrence rules (逢三说事, 坐班, 季度联席会). */
export const meetingsModule = defineModule({
  name: 'meetings',
  entities: [MeetingSchedule],
  resolvers: [CommunityMeetingsResolver, MeetingScheduleResolver],
  permissions: { ...meetingsRules, Mutation: meetingsMutationRules },
  userErrors: MeetingsError,
});
