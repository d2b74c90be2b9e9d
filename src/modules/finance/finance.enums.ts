import { registerEnumType } from 'type-graphql';

/** 收入 / 支出 / 冲正: what a ledger entry does to the balance. */
export enum LedgerEntryKind {
  INCOME = 'INCOME',
  EXPENSE = 'EXPENSE',
  /** Cancels one earlier entry (its opposite amount); the only way to correct the ledger. */
  REVERSAL = 'REVERSAL',
}

/** What the money was for. Income categories go with INCOME, expense categories with EXPENSE. */
export enum LedgerCategory {
  FEES = 'FEES',
  SUBSIDY = 'SUBSIDY',
  DONATION = 'DONATION',
  OTHER_INCOME = 'OTHER_INCOME',
  REPAIR = 'REPAIR',
  CLEANING = 'CLEANING',
  GREENING = 'GREENING',
  SECURITY = 'SECURITY',
  UTILITIES = 'UTILITIES',
  SUPPLIES = 'SUPPLIES',
  STAFF = 'STAFF',
  OTHER_EXPENSE = 'OTHER_EXPENSE',
  /** Only on reversals: the category of the entry reversed applies. */
  CORRECTION = 'CORRECTION',
}

export const INCOME_CATEGORIES: readonly LedgerCategory[] = [
  LedgerCategory.FEES,
  LedgerCategory.SUBSIDY,
  LedgerCategory.DONATION,
  LedgerCategory.OTHER_INCOME,
];
export const EXPENSE_CATEGORIES: readonly LedgerCategory[] = [
  LedgerCategory.REPAIR,
  LedgerCategory.CLEANING,
  LedgerCategory.GREENING,
  LedgerCategory.SECURITY,
  LedgerCategory.UTILITIES,
  LedgerCategory.SUPPLIES,
  LedgerCategory.STAFF,
  LedgerCategory.OTHER_EXPENSE,
];

/** Where an expenditure proposal stands (提议 → 商议 → 审议 → 决议 → 支付). */
export enum ProposalStatus {
  PROPOSED = 'PROPOSED',
  DISCUSSED = 'DISCUSSED',
  REVIEWED = 'REVIEWED',
  RESOLVED = 'RESOLVED',
  PAID = 'PAID',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
}

/** One act on a proposal, as recorded in its history. */
export enum ProposalStep {
  PROPOSE = 'PROPOSE',
  DISCUSS = 'DISCUSS',
  REVIEW = 'REVIEW',
  RESOLVE = 'RESOLVE',
  PAY = 'PAY',
  REJECT = 'REJECT',
  WITHDRAW = 'WITHDRAW',
}

/** FULL: the four steps; SIMPLIFIED (below the community's threshold): proposal → resolution. */
export enum SpendingPath {
  FULL = 'FULL',
  SIMPLIFIED = 'SIMPLIFIED',
}

/** The three seats of a co-managed account (三方共管). */
export enum CustodianSeat {
  BRANCH_SECRETARY = 'BRANCH_SECRETARY',
  COMMITTEE_MEMBER = 'COMMITTEE_MEMBER',
  OWNER_REPRESENTATIVE = 'OWNER_REPRESENTATIVE',
}

registerEnumType(LedgerEntryKind, { name: 'LedgerEntryKind', description: 'What a ledger entry does to the balance.' });
registerEnumType(LedgerCategory, {
  name: 'LedgerCategory',
  description: 'What the money was for; income categories with INCOME, expense categories with EXPENSE, CORRECTION on reversals.',
});
registerEnumType(ProposalStatus, { name: 'ProposalStatus', description: 'Where an expenditure proposal stands.' });
registerEnumType(ProposalStep, { name: 'ProposalStep', description: 'One recorded act on an expenditure proposal.' });
registerEnumType(SpendingPath, {
  name: 'SpendingPath',
  description: 'FULL: proposal, discussion, review, resolution; SIMPLIFIED: proposal then resolution.',
});
registerEnumType(CustodianSeat, { name: 'CustodianSeat', description: 'The three seats of a co-managed account.' });
