import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { BadUserInputError } from '../../core/errors/errors';
import { payloadOf } from '../../core/graphql/payload';
import { connection, related } from '../../core/graphql/relations';
import { DateScalar, DateTimeScalar } from '../../core/graphql/scalars';
import { ConnectionType } from '../../core/pagination/connection';
import { PageArgs } from '../../core/pagination/page-args';
import type { CommunityRow } from '../geography/community.loaders';
import { CommunityType } from '../geography/geography.types';
import { PersonSpec, type PersonRow } from '../people/person.loaders';
import { PersonType } from '../people/people.types';
import { CompoundSpec } from '../places/compound.loaders';
import { CompoundType } from '../places/places.types';
import { occurrences } from './recurrence';
import {
  AwardVolunteerHonourInput,
  CheckInVolunteerInput,
  CheckOutVolunteerInput,
  CorrectVolunteerHoursInput,
  CreateVolunteerTeamInput,
  ScheduleVolunteerActivityInput,
  SignUpForVolunteerActivityInput,
  ScheduleVolunteerActivityPayload,
  CheckInVolunteerPayload,
  CheckOutVolunteerPayload,
  SignUpForVolunteerActivityPayload,
  AwardVolunteerHonourPayload,
  CorrectVolunteerHoursPayload,
  CreateVolunteerTeamPayload,
} from './volunteers.inputs';
import {
  minutesBy,
  volunteerMonths,
  VolunteerActivitySpec,
  VolunteerAttendanceSpec,
  VolunteerHonourSpec,
  VolunteerHoursSpec,
  VolunteerTeamSpec,
  type VolunteerActivityRow,
  type VolunteerAttendanceRow,
  type VolunteerHonourRow,
  type VolunteerHoursRow,
  type VolunteerTeamRow,
} from './volunteers.loaders';
import { volunteersService } from './volunteers.service';
import {
  VolunteerActivityType,
  VolunteerAttendanceType,
  VolunteerHonourType,
  VolunteerHoursType,
  VolunteerMonthType,
  VolunteerTeamType,
} from './volunteers.types';

export const VolunteerHoursConnection = ConnectionType<VolunteerHoursRow>(VolunteerHoursType, 'VolunteerHours');

@Resolver(() => CommunityType)
export class CommunityVolunteersResolver {
  @FieldResolver(() => [VolunteerTeamType], { description: 'The community’s volunteer teams, its compounds’ included.' })
  volunteerTeams(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(VolunteerTeamSpec, 'community_id').load(community.pk);
  }

  @FieldResolver(() => [VolunteerHonourType], { description: 'Honours and titles of the community, its compounds, teams and people.' })
  volunteerHonours(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(VolunteerHonourSpec, 'community_id', 't.awarded_on, t.id').load(community.pk);
  }

  @FieldResolver(() => [VolunteerMonthType], {
    description: 'Minutes served and active volunteers per month from `from` to `to` (at most 36 months apart).',
  })
  volunteerMonths(
    @Root() community: CommunityRow,
    @Arg('from', () => DateScalar, { description: 'First day counted.' }) from: string,
    @Arg('to', () => DateScalar, { description: 'Last day counted.' }) to: string,
    @Ctx() ctx: RequestContext,
  ) {
    if (to < from || Date.parse(to) - Date.parse(from) > 3 * 366 * 86_400_000)
      throw new BadUserInputError('from must not be after to, and at most 36 months before it');
    return volunteerMonths(ctx, from, to).load(community.pk);
  }

  @Mutation(() => CreateVolunteerTeamPayload, { description: 'Creates a volunteer team of a community or a compound.' })
  async createVolunteerTeam(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: CreateVolunteerTeamInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'team', VolunteerTeamSpec, await volunteersService.createTeam(ctx, input));
  }

  @Mutation(() => AwardVolunteerHonourPayload, { description: 'Records an honour or title, with who awarded it and when.' })
  async awardVolunteerHonour(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: AwardVolunteerHonourInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'honour', VolunteerHonourSpec, await volunteersService.award(ctx, input));
  }
}

@Resolver(() => VolunteerTeamType)
export class VolunteerTeamResolver {
  @FieldResolver(() => CompoundType, { nullable: true, description: 'The compound, for a compound’s team.' })
  compound(@Root() team: VolunteerTeamRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundSpec, team.compoundId);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'The team leader.' })
  leader(@Root() team: VolunteerTeamRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, team.leaderId);
  }

  @FieldResolver(() => [VolunteerActivityType], { description: 'The team’s activities.' })
  activities(@Root() team: VolunteerTeamRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(VolunteerActivitySpec, 'team_id').load(team.pk);
  }

  @FieldResolver(() => Int, { description: 'Minutes served by the team in all (the ledger’s sum, reversals included).' })
  minutes(@Root() team: VolunteerTeamRow, @Ctx() ctx: RequestContext) {
    return minutesBy(ctx, 'team_id').load(team.pk);
  }

  @FieldResolver(() => VolunteerHoursConnection, { description: 'The team’s ledger, oldest first.' })
  hours(@Root() team: VolunteerTeamRow, @Args() args: PageArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return connection(ctx, info, VolunteerHoursConnection, VolunteerHoursSpec, 'team_id', team.pk, args);
  }

  @Mutation(() => ScheduleVolunteerActivityPayload, { description: 'Schedules a team’s activity, once or recurring.' })
  async scheduleVolunteerActivity(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: ScheduleVolunteerActivityInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'activity', VolunteerActivitySpec, await volunteersService.schedule(ctx, input));
  }
}

@Resolver(() => VolunteerActivityType)
export class VolunteerActivityResolver {
  @FieldResolver(() => VolunteerTeamType, { nullable: true, description: 'The team.' })
  team(@Root() activity: VolunteerActivityRow, @Ctx() ctx: RequestContext) {
    return related(ctx, VolunteerTeamSpec, activity.teamId);
  }

  @FieldResolver(() => [DateTimeScalar], { description: 'Start times between `from` and `to` (at most 400, and at most a year apart).' })
  occurrences(
    @Root() activity: VolunteerActivityRow,
    @Arg('from', () => DateTimeScalar, { description: 'From this instant.' }) from: string,
    @Arg('to', () => DateTimeScalar, { description: 'To this instant.' }) to: string,
  ): string[] {
    const start = new Date(from);
    const end = new Date(to);
    if (!(end >= start) || end.getTime() - start.getTime() > 366 * 86_400_000)
      throw new BadUserInputError('from must not be after to, and at most a year before it');
    return occurrences(new Date(activity.startsAt), activity.recurrence, start, end).map((d) => d.toISOString());
  }

  @FieldResolver(() => [VolunteerAttendanceType], { description: 'Who signed up, checked in and out, by occurrence.' })
  attendances(@Root() activity: VolunteerActivityRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(VolunteerAttendanceSpec, 'activity_id', 't.occurs_on, t.id').load(activity.pk);
  }

  @Mutation(() => SignUpForVolunteerActivityPayload, { description: 'The caller signs up for one occurrence.' })
  async signUpForVolunteerActivity(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: SignUpForVolunteerActivityInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'attendance', VolunteerAttendanceSpec, await volunteersService.signUp(ctx, input));
  }

  @Mutation(() => CheckInVolunteerPayload, { description: 'The caller checks in at today’s occurrence with the QR code.' })
  async checkInVolunteer(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: CheckInVolunteerInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'attendance', VolunteerAttendanceSpec, await volunteersService.checkIn(ctx, input));
  }

  @Mutation(() => CheckOutVolunteerPayload, { description: 'The caller checks out; the minutes served go on the ledger.' })
  async checkOutVolunteer(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: CheckOutVolunteerInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'attendance', VolunteerAttendanceSpec, await volunteersService.checkOut(ctx, input));
  }
}

@Resolver(() => VolunteerAttendanceType)
export class VolunteerAttendanceResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: 'The volunteer.' })
  person(@Root() attendance: VolunteerAttendanceRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, attendance.personId);
  }

  @FieldResolver(() => VolunteerActivityType, { nullable: true, description: 'The activity.' })
  activity(@Root() attendance: VolunteerAttendanceRow, @Ctx() ctx: RequestContext) {
    return related(ctx, VolunteerActivitySpec, attendance.activityId);
  }
}

@Resolver(() => VolunteerHoursType)
export class VolunteerHoursResolver {
  @Query(() => [VolunteerHoursType], { description: 'The caller’s own volunteer record, oldest first.' })
  myVolunteerHours(@Ctx() ctx: RequestContext) {
    const principal = ctx.principal;
    if (principal.kind !== 'user' || principal.personId === null) return [];
    return ctx.loaders.allBy(VolunteerHoursSpec, 'person_id').load(principal.personId);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'The volunteer.' })
  person(@Root() entry: VolunteerHoursRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, entry.personId);
  }

  @FieldResolver(() => VolunteerTeamType, { nullable: true, description: 'The team served with.' })
  team(@Root() entry: VolunteerHoursRow, @Ctx() ctx: RequestContext) {
    return related(ctx, VolunteerTeamSpec, entry.teamId);
  }

  @FieldResolver(() => VolunteerActivityType, { nullable: true, description: 'The activity, if the entry came from a check-out.' })
  activity(@Root() entry: VolunteerHoursRow, @Ctx() ctx: RequestContext) {
    return related(ctx, VolunteerActivitySpec, entry.activityId);
  }

  @FieldResolver(() => VolunteerHoursType, { nullable: true, description: 'The entry this one reverses.' })
  reverses(@Root() entry: VolunteerHoursRow, @Ctx() ctx: RequestContext) {
    return related(ctx, VolunteerHoursSpec, entry.reversesId);
  }

  @Mutation(() => CorrectVolunteerHoursPayload, { description: 'Corrects an entry by a reversal (and the right amount, if given).' })
  async correctVolunteerHours(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: CorrectVolunteerHoursInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'hours', VolunteerHoursSpec, await volunteersService.correct(ctx, input));
  }
}

@Resolver(() => VolunteerHonourType)
export class VolunteerHonourResolver {
  @FieldResolver(() => CompoundType, { nullable: true, description: 'The compound honoured.' })
  compound(@Root() honour: VolunteerHonourRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundSpec, honour.compoundId);
  }

  @FieldResolver(() => VolunteerTeamType, { nullable: true, description: 'The team honoured.' })
  team(@Root() honour: VolunteerHonourRow, @Ctx() ctx: RequestContext) {
    return related(ctx, VolunteerTeamSpec, honour.teamId);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'The person honoured.' })
  person(@Root() honour: VolunteerHonourRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, honour.personId);
  }
}

@Resolver(() => PersonType)
export class PersonVolunteersResolver {
  @FieldResolver(() => [VolunteerHoursType], { description: 'The person’s volunteer record, oldest first.' })
  volunteerHours(@Root() person: PersonRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(VolunteerHoursSpec, 'person_id').load(person.pk);
  }

  @FieldResolver(() => Int, { description: 'Minutes the person has served in all.' })
  volunteerMinutes(@Root() person: PersonRow, @Ctx() ctx: RequestContext) {
    return minutesBy(ctx, 'person_id').load(person.pk);
  }
}
