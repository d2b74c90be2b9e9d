import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Capability } from '../../core/auth/capabilities';
import { mayAct } from '../../core/permissions/rules';
import type { MeetingScheduleRow } from './meetings.loaders';
import { MeetingScheduleType } from './meetings.types';
import { isOrganiser } from './occurrence.access';
import { ownAttendance } from './occurrence.batches';
import { MeetingStatus } from './occurrence.enums';
import type { MeetingOccurrenceRow } from './occurrence.loaders';
import { hasStarted, mayLeaveStatus, takesInIssues } from './occurrence.states';
import { checkInOpen } from './occurrence-times';
import { MeetingOccurrenceType } from './occurrence.types';

/*
 * What the caller may do with a meeting or a schedule now (`permissions { canX }`, docs/api.md
 * "Per-object permissions"), by the functions the permission tree and the service decide with: the
 * organiser's capability over the meeting (isOrganiser, the rule of every organiser's mutation),
 * the caller's own line of the register (the check-in rule), and the meeting's state
 * (occurrence.states.ts, checkInOpen). The mutation still decides, and can still refuse what only
 * its input tells (the issue or proposal linked, the persons, the votes).
 */

@ObjectType('MeetingOccurrencePermissions', {
  simpleResolvers: true,
  description: 'What the caller may do with this meeting now (see docs/api.md, "Per-object permissions").',
})
export class MeetingOccurrencePermissionsType {
  @Field({ description: 'setMeetingStatus to HELD: an organiser, the meeting started.' })
  canMarkHeld!: boolean;

  @Field({ description: 'setMeetingStatus to CANCELLED (or back to SCHEDULED): an organiser, the meeting not held.' })
  canCancel!: boolean;

  @Field({ description: 'addMeetingAgendaItem: an organiser.' })
  canAddAgendaItem!: boolean;

  @Field({ description: 'inviteToMeeting: an organiser.' })
  canInvite!: boolean;

  @Field({ description: 'recordMeetingAttendance: an organiser.' })
  canRecordAttendance!: boolean;

  @Field({ description: 'recordMeetingMinutes: an organiser, the meeting HELD.' })
  canRecordMinutes!: boolean;

  @Field({
    description: "recordMeetingDecision: an organiser, the meeting HELD (moving an issue or proposal needs that step's own right too).",
  })
  canRecordDecision!: boolean;

  @Field({ description: 'recordIssueTakenIn: an organiser, an office hour or 逢三说事 that is not cancelled.' })
  canRecordIssueTakenIn!: boolean;

  @Field({
    description:
      'checkInToMeeting (with its QR token): the caller on the register, the meeting not cancelled, from an hour before it until it ends.',
  })
  canCheckIn!: boolean;
}

@ObjectType('MeetingSchedulePermissions', { simpleResolvers: true, description: 'What the caller may do with this schedule now.' })
export class MeetingSchedulePermissionsType {
  @Field({ description: "materializeMeetingOccurrences: WRITE_ORGANIZATION over the schedule (its compound's branch, or the community)." })
  canMaterialize!: boolean;
}

export async function occurrencePermissions(
  ctx: RequestContext,
  occurrence: MeetingOccurrenceRow,
): Promise<MeetingOccurrencePermissionsType> {
  const organiser = isOrganiser(ctx.principal, occurrence);
  const now = ctx.clock.now();
  const startsAt = new Date(occurrence.startsAt);
  const held = occurrence.status === MeetingStatus.HELD;
  const cancelled = occurrence.status === MeetingStatus.CANCELLED;
  let canCheckIn = !cancelled && checkInOpen(startsAt, new Date(occurrence.endsAt), now);
  if (canCheckIn) canCheckIn = (await ownAttendance(ctx, occurrence)) !== null;
  return {
    canMarkHeld: organiser && hasStarted(startsAt, now),
    canCancel: organiser && mayLeaveStatus(occurrence.status),
    canAddAgendaItem: organiser,
    canInvite: organiser,
    canRecordAttendance: organiser,
    canRecordMinutes: organiser && held,
    canRecordDecision: organiser && held,
    canRecordIssueTakenIn: organiser && takesInIssues(occurrence.kind) && !cancelled,
    canCheckIn,
  };
}

export function schedulePermissions(ctx: RequestContext, schedule: MeetingScheduleRow): MeetingSchedulePermissionsType {
  return { canMaterialize: mayAct(ctx.principal, Capability.WRITE_ORGANIZATION, schedule) };
}

@Resolver(() => MeetingOccurrenceType)
export class OccurrencePermissionsResolver {
  @FieldResolver(() => MeetingOccurrencePermissionsType, {
    description: 'What you may do with this meeting now, by the rules its mutations apply.',
  })
  permissions(@Root() occurrence: MeetingOccurrenceRow, @Ctx() ctx: RequestContext) {
    return occurrencePermissions(ctx, occurrence);
  }
}

@Resolver(() => MeetingScheduleType)
export class SchedulePermissionsResolver {
  @FieldResolver(() => MeetingSchedulePermissionsType, {
    description: 'What you may do with this schedule now, by the rules its mutations apply.',
  })
  permissions(@Root() schedule: MeetingScheduleRow, @Ctx() ctx: RequestContext) {
    return schedulePermissions(ctx, schedule);
  }
}
