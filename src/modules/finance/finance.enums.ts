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

registerEnumType(LedgerEntryKind, {
  name: 'LedgerEntryKind',
  description: 'What a ledger entry does to the balance.',
  valuesConfig: {
    INCOME: { description: 'Money in (收入): adds to the balance.' },
    EXPENSE: { description: 'Money out (支出): takes from the balance.' },
    REVERSAL: { description: 'Cancels one earlier entry (its opposite amount); the only way to correct the ledger.' },
  },
});
registerEnumType(LedgerCategory, {
  name: 'LedgerCategory',
  description: 'What the money was for; income categories with INCOME, expense categories with EXPENSE, CORRECTION on reversals.',
  valuesConfig: {
    FEES: { description: 'Income: fees paid by households.' },
    SUBSIDY: { description: 'Income: a subsidy (e.g. from the street or district).' },
    DONATION: { description: 'Income: a donation.' },
    OTHER_INCOME: { description: 'Income of another kind.' },
    REPAIR: { description: 'Expense: repairs.' },
    CLEANING: { description: 'Expense: cleaning.' },
    GREENING: { description: 'Expense: greening and gardens.' },
    SECURITY: { description: 'Expense: security and guards.' },
    UTILITIES: { description: 'Expense: water, power and other utilities of common areas.' },
    SUPPLIES: { description: 'Expense: supplies and materials.' },
    STAFF: { description: 'Expense: staff paid by the account.' },
    OTHER_EXPENSE: { description: 'Expense of another kind.' },
    CORRECTION: { description: 'Only on reversals: the category of the entry reversed applies.' },
  },
});
registerEnumType(ProposalStatus, {
  name: 'ProposalStatus',
  description: 'Where an expenditure proposal stands.',
  valuesConfig: {
    PROPOSED: { description: 'Proposed (提议); waits for discussion (or, on the simplified path, resolution).' },
    DISCUSSED: { description: 'Discussed (商议) by the committee; waits for review.' },
    REVIEWED: { description: 'Reviewed (审议); waits for resolution.' },
    RESOLVED: { description: 'Resolved (决议): approved; waits for payment.' },
    PAID: { description: 'Paid (支付): the expense is in the ledger.' },
    REJECTED: { description: 'Rejected at one of the steps; final.' },
    WITHDRAWN: { description: 'Withdrawn by its proposer; final.' },
  },
});
registerEnumType(ProposalStep, {
  name: 'ProposalStep',
  description: 'One recorded act on an expenditure proposal.',
  valuesConfig: {
    PROPOSE: { description: 'The proposal was made (提议).' },
    DISCUSS: { description: 'The committee discussed it (商议).' },
    REVIEW: { description: 'It was reviewed (审议).' },
    RESOLVE: { description: 'It was resolved (决议).' },
    PAY: { description: 'It was paid (支付).' },
    REJECT: { description: 'It was rejected.' },
    WITHDRAW: { description: 'Its proposer withdrew it.' },
  },
});
registerEnumType(SpendingPath, {
  name: 'SpendingPath',
  description: 'FULL: proposal, discussion, review, resolution; SIMPLIFIED: proposal then resolution.',
  valuesConfig: {
    FULL: { description: 'The four steps: proposal, discussion, review, resolution (then payment).' },
    SIMPLIFIED: { description: "Below the community's threshold: proposal, then resolution (then payment)." },
  },
});
registerEnumType(CustodianSeat, {
  name: 'CustodianSeat',
  description: 'The three seats of a co-managed account.',
  valuesConfig: {
    BRANCH_SECRETARY: { description: "The compound branch's secretary's seat." },
    COMMITTEE_MEMBER: { description: "The property committee's seat." },
    OWNER_REPRESENTATIVE: { description: "The owners' representative's seat (a resident off the committee)." },
  },
});
