import { defineUserErrors } from '../../core/validation/user-error';

/** Why the care module refuses an input (beyond the core's codes). */
export const CareError = defineUserErrors({
  NOT_TAGGED: 'The household does not carry the special-group tag the link is for.',
  LINK_ENDED: 'The care link has ended; visits are recorded on an active link.',
  ITEM_RETIRED: 'The help item has been retired from the community’s list.',
});
