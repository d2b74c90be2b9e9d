import { defineUserErrors } from '../../core/validation/user-error';

/** Why governance refuses an input (beyond the core's codes). */
export const GovernanceError = defineUserErrors({
  RATIO_NOT_MET: "The elected members' share of party members is below the community's minimum.",
  PENDING_REVIEW: "Candidates still await the street office's review.",
  TIE: 'Candidates tie for the last seat: a run-off decides.',
});
