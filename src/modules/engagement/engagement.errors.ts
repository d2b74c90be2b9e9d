import { defineUserErrors } from '../../core/validation/user-error';

/** Why the engagement module refuses an input (beyond the core's codes). */
export const EngagementError = defineUserErrors({
  NOT_A_REPORTING_MEMBER: 'Claims and reporting relations are for current reporting (EXTERNAL, 双报到) party memberships.',
  OFFER_CLOSED: 'The offer no longer takes claims.',
  NOT_A_PARTY_MEMBER: 'Only a current party member has a public member profile.',
  NO_HOME_COMPOUND: 'The profile is shown in the compound the member lives in; the member lives in none on record.',
});
