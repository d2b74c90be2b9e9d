import { MeetingKind, MeetingStatus } from './occurrence.enums';

/*
 * What a meeting's state allows, asked by the service before it acts and by `permissions` in
 * advance (occurrence.permissions.ts), so the two cannot drift apart. Pure.
 */

/** Marking a meeting held: only once it has started. */
export function hasStarted(startsAt: Date, now: Date): boolean {
  return startsAt.getTime() <= now.getTime();
}

/** A held meeting's record stands: it is not cancelled or rescheduled afterwards. */
export function mayLeaveStatus(status: MeetingStatus): boolean {
  return status !== MeetingStatus.HELD;
}

/** Where residents bring their matters: the office hour, and 逢三说事 (talking matters through). */
export function takesInIssues(kind: MeetingKind): boolean {
  return kind === MeetingKind.OFFICE_HOUR || kind === MeetingKind.THIRDS;
}
