import { Field, ObjectType } from 'type-graphql';

/*
 * What the caller may do with an object now, computed by the rules its mutations apply: the
 * capability (the same check as the mutation's rule), the object's state (a step that does not
 * follow is false), and for resolving and paying the personal mandate. A frontend shows its
 * buttons by these; the mutation still decides, and can still refuse what only the input can
 * tell (meeting figures, funds, dates).
 */

@ObjectType('ExpenditureProposalPermissions', {
  simpleResolvers: true,
  description: 'What the caller may do with this proposal now (see docs/api.md, "Per-object permissions").',
})
export class ExpenditureProposalPermissionsType {
  @Field({ description: 'discussExpenditure: DISCUSS_SPENDING, a full-path proposal that is PROPOSED.' })
  canDiscuss!: boolean;

  @Field({ description: 'reviewExpenditure: REVIEW_SPENDING, a full-path proposal that is DISCUSSED.' })
  canReview!: boolean;

  @Field({
    description:
      'resolveExpenditure: RESOLVE_SPENDING, the proposal waiting for resolution, and the mandate (a seat; not the proposer nor appointed by them).',
  })
  canResolve!: boolean;

  @Field({ description: 'rejectExpenditure: the capability of the step the open proposal waits for.' })
  canReject!: boolean;

  @Field({ description: 'withdrawExpenditure: PROPOSE_SPENDING, an open proposal.' })
  canWithdraw!: boolean;

  @Field({
    description:
      "payExpenditure: PAY_SPENDING, a RESOLVED proposal, and a sitting custodian's seat (not the proposer nor appointed by them).",
  })
  canPay!: boolean;
}

@ObjectType('CoManagedAccountPermissions', { simpleResolvers: true, description: 'What the caller may do with this account now.' })
export class CoManagedAccountPermissionsType {
  @Field({ description: 'proposeExpenditure: PROPOSE_SPENDING over the account, which is open.' })
  canProposeExpenditure!: boolean;

  @Field({ description: 'recordIncome and reverseLedgerEntry: MANAGE_ACCOUNTS over the account, which is open.' })
  canRecordIncome!: boolean;

  @Field({ description: 'replaceCustodian: MANAGE_ACCOUNTS over the account, which is open.' })
  canReplaceCustodian!: boolean;

  @Field({ description: 'prepareMonthlyStatement: PREPARE_STATEMENTS over the account.' })
  canPrepareStatement!: boolean;
}

@ObjectType('MonthlyStatementPermissions', { simpleResolvers: true, description: 'What the caller may do with this statement now.' })
export class MonthlyStatementPermissionsType {
  @Field({ description: 'publishMonthlyStatement: PREPARE_STATEMENTS over the statement, which is a draft.' })
  canPublish!: boolean;
}
