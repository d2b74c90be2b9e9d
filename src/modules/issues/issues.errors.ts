import { defineUserErrors } from '../../core/validation/user-error';

/** Why the issues module refuses an input (beyond the core's codes). */
export const IssuesError = defineUserErrors({
  WRONG_STATUS: 'The step does not follow from where the issue stands (e.g. closing an issue that is not resolved).',
  UNKNOWN_CATEGORY: "Not one of the community's issue categories.",
  LADDER_END: 'There is no level above (escalating at the street) or below (handing down at the building group).',
  NO_MEDIATION: 'The issue has no mediation going on.',
  REOPEN_WINDOW_PASSED: 'The window for reopening a resolved issue has passed.',
});
