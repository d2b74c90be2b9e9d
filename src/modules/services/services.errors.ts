import { defineUserErrors } from '../../core/validation/user-error';

/** Why services refuses an input (beyond the core's codes). */
export const ServicesError = defineUserErrors({
  QUARTER_CLOSED: "The quarter's evaluation has closed (or has not opened yet).",
  ALREADY_ANSWERED: 'The objection is already answered; an answer is given once.',
});
