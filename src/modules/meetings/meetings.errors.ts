import { defineUserErrors } from '../../core/validation/user-error';

/** Why the meetings module refuses an input (beyond the core's codes). */
export const MeetingsError = defineUserErrors({
  INVALID_RULE: 'Not a recurrence rule (RFC 5545 RRULE, FREQ first, without DTSTART).',
});
