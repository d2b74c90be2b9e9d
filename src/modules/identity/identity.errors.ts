import { defineUserErrors } from '../../core/validation/user-error';

/** Why identity refuses an input (beyond the core's codes). */
export const IdentityError = defineUserErrors({
  INVALID_SCOPE: 'The role cannot be held at this kind of node (a resident at a street).',
});
