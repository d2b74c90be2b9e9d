import { defineUserErrors } from '../../core/validation/user-error';

/** Why the meetings module refuses an input (beyond the core's codes). */
export const MeetingsError = defineUserErrors({
  INVALID_RULE: 'Not a recurrence rule (RFC 5545 RRULE, FREQ first, without DTSTART).',
  MEETING_NOT_HELD: 'Only a held meeting takes decisions, and only a meeting that has started can be marked held.',
  MEETING_CANCELLED: 'The meeting was cancelled.',
  CHECK_IN_CLOSED: 'Check-in opens an hour before the meeting starts and closes when it ends.',
  NOT_AN_INTAKE_MEETING: 'Issues are taken in during office hours (坐班) and 逢三说事 only.',
  NOTHING_LINKED: 'The agenda item has no issue (or no proposal) to move.',
});
