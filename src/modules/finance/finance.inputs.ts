import { ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
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

@InputType()
export class UpdateCommunitySettingsInput {
  @Field(() => ID)
  @GlobalId()
  communityId!: string;

  @Field(() => Int, { nullable: true })
  @IntRange(0, 100, false)
  partyMemberRatioMin?: number;

  @Field(() => FenScalar, { nullable: true })
  @FenRange(0, MAX_AMOUNT_FEN)
  simplifiedSpendingBelowFen?: number;

  @Field(() => FenScalar, { nullable: true })
  @FenRange(0, MAX_AMOUNT_FEN)
  quorumSpendingAboveFen?: number;

  @Field(() => Int, { nullable: true })
  @IntRange(1, 28, false)
  statementDueDay?: number;

  @Field(() => Boolean, { nullable: true })
  allowNegativeBalance?: boolean;

  @Field(() => Int, { nullable: true })
  @IntRange(0, 100, false)
  redFlagMinScore?: number;

  @Field(() => Int, { nullable: true })
  @IntRange(0, 100, false)
  yellowFlagBelowScore?: number;
}

@InputType()
export class CustodianSeatInput {
  @Field(() => CustodianSeat)
  seat!: CustodianSeat;

  @Field(() => ID)
  @GlobalId()
  personId!: string;
}

@InputType()
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

@InputType()
export class ReplaceCustodianInput {
  @Field(() => ID)
  @GlobalId()
  accountId!: string;

  @Field(() => CustodianSeat)
  seat!: CustodianSeat;

  @Field(() => ID)
  @GlobalId()
  personId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default: today (UTC). The outgoing custodian sits until this day.' })
  @PastOrNearDate(31)
  since?: string | null;
}

@InputType()
export class RecordIncomeInput {
  @Field(() => ID)
  @GlobalId()
  accountId!: string;

  @Field(() => LedgerCategory, { description: 'FEES, SUBSIDY, DONATION or OTHER_INCOME.' })
  category!: LedgerCategory;

  @Field(() => FenScalar)
  @FenRange(1, MAX_AMOUNT_FEN)
  amountFen!: number;

  @Field(() => DateScalar)
  @PastOrNearDate(0, false)
  occurredOn!: string;

  @Field(() => String, { nullable: true })
  @Text({ max: 200, nullable: true })
  counterparty?: string | null;

  @Field()
  @Text({ max: 500 })
  description!: string;

  @Field(() => String, { nullable: true })
  @Text({ max: 100, nullable: true })
  invoiceRef?: string | null;
}

@InputType()
export class ReverseLedgerEntryInput {
  @Field(() => ID)
  @GlobalId()
  entryId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Default: today (UTC); must fall in a month not yet published.' })
  @PastOrNearDate(0)
  occurredOn?: string | null;

  @Field({ description: 'Why it is reversed; shown on the statement.' })
  @Text({ max: 500 })
  reason!: string;
}

@InputType()
export class ProposeExpenditureInput {
  @Field(() => ID)
  @GlobalId()
  accountId!: string;

  @Field({ description: 'e.g. 更换3号楼路灯' })
  @Text({ max: 200 })
  purpose!: string;

  @Field(() => FenScalar)
  @FenRange(1, MAX_AMOUNT_FEN)
  amountFen!: number;

  @Field()
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
  @Field(() => ID)
  @GlobalId()
  proposalId!: string;

  @Field(() => Int, { nullable: true, description: 'The version you saw; if the proposal changed since, CONFLICT and nothing happens.' })
  @IntRange(1, 1_000_000)
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'e.g. 党员大会 2026-03-12' })
  @Text({ max: 200, nullable: true })
  meeting?: string | null;

  @Field(() => DateScalar, { nullable: true })
  @PastOrNearDate(0)
  meetingOn?: string | null;

  @Field(() => Int, { nullable: true, description: 'Who could attend: the quorum base.' })
  @IntRange(0, 100_000)
  eligible?: number | null;

  @Field(() => Int, { nullable: true })
  @IntRange(0, 100_000)
  attendance?: number | null;

  @Field(() => Int, { nullable: true })
  @IntRange(0, 100_000)
  votesFor?: number | null;

  @Field(() => Int, { nullable: true })
  @IntRange(0, 100_000)
  votesAgainst?: number | null;

  @Field(() => Int, { nullable: true })
  @IntRange(0, 100_000)
  abstentions?: number | null;

  @Field(() => String, { nullable: true })
  @Text({ max: 1000, nullable: true, multiline: true })
  comment?: string | null;
}

@InputType()
export class PayExpenditureInput {
  @Field(() => ID)
  @GlobalId()
  proposalId!: string;

  @Field(() => Int, { nullable: true })
  @IntRange(1, 1_000_000)
  expectedVersion?: number | null;

  @Field(() => DateScalar, { nullable: true, description: 'Default: today (UTC).' })
  @PastOrNearDate(0)
  paidOn?: string | null;

  @Field(() => String, { nullable: true })
  @Text({ max: 100, nullable: true })
  invoiceRef?: string | null;

  @Field(() => String, { nullable: true })
  @Text({ max: 1000, nullable: true, multiline: true })
  comment?: string | null;
}

@InputType()
export class PrepareMonthlyStatementInput {
  @Field(() => ID)
  @GlobalId()
  accountId!: string;

  @Field(() => DateScalar, { description: 'Any day of the month; stored as its first day.' })
  @PastOrNearDate(0, false)
  month!: string;

  @Field(() => String, { nullable: true })
  @Text({ max: 1000, nullable: true, multiline: true })
  note?: string | null;
}

@InputType()
export class PublishMonthlyStatementInput {
  @Field(() => ID)
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
