import { defineUserErrors } from '../../core/validation/user-error';

/** Why the stations module refuses an input (beyond the core's codes). */
export const StationsError = defineUserErrors({
  SLOTS_OVERLAP: 'Two opening slots of the same weekday overlap.',
  ALREADY_CHECKED_IN: 'The person has an open check-in (at this or another station); check out first.',
  NOT_CHECKED_IN_AT_STATION: 'Check-out needs an open check-in at this station.',
  ITEM_NOT_ACTIVE: 'The standard item is retired or belongs to another community.',
});
