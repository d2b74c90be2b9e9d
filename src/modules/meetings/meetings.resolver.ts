import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { BadUserInputError } from '../../core/errors/errors';
import { payloadOf } from '../../core/graphql/payload';
import { DateScalar } from '../../core/graphql/scalars';
import type { CommunityRow } from '../geography/community.loaders';
import { CommunityType } from '../geography/geography.types';
import { CreateMeetingScheduleInput, CreateMeetingSchedulePayload } from './meetings.inputs';
import { MeetingScheduleSpec, type MeetingScheduleRow } from './meetings.loaders';
import { meetingsService } from './meetings.service';
import { MeetingScheduleType } from './meetings.types';
import { occurrences } from './recurrence';

@Resolver(() => CommunityType)
export class CommunityMeetingsResolver {
  @FieldResolver(() => [MeetingScheduleType], { description: "The community's and its compounds' meeting schedules." })
  meetingSchedules(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(MeetingScheduleSpec, 'community_id').load(community.pk);
  }

  @Mutation(() => CreateMeetingSchedulePayload, {
    description: 'Creates a recurring meeting (逢三说事, the Friday office hour, the quarterly joint meeting, or a custom rule).',
  })
  async createMeetingSchedule(
    @Arg('input', { description: 'The schedule.' }) input: CreateMeetingScheduleInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'schedule', MeetingScheduleSpec, await meetingsService.createSchedule(ctx, input));
  }
}

@Resolver(() => MeetingScheduleType)
export class MeetingScheduleResolver {
  @FieldResolver(() => [DateScalar], { description: 'The days its meetings fall on between two days (inclusive, at most 366 days apart).' })
  occurrences(
    @Root() schedule: MeetingScheduleRow,
    @Arg('from', () => DateScalar, { description: 'The first day of the window.' }) from: string,
    @Arg('to', () => DateScalar, { description: 'The last day of the window.' }) to: string,
  ) {
    if (to < from || Date.parse(to) - Date.parse(from) > 366 * 86_400_000)
      throw new BadUserInputError('to must follow from, at most 366 days later', { argument: 'to' });
    return occurrences(schedule.rule, {
      startsOn: schedule.startsOn,
      from,
      to,
      nextWorkingDay: schedule.nextWorkingDay,
      holidays: schedule.holidays,
    });
  }
}
