import { defineUserErrors } from '../../core/validation/user-error';

/** Why the volunteers module refuses an input (beyond the core's codes). */
export const VolunteersError = defineUserErrors({
  NOT_AN_OCCURRENCE: 'The activity does not take place on that day.',
  WRONG_CODE: 'The check-in code is not the activity’s (scan the QR code at the activity).',
  NOT_CHECKED_IN: 'Check-out needs a check-in first.',
  HOURS_ALREADY_REVERSED: 'The hours entry has already been reversed.',
});
