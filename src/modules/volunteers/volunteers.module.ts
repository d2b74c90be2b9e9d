import { defineModule } from '../../core/module';
import { VolunteerActivity } from './volunteer-activity.entity';
import { VolunteerAttendance } from './volunteer-attendance.entity';
import { VolunteerHonour } from './volunteer-honour.entity';
import { VolunteerHours } from './volunteer-hours.entity';
import { VolunteerTeam } from './volunteer-team.entity';
import { VolunteersError } from './volunteers.errors';
import {
  CommunityVolunteersResolver,
  PersonVolunteersResolver,
  VolunteerActivityResolver,
  VolunteerAttendanceResolver,
  VolunteerHonourResolver,
  VolunteerHoursResolver,
  VolunteerTeamResolver,
} from './volunteers.resolver';
import { volunteersMutationRules, volunteersRules } from './volunteers.rules';

/** Volunteer teams, activities (once or by RRULE), sign-up and check-in/out, the hours ledger, honours. */
export const volunteersModule = defineModule({
  name: 'volunteers',
  entities: [VolunteerTeam, VolunteerActivity, VolunteerAttendance, VolunteerHours, VolunteerHonour],
  resolvers: [
    CommunityVolunteersResolver,
    VolunteerTeamResolver,
    VolunteerActivityResolver,
    VolunteerAttendanceResolver,
    VolunteerHoursResolver,
    VolunteerHonourResolver,
    PersonVolunteersResolver,
  ],
  permissions: { ...volunteersRules, Mutation: volunteersMutationRules },
  userErrors: VolunteersError,
});
