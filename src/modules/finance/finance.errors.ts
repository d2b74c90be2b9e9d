import { defineUserErrors } from '../../core/validation/user-error';

/** Why finance refuses an input (beyond the core's codes). */
export const FinanceError = defineUserErrors({
  SAME_PERSON: 'The same person may not take both steps (propose, and resolve or pay).',
  QUORUM_NOT_MET: 'The meeting did not reach its quorum (two thirds of those eligible attending).',
  NOT_CARRIED: 'The votes recorded do not carry the step (a majority of those attending, or of votes cast).',
  INSUFFICIENT_FUNDS: 'Paying would take the account below zero, which the community does not allow.',
  MONTH_PUBLISHED: "The month's statement is published; the ledger of that month is closed.",
  ALREADY_PUBLISHED: 'The statement is already published and frozen.',
  MONTH_NOT_OVER: "A month's statement is published only after the month has ended.",
  ALREADY_REVERSED: 'The entry was already reversed (or is itself a reversal).',
  PROPOSAL_PAYMENT:
    'The entry is the payment of a spending proposal: it is not reversed on its own, which would return the money while the proposal still reads PAID.',
  PREVIOUS_MONTH_UNPUBLISHED: 'An earlier month of the account is not published yet: statements are published in order.',
  NO_MANDATE: "Resolving or paying is a personal act: the caller's person holds no seat that gives the mandate (or there is no person).",
  NOT_INDEPENDENT:
    "The caller and the proposer were not appointed independently: one of them created the other's login or granted the other's role, directly or through others.",
});
