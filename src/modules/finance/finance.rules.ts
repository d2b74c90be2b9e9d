import { Capability } from '../../core/auth/capabilities';
import { can, canWithin } from '../../core/auth/principal';
import { registerNodeReadCheck } from '../../core/graphql/node';
import { connection, fields, NODE_FIELDS, payload } from '../../core/permissions/fields';
import { allow, below, mutation, somewhere, within, type CapabilityOf, type ShieldRule as IRule } from '../../core/permissions/rules';
import { all, field } from '../../core/permissions/targets';
import { CompoundBranchSpec } from '../organization/compound-branch.loaders';
import { CommunitySpec } from '../geography/community.loaders';
import { CompoundSpec } from '../places/compound.loaders';
import {
  CoManagedAccountSpec,
  ExpenditureProposalSpec,
  LedgerEntrySpec,
  MonthlyStatementSpec,
  type ExpenditureProposalRow,
  type MonthlyStatementRow,
} from './finance.loaders';
import { ProposalStatus, ProposalStep, SpendingPath } from './finance.enums';
import { PROPOSE_CAPABILITY, STEPS, type SpendingAct } from './spending.steps';

const { READ_ACCOUNTS, READ_DISCLOSURES, READ_PERSONS, MANAGE_ACCOUNTS, PREPARE_STATEMENTS } = Capability;

/**
 * node(id:) of a statement: a draft is for the account's readers; once published, those bound
 * inside the compound (its residents) read it too.
 */
registerNodeReadCheck(MonthlyStatementSpec, (principal, row: MonthlyStatementRow) =>
  row.publishedAt ? canWithin(principal, READ_DISCLOSURES, row) : can(principal, READ_ACCOUNTS, row),
);

/** Who may see and do what with the money: accounts, ledger, proposals, statements. */
export const financeRules: Record<string, Record<string, IRule>> = {
  Community: { settings: allow },
  // The list keeps to the caller's reach itself (the same prefix test as node(id:)).
  Query: { expenditureProposals: somewhere(READ_ACCOUNTS) },
  Compound: { account: below(READ_ACCOUNTS), monthlyStatements: within(READ_DISCLOSURES) },
  CompoundBranch: { account: below(READ_ACCOUNTS) },
  CommunitySettings: fields(
    allow,
    'partyMemberRatioMin',
    'simplifiedSpendingBelowFen',
    'quorumSpendingAboveFen',
    'statementDueDay',
    'allowNegativeBalance',
    'redFlagMinScore',
    'yellowFlagBelowScore',
  ),
  // Accounts are reached only through READ_ACCOUNTS (Compound.account, node(id:)); what they list goes with them.
  CoManagedAccount: {
    ...NODE_FIELDS,
    ...fields(
      allow,
      'name',
      'openedOn',
      'closedOn',
      'compound',
      'branch',
      'balanceFen',
      'custodians',
      'ledger',
      'proposals',
      'statements',
      'permissions',
    ),
  },
  // Per-object permissions say what the caller may do: they reveal nothing of anyone else.
  CoManagedAccountPermissions: fields(allow, 'canProposeExpenditure', 'canRecordIncome', 'canReplaceCustodian', 'canPrepareStatement'),
  ExpenditureProposalPermissions: fields(allow, 'canDiscuss', 'canReview', 'canResolve', 'canReject', 'canWithdraw', 'canPay'),
  MonthlyStatementPermissions: fields(allow, 'canPublish'),
  Custodian: { ...NODE_FIELDS, ...fields(allow, 'seat', 'since', 'until', 'account'), person: below(READ_PERSONS) },
  LedgerEntry: {
    ...NODE_FIELDS,
    ...fields(
      allow,
      'kind',
      'category',
      'amountFen',
      'deltaFen',
      'occurredOn',
      'counterparty',
      'description',
      'invoiceRef',
      'recordedBy',
      'account',
      'reverses',
      'reversedBy',
      'proposal',
    ),
  },
  ExpenditureProposal: {
    ...NODE_FIELDS,
    ...fields(
      allow,
      'purpose',
      'amountFen',
      'payee',
      'category',
      'attachments',
      'status',
      'spendingPath',
      'simplifiedBelowFen',
      'quorumRequired',
      'version',
      'account',
      'transitions',
      'payment',
      'permissions',
    ),
  },
  ProposalTransition: {
    ...NODE_FIELDS,
    ...fields(
      allow,
      'step',
      'fromStatus',
      'toStatus',
      'actorLabel',
      'actorRole',
      'meeting',
      'meetingOn',
      'eligible',
      'attendance',
      'votesFor',
      'votesAgainst',
      'abstentions',
      'comment',
      'proposal',
    ),
  },
  // A statement is reached through Compound.monthlyStatements (drafts only for READ_ACCOUNTS) or
  // node(id:) (its own check); the account behind it is for the account's readers.
  MonthlyStatement: {
    ...NODE_FIELDS,
    ...fields(
      allow,
      'month',
      'preparedBy',
      'note',
      'publishedAt',
      'publishedBy',
      'contentHash',
      'compound',
      'community',
      'placeName',
      'status',
      'openingBalanceFen',
      'incomeFen',
      'expenseFen',
      'closingBalanceFen',
      'lines',
      'proposalsPaid',
      'verified',
      'verification',
      'dueOn',
      'late',
      'documentPath',
      'permissions',
    ),
    account: below(READ_ACCOUNTS),
  },
  StatementLine: fields(
    allow,
    'entryId',
    'occurredOn',
    'kind',
    'category',
    'amountFen',
    'deltaFen',
    'counterparty',
    'description',
    'invoiceRef',
    'reversesEntryId',
  ),
  StatementPaidProposal: fields(allow, 'proposalId', 'purpose', 'payee', 'amountFen'),
  StatementVerification: fields(allow, 'verified', 'contentMatchesLedger', 'hashMatches', 'openingMatchesPrevious'),
  ...connection('LedgerEntry'),
  ...connection('ExpenditureProposal'),
  ...connection('MonthlyStatement'),
  ...payload('UpdateCommunitySettingsPayload', 'settings'),
  ...payload('OpenCoManagedAccountPayload', 'account'),
  ...payload('ReplaceCustodianPayload', 'custodian'),
  ...payload('RecordIncomePayload', 'entry'),
  ...payload('ReverseLedgerEntryPayload', 'entry'),
  ...payload('DiscussExpenditurePayload', 'proposal'),
  ...payload('PayExpenditurePayload', 'proposal'),
  ...payload('ProposeExpenditurePayload', 'proposal'),
  ...payload('RejectExpenditurePayload', 'proposal'),
  ...payload('ResolveExpenditurePayload', 'proposal'),
  ...payload('ReviewExpenditurePayload', 'proposal'),
  ...payload('WithdrawExpenditurePayload', 'proposal'),
  ...payload('PrepareMonthlyStatementPayload', 'statement'),
  ...payload('PublishMonthlyStatementPayload', 'statement'),
};

/** A step on a proposal needs what spending.steps.ts says, over the proposal (rejecting: the step it waits for). */
function step(act: SpendingAct): CapabilityOf {
  return {
    of: (target) => {
      const proposal = target as ExpenditureProposalRow;
      return STEPS[act].capability(proposal.status, proposal.spendingPath);
    },
    label:
      act === ProposalStep.REJECT
        ? 'the capability of the step it waits for (DISCUSS/REVIEW/RESOLVE/PAY_SPENDING)'
        : STEPS[act].capability(ProposalStatus.PROPOSED, SpendingPath.FULL),
  };
}

export const financeMutationRules: Record<string, IRule> = {
  updateCommunitySettings: mutation('updateCommunitySettings', MANAGE_ACCOUNTS, field(CommunitySpec, 'communityId')),
  // A compound's own account, or a joint branch's pooled one: whichever is named is checked.
  openCoManagedAccount: mutation(
    'openCoManagedAccount',
    MANAGE_ACCOUNTS,
    all(field(CompoundSpec, 'compoundId'), field(CompoundBranchSpec, 'branchId')),
  ),
  replaceCustodian: mutation('replaceCustodian', MANAGE_ACCOUNTS, field(CoManagedAccountSpec, 'accountId')),
  recordIncome: mutation('recordIncome', MANAGE_ACCOUNTS, field(CoManagedAccountSpec, 'accountId')),
  reverseLedgerEntry: mutation('reverseLedgerEntry', MANAGE_ACCOUNTS, field(LedgerEntrySpec, 'entryId')),
  proposeExpenditure: mutation('proposeExpenditure', PROPOSE_CAPABILITY, field(CoManagedAccountSpec, 'accountId')),
  discussExpenditure: mutation('discussExpenditure', step(ProposalStep.DISCUSS), field(ExpenditureProposalSpec, 'proposalId')),
  reviewExpenditure: mutation('reviewExpenditure', step(ProposalStep.REVIEW), field(ExpenditureProposalSpec, 'proposalId')),
  resolveExpenditure: mutation('resolveExpenditure', step(ProposalStep.RESOLVE), field(ExpenditureProposalSpec, 'proposalId')),
  rejectExpenditure: mutation('rejectExpenditure', step(ProposalStep.REJECT), field(ExpenditureProposalSpec, 'proposalId')),
  withdrawExpenditure: mutation('withdrawExpenditure', step(ProposalStep.WITHDRAW), field(ExpenditureProposalSpec, 'proposalId')),
  payExpenditure: mutation('payExpenditure', step(ProposalStep.PAY), field(ExpenditureProposalSpec, 'proposalId')),
  prepareMonthlyStatement: mutation('prepareMonthlyStatement', PREPARE_STATEMENTS, field(CoManagedAccountSpec, 'accountId')),
  publishMonthlyStatement: mutation('publishMonthlyStatement', PREPARE_STATEMENTS, field(MonthlyStatementSpec, 'statementId')),
};
