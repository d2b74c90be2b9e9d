import type { RequestContext } from '../../context';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { refuse, UserErrorCode } from '../../core/validation/user-error';
import { Community } from '../geography/community.entity';
import { Compound } from '../places/compound.entity';
import { MeetingSchedule } from './meeting-schedule.entity';
import { MeetingsError } from './meetings.errors';
import type { CreateMeetingScheduleInput } from './meetings.inputs';
import { isValidRule, ruleOf, ScheduleKind } from './recurrence';

/** Meeting schedules. */
export const meetingsService = {
  createSchedule(ctx: RequestContext, input: CreateMeetingScheduleInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const community = await findByGlobalId(em, Community, 'Community', input.communityId, 'communityId');
      const compound = input.compoundId ? await findByGlobalId(em, Compound, 'Compound', input.compoundId, 'compoundId') : null;
      if (compound && compound.community.id !== community.id)
        refuse('compoundId', UserErrorCode.MISMATCH, 'The compound is not of this community');
      if ((input.kind === ScheduleKind.CUSTOM) !== !!input.rule)
        refuse('rule', UserErrorCode.REQUIRED, 'Give a rule for a CUSTOM schedule, and only for one');
      if (input.rule && !isValidRule(input.rule, input.startsOn))
        refuse(
          'rule',
          MeetingsError.INVALID_RULE,
          'Not a recurrence rule this server reads: at most daily, no BYHOUR/BYMINUTE/BYSECOND or COUNT, taking place now and then',
        );
      if (!/^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(input.startTime)) refuse('startTime', UserErrorCode.INVALID, 'Give the time as HH:MM');
      const schedule = em.create(MeetingSchedule, {
        community,
        compound,
        kind: input.kind,
        title: input.title,
        rule: ruleOf(input.kind, input.rule),
        startsOn: input.startsOn,
        startTime: input.startTime,
        nextWorkingDay: input.nextWorkingDay,
        holidays: input.holidays ?? [],
      });
      await em.flush();
      return schedule.id;
    });
  },
};
