import { defineUserErrors } from '../../core/validation/user-error';

/** Why organization refuses an input (beyond the core's codes). */
export const OrganizationError = defineUserErrors({
  NOT_IN_JOINT_BRANCH: 'Only a compound in a joint branch can graduate.',
  GROUP_SPANS_COMPOUNDS: "A building group of the compound also covers other compounds' buildings.",
  NO_PARTY_MEMBER: 'A member household needs a current party member living in it.',
  ALREADY_DESIGNATED: 'The household is already a member household.',
  ALREADY_MEMBER: 'The person already has a current party membership.',
});
