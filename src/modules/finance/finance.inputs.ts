import { ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar, FenScalar } from '../../core/graphql/scalars';
import { FenRange, GlobalId, IntRange, PastOrNearDate, Text, TextList } from '../../core/validation/rules';
import { CustodianSeat, LedgerCategory } from './finance.enums';
import {
  CoManagedAccountType,
  CommunitySettingsType,
  CustodianType,
  ExpenditureProposalType,
  LedgerEntryType,
  MonthlyStatementType,
} from './finance.types';

/** No single entry or proposal above ¥10 million: a typo guard, not a policy. */
export const MAX_AMOUNT_FEN = 1_000_000_000;

@InputType({ description: 'What the `updateCommunitySettings` mutation takes.' })
export class UpdateCommunitySettingsInput {
  @Field(() => ID, { description: 'The community whose settings change.' })
  @GlobalId()
  communityId!: string;

  @Field(() => Int, { description: 'The smallest share of party members a property committee must have (percent).', nullable: true })
  @IntRange(0, 100, false)
  partyMemberRatioMin?: number;

  @Field(() => FenScalar, { description: 'Spending below this (fen) may take the simplified path.', nullable: true })
  @FenRange(0, MAX_AMOUNT_FEN)
  simplifiedSpendingBelowFen?: number;

  @Field(() => FenScalar, { description: 'Spending above this (fen) needs a quorum at its meetings.', nullable: true })
  @FenRange(0, MAX_AMOUNT_FEN)
  quorumSpendingAboveFen?: number;

  @Field(() => Int, { description: 'Day of the following month by which a monthly statement is due.', nullable: true })
  @IntRange(1, 28, false)
  statementDueDay?: number;

  @Field(() => Boolean, { description: 'Whether an account may be paid below zero.', nullable: true })
  allowNegativeBalance?: boolean;

  @Field(() => Int, { description: 'The lowest average score that earns a red flag.', nullable: true })
  @IntRange(0, 100, false)
  redFlagMinScore?: number;

  @Field(() => Int, { description: 'An average score below this earns a yellow flag.', nullable: true })
  @IntRange(0, 100, false)
  yellowFlagBelowScore?: number;
}

@InputType({ description: 'What the `custodianSeat` mutation takes.' })
export class CustodianSeatInput {
  @Field(() => CustodianSeat, { description: 'Which of the three seats.' })
  seat!: CustodianSeat;

  @Field(() => ID, { description: 'The person who takes the seat.' })
  @GlobalId()
  personId!: string;
}

@InputType({ description: 'What the `openCoManagedAccount` mutation takes.' })
export class OpenCoManagedAccountInput {
  @Field(() => ID, {
    nullable: true,
    description: "The compound whose account it is; or give branchId for one pooled for a joint branch's compounds.",
  })
  @GlobalId(true)
  compoundId?: string | null;

  @Field(() => ID, { nullable: true, description: 'A joint branch whose small compounds share the account (a community may choose this).' })
  @GlobalId(true)
  branchId?: string | null;

  @Field(() => String, { nullable: true, description: 'Default: "<compound or branch>三方共管账户".' })
  @Text({ max: 100, nullable: true })
  name?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Default: today (UTC).' })
  @PastOrNearDate(31)
  openedOn?: string | null;

  @Field(() => [CustodianSeatInput], { description: 'Exactly three: one per seat, three different persons.' })
  @ValidateNested({ each: true })
  custodians!: CustodianSeatInput[];
}

@InputType({ description: 'What the `replaceCustodian` mutation takes.' })
export class ReplaceCustodianInput {
  @Field(() => ID, { description: 'The account.' })
  @GlobalId()
  accountId!: string;

  @Field(() => CustodianSeat, { description: 'The seat changing hands.' })
  seat!: CustodianSeat;

  @Field(() => ID, { description: 'The person who takes the seat.' })
  @GlobalId()
  personId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default: today (UTC). The outgoing custodian sits until this day.' })
  @PastOrNearDate(31)
  since?: string | null;
}

@InputType({ description: 'What the `recordIncome` mutation takes.' })
export class RecordIncomeInput {
  @Field(() => ID, { description: 'The account receiving the money.' })
  @GlobalId()
  accountId!: string;

  @Field(() => LedgerCategory, { description: 'FEES, SUBSIDY, DONATION or OTHER_INCOME.' })
  category!: LedgerCategory;

  @Field(() => FenScalar, { description: 'Amount in fen.' })
  @FenRange(1, MAX_AMOUNT_FEN)
  amountFen!: number;

  @Field(() => DateScalar, { description: 'The day the money came in (not before the last published statement).' })
  @PastOrNearDate(0, false)
  occurredOn!: string;

  @Field(() => String, { description: 'Who paid it.', nullable: true })
  @Text({ max: 200, nullable: true })
  counterparty?: string | null;

  @Field({ description: 'What it was for.' })
  @Text({ max: 500 })
  description!: string;

  @Field(() => String, { description: 'The receipt or invoice number.', nullable: true })
  @Text({ max: 100, nullable: true })
  invoiceRef?: string | null;
}

@InputType({ description: 'What the `reverseLedgerEntry` mutation takes.' })
export class ReverseLedgerEntryInput {
  @Field(() => ID, { description: 'The ledger entry cancelled by an opposite entry.' })
  @GlobalId()
  entryId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default: today (UTC); must fall in a month not yet published.' })
  @PastOrNearDate(0)
  occurredOn?: string | null;

  @Field({ description: 'Why it is reversed; shown on the statement.' })
  @Text({ max: 500 })
  reason!: string;
}

@InputType({ description: 'What the `proposeExpenditure` mutation takes.' })
export class ProposeExpenditureInput {
  @Field(() => ID, { description: 'The co-managed account that would pay.' })
  @GlobalId()
  accountId!: string;

  @Field({ description: 'e.g. 更换3号楼路灯' })
  @Text({ max: 200 })
  purpose!: string;

  @Field(() => FenScalar, { description: 'The amount in fen.' })
  @FenRange(1, MAX_AMOUNT_FEN)
  amountFen!: number;

  @Field({ description: 'Who would be paid.' })
  @Text({ max: 200 })
  payee!: string;

  @Field(() => LedgerCategory, { description: 'An expense category.' })
  category!: LedgerCategory;

  @Field(() => [String], { nullable: true, description: 'References to quotes, invoices, photos (at most 20).' })
  @TextList(20, 500)
  attachments?: string[] | null;
}

@InputType({ description: 'One step on a proposal: the meeting that took it, its votes, a comment.' })
export class ProposalStepInput {
  @Field(() => ID, { description: 'The proposal.' })
  @GlobalId()
  proposalId!: string;

  @Field(() => Int, { nullable: true, description: 'The version you saw; if the proposal changed since, CONFLICT and nothing happens.' })
  @IntRange(1, 1_000_000)
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'e.g. 党员大会 2026-03-12' })
  @Text({ max: 200, nullable: true })
  meeting?: string | null;

  @Field(() => DateScalar, {
    description:
      "The day of the meeting that took the step: not before the proposal or its previous step, not after today (the community's day, UTC+8).",
    nullable: true,
  })
  // The field rule reckons days in UTC; a day ahead of it lets the community's today (UTC+8) through
  // before 08:00, and the service refuses a day after the community's today (step-dates.ts).
  @PastOrNearDate(1)
  meetingOn?: string | null;

  @Field(() => Int, { nullable: true, description: 'Who could attend: the quorum base.' })
  @IntRange(0, 100_000)
  eligible?: number | null;

  @Field(() => Int, { description: 'Members present at the meeting.', nullable: true })
  @IntRange(0, 100_000)
  attendance?: number | null;

  @Field(() => Int, { description: 'Votes for.', nullable: true })
  @IntRange(0, 100_000)
  votesFor?: number | null;

  @Field(() => Int, { description: 'Votes against.', nullable: true })
  @IntRange(0, 100_000)
  votesAgainst?: number | null;

  @Field(() => Int, { description: 'Abstentions at the meeting.', nullable: true })
  @IntRange(0, 100_000)
  abstentions?: number | null;

  @Field(() => String, { description: "An optional comment kept in the proposal's history.", nullable: true })
  @Text({ max: 1000, nullable: true, multiline: true })
  comment?: string | null;
}

@InputType({ description: 'What the `payExpenditure` mutation takes.' })
export class PayExpenditureInput {
  @Field(() => ID, { description: 'The resolved proposal paid.' })
  @GlobalId()
  proposalId!: string;

  @Field(() => Int, { description: "The proposal's version as read; a newer one refuses the payment (CONFLICT).", nullable: true })
  @IntRange(1, 1_000_000)
  expectedVersion?: number | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "Default: today (the community's day, UTC+8). Not before the proposal, its last step or the account's opening, not after today.",
  })
  // As meetingOn: the service holds the community's today exactly.
  @PastOrNearDate(1)
  paidOn?: string | null;

  @Field(() => String, { description: 'The invoice or receipt number paid against.', nullable: true })
  @Text({ max: 100, nullable: true })
  invoiceRef?: string | null;

  @Field(() => String, { description: 'An optional comment kept with the payment.', nullable: true })
  @Text({ max: 1000, nullable: true, multiline: true })
  comment?: string | null;
}

@InputType({ description: 'What the `prepareMonthlyStatement` mutation takes.' })
export class PrepareMonthlyStatementInput {
  @Field(() => ID, { description: 'The account whose statement is prepared.' })
  @GlobalId()
  accountId!: string;

  @Field(() => DateScalar, { description: 'Any day of the month; stored as its first day.' })
  @PastOrNearDate(0, false)
  month!: string;

  @Field(() => String, { description: 'A note printed on the statement.', nullable: true })
  @Text({ max: 1000, nullable: true, multiline: true })
  note?: string | null;
}

@InputType({ description: 'What the `publishMonthlyStatement` mutation takes.' })
export class PublishMonthlyStatementInput {
  @Field(() => ID, { description: 'The draft statement to publish (it is frozen then).' })
  @GlobalId()
  statementId!: string;
}

export const UpdateCommunitySettingsPayload = PayloadType('UpdateCommunitySettingsPayload', 'settings', CommunitySettingsType);
export const OpenCoManagedAccountPayload = PayloadType('OpenCoManagedAccountPayload', 'account', CoManagedAccountType);
export const ReplaceCustodianPayload = PayloadType('ReplaceCustodianPayload', 'custodian', CustodianType);
export const RecordIncomePayload = PayloadType('RecordIncomePayload', 'entry', LedgerEntryType);
export const ReverseLedgerEntryPayload = PayloadType('ReverseLedgerEntryPayload', 'entry', LedgerEntryType);
export const ExpenditureProposalPayload = PayloadType('ExpenditureProposalPayload', 'proposal', ExpenditureProposalType);
export const MonthlyStatementPayload = PayloadType('MonthlyStatementPayload', 'statement', MonthlyStatementType);

@ObjectType('DiscussExpenditurePayload', {
  simpleResolvers: true,
})
export class DiscussExpenditurePayload extends ExpenditureProposalPayload {}

@ObjectType('PayExpenditurePayload', {
  simpleResolvers: true,
})
export class PayExpenditurePayload extends ExpenditureProposalPayload {}

@ObjectType('ProposeExpenditurePayload', {
  simpleResolvers: true,
})
export class ProposeExpenditurePayload extends ExpenditureProposalPayload {}

@ObjectType('RejectExpenditurePayload', {
  simpleResolvers: true,
})
export class RejectExpenditurePayload extends ExpenditureProposalPayload {}

@ObjectType('ResolveExpenditurePayload', {
  simpleResolvers: true,
})
export class ResolveExpenditurePayload extends ExpenditureProposalPayload {}

@ObjectType('ReviewExpenditurePayload', {
  simpleResolvers: true,
})
export class ReviewExpenditurePayload extends ExpenditureProposalPayload {}

@ObjectType('WithdrawExpenditurePayload', {
  simpleResolvers: true,
})
export class WithdrawExpenditurePayload extends ExpenditureProposalPayload {}

@ObjectType('PrepareMonthlyStatementPayload', {
  simpleResolvers: true,
})
export class PrepareMonthlyStatementPayload extends MonthlyStatementPayload {}

@ObjectType('PublishMonthlyStatementPayload', {
  simpleResolvers: true,
})
export class PublishMonthlyStatementPayload extends MonthlyStatementPayload {}

@InputType('DiscussExpenditureInput', { description: 'What the `discussExpenditure` mutation takes.' })
export class DiscussExpenditureInput extends ProposalStepInput {}

@InputType('RejectExpenditureInput', { description: 'What the `rejectExpenditure` mutation takes.' })
export class RejectExpenditureInput extends ProposalStepInput {}

@InputType('ResolveExpenditureInput', { description: 'What the `resolveExpenditure` mutation takes.' })
export class ResolveExpenditureInput extends ProposalStepInput {}

@InputType('ReviewExpenditureInput', { description: 'What the `reviewExpenditure` mutation takes.' })
export class ReviewExpenditureInput extends ProposalStepInput {}

@InputType('WithdrawExpenditureInput', { description: 'What the `withdrawExpenditure` mutation takes.' })
export class WithdrawExpenditureInput extends ProposalStepInput {}
