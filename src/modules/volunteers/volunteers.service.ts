import { randomBytes } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { actorLabel } from '../../core/auth/principal';
import { ForbiddenError } from '../../core/errors/errors';
import { registerUniqueConstraint } from '../../core/graphql/constraints';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { Community } from '../geography/community.entity';
import { Person } from '../people/person.entity';
import { Compound } from '../places/compound.entity';
import { isActivityRule, occurrenceOn } from './recurrence';
import { VolunteerActivity } from './volunteer-activity.entity';
import { VolunteerAttendance } from './volunteer-attendance.entity';
import { VolunteerHonour } from './volunteer-honour.entity';
import { VolunteerHours } from './volunteer-hours.entity';
import { VolunteerTeam } from './volunteer-team.entity';
import { VolunteersError } from './volunteers.errors';
import type {
  AwardVolunteerHonourInput,
  CheckInVolunteerInput,
  CheckOutVolunteerInput,
  CorrectVolunteerHoursInput,
  CreateVolunteerTeamInput,
  ScheduleVolunteerActivityInput,
  SignUpForVolunteerActivityInput,
} from './volunteers.inputs';

registerUniqueConstraint('volunteer_attendance_activity_id_person_id_occurs_on_unique', 'occursOn', 'Already signed up for this day');
registerUniqueConstraint('volunteer_hours_reverses_unique', 'hoursId', 'The entry has already been reversed');

/** The caller as a person (volunteering is done in person); the rule has checked they are one. */
async function callerPerson(ctx: RequestContext, em: EntityManager): Promise<Person> {
  const principal = ctx.principal;
  const person = principal.kind === 'user' && principal.personId !== null ? await em.findOne(Person, { id: principal.personId }) : null;
  if (!person) throw new ForbiddenError();
  return person;
}

async function attendanceFor(
  em: EntityManager,
  activity: VolunteerActivity,
  person: Person,
  day: string,
): Promise<VolunteerAttendance | null> {
  return em.findOne(VolunteerAttendance, { activity, person, occursOn: day }, { lockMode: LockMode.PESSIMISTIC_WRITE });
}

/** Teams, activities, sign-up and check-in/out, the hours ledger and honours. */
export const volunteersService = {
  createTeam(ctx: RequestContext, input: CreateVolunteerTeamInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const compound = input.compoundId ? await findByGlobalId(em, Compound, 'Compound', input.compoundId, 'compoundId') : null;
      const community = input.communityId ? await findByGlobalId(em, Community, 'Community', input.communityId, 'communityId') : null;
      if (compound && community && compound.community.id !== community.id)
        refuse('compoundId', UserErrorCode.MISMATCH, 'The compound is not of this community');
      const leader = input.leaderId ? await findByGlobalId(em, Person, 'Person', input.leaderId, 'leaderId') : null;
      const home = compound?.community ?? community!;
      if (leader && leader.community.id !== home.id) refuse('leaderId', UserErrorCode.MISMATCH, 'The leader is not of this community');
      const team = em.create(VolunteerTeam, { community: home, compound, name: input.name, kind: input.teamKind, leader });
      await em.flush();
      return team.id;
    });
  },

  schedule(ctx: RequestContext, input: ScheduleVolunteerActivityInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const team = await findByGlobalId(em, VolunteerTeam, 'VolunteerTeam', input.teamId, 'teamId');
      const startsAt = new Date(input.startsAt);
      if (input.recurrence && !isActivityRule(input.recurrence, startsAt))
        refuse(
          'recurrence',
          UserErrorCode.INVALID,
          'Not an RRULE this server reads: at most daily, no BYHOUR/BYMINUTE/BYSECOND or COUNT, taking place now and then (e.g. FREQ=WEEKLY;BYDAY=TH)',
        );
      const activity = em.create(VolunteerActivity, {
        community: team.community,
        team,
        title: input.title,
        startsAt,
        durationMinutes: input.durationMinutes,
        recurrence: input.recurrence ?? null,
        place: input.place ?? null,
        checkInCode: randomBytes(12).toString('base64url'),
      });
      await em.flush();
      return activity.id;
    });
  },

  signUp(ctx: RequestContext, input: SignUpForVolunteerActivityInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const activity = await findByGlobalId(em, VolunteerActivity, 'VolunteerActivity', input.activityId, 'activityId');
      const person = await callerPerson(ctx, em);
      if (!occurrenceOn(activity.startsAt, activity.recurrence ?? null, input.occursOn))
        refuse('occursOn', VolunteersError.NOT_AN_OCCURRENCE, 'The activity does not take place that day');
      if (input.occursOn < ctx.clock.today()) refuse('occursOn', UserErrorCode.OUT_OF_RANGE, 'That day has passed');
      const attendance = em.create(VolunteerAttendance, {
        community: activity.community,
        activity,
        person,
        occursOn: input.occursOn,
        signedUpAt: ctx.clock.now(),
      });
      await em.flush();
      return attendance.id;
    });
  },

  /** Checking in is for today's occurrence, with the code of the activity's QR (being there); signing up first is not required. */
  checkIn(ctx: RequestContext, input: CheckInVolunteerInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const activity = await findByGlobalId(em, VolunteerActivity, 'VolunteerActivity', input.activityId, 'activityId');
      const person = await callerPerson(ctx, em);
      if (input.code !== activity.checkInCode) refuse('code', VolunteersError.WRONG_CODE, 'Not this activity’s code');
      const today = ctx.clock.today();
      if (!occurrenceOn(activity.startsAt, activity.recurrence ?? null, today))
        refuse('activityId', VolunteersError.NOT_AN_OCCURRENCE, 'The activity does not take place today');
      const attendance =
        (await attendanceFor(em, activity, person, today)) ??
        em.create(VolunteerAttendance, { community: activity.community, activity, person, occursOn: today });
      if (attendance.checkedInAt) refuse('activityId', UserErrorCode.ALREADY_GRANTED, 'Already checked in');
      attendance.checkedInAt = ctx.clock.now();
      await em.flush();
      return attendance.id;
    });
  },

  /** Checks out and puts the minutes between check-in and check-out (at most a day) on the ledger. */
  checkOut(ctx: RequestContext, input: CheckOutVolunteerInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const activity = await findByGlobalId(em, VolunteerActivity, 'VolunteerActivity', input.activityId, 'activityId');
      const person = await callerPerson(ctx, em);
      const attendance = await attendanceFor(em, activity, person, ctx.clock.today());
      if (!attendance?.checkedInAt) refuse('activityId', VolunteersError.NOT_CHECKED_IN, 'Check in first');
      if (attendance.checkedOutAt) refuse('activityId', UserErrorCode.ALREADY_ENDED, 'Already checked out');
      const now = ctx.clock.now();
      attendance.checkedOutAt = now;
      const minutes = Math.min(1440, Math.floor((now.getTime() - attendance.checkedInAt.getTime()) / 60_000));
      if (minutes > 0) {
        em.create(VolunteerHours, {
          community: activity.community,
          team: activity.team,
          person,
          activity,
          servedOn: attendance.occursOn,
          minutes,
          recordedBy: actorLabel(ctx.principal),
        });
      }
      await em.flush();
      return attendance.id;
    });
  },

  correct(ctx: RequestContext, input: CorrectVolunteerHoursInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      // No row lock (the ledger grants no UPDATE): two concurrent corrections meet at the unique reversal.
      const entry = await findByGlobalId(em, VolunteerHours, 'VolunteerHours', input.hoursId, 'hoursId');
      if (entry.minutes < 0) refuse('hoursId', UserErrorCode.INVALID, 'A reversal is not corrected; correct the entry it reversed');
      if (await em.findOne(VolunteerHours, { reverses: entry }))
        refuse('hoursId', VolunteersError.HOURS_ALREADY_REVERSED, 'Already reversed');
      const common = {
        community: entry.community,
        team: entry.team,
        person: entry.person,
        activity: entry.activity ?? null,
        servedOn: entry.servedOn,
        reason: input.reason,
        recordedBy: actorLabel(ctx.principal),
      };
      const reversal = em.create(VolunteerHours, { ...common, minutes: -entry.minutes, reverses: entry });
      const replacement = input.minutes ? em.create(VolunteerHours, { ...common, minutes: input.minutes }) : null;
      await em.flush();
      return (replacement ?? reversal).id;
    });
  },

  award(ctx: RequestContext, input: AwardVolunteerHonourInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const compound = input.compoundId ? await findByGlobalId(em, Compound, 'Compound', input.compoundId, 'compoundId') : null;
      const team = input.teamId ? await findByGlobalId(em, VolunteerTeam, 'VolunteerTeam', input.teamId, 'teamId') : null;
      const person = input.personId ? await findByGlobalId(em, Person, 'Person', input.personId, 'personId') : null;
      const community = input.communityId ? await findByGlobalId(em, Community, 'Community', input.communityId, 'communityId') : null;
      const homes = [community?.id, compound?.community.id, team?.community.id, person?.community.id].filter((c) => c !== undefined);
      if (new Set(homes).size > 1) refuse('communityId', UserErrorCode.MISMATCH, 'The honoured are of different communities');
      const home = community ?? compound?.community ?? team?.community ?? person!.community;
      const honour = em.create(VolunteerHonour, {
        community: home,
        compound,
        team,
        person,
        title: input.title,
        awardedBy: input.awardedBy,
        awardedOn: input.awardedOn,
      });
      await em.flush();
      return honour.id;
    });
  },
};
