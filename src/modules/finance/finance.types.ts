import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { NodeFields } from '../../core/graphql/node-fields';
import { Node } from '../../core/graphql/node';
import { DateScalar, DateTimeScalar, FenScalar } from '../../core/graphql/scalars';
import { ConnectionType } from '../../core/pagination/connection';
import { CustodianSeat, LedgerCategory, LedgerEntryKind, ProposalStatus, ProposalStep, SpendingPath } from './finance.enums';
import type { CustodianRow, ExpenditureProposalRow, LedgerEntryRow, MonthlyStatementRow } from './finance.loaders';

export enum StatementStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
}
registerEnumType(StatementStatus, {
  name: 'StatementStatus',
  description: 'DRAFT: computed from the ledger when read; PUBLISHED: frozen.',
  valuesConfig: {
    DRAFT: { description: 'Computed from the ledger when read; not yet published.' },
    PUBLISHED: { description: 'Frozen when published; verified against the ledger on every read.' },
  },
});

@ObjectType('CommunitySettings', { simpleResolvers: true, description: "A community's self-governance settings." })
export class CommunitySettingsType {
  @Field(() => Int, { description: 'Minimum share of party members on a property committee, in percent (default 60).' })
  partyMemberRatioMin!: number;

  @Field(() => FenScalar, { description: 'Spending below this takes the simplified path (proposal, then resolution).' })
  simplifiedSpendingBelowFen!: number;

  @Field(() => FenScalar, { description: 'Spending above this needs the quorum at the review and resolution meetings.' })
  quorumSpendingAboveFen!: number;

  @Field(() => Int, { description: 'A month is late when its statement is not published by this day of the following month.' })
  statementDueDay!: number;

  @Field({ description: 'Whether paying may take an account below zero.' })
  allowNegativeBalance!: boolean;

  @Field(() => Int, { description: "A compound scoring at least this (0–100) in a quarter: its provider's red flag." })
  redFlagMinScore!: number;

  @Field(() => Int, { description: 'Scoring below this: a yellow flag.' })
  yellowFlagBelowScore!: number;
}

@ObjectType('CoManagedAccount', {
  implements: Node,
  simpleResolvers: true,
  description: '三方共管账户: a compound account held by three custodians.',
})
export class CoManagedAccountType extends NodeFields {
  @Field({ description: 'Its name.' })
  name!: string;

  @Field(() => DateScalar, { description: 'The day it was opened.' })
  openedOn!: string;

  @Field(() => DateScalar, { description: 'The day it was closed; null while open.', nullable: true })
  closedOn!: string | null;
}

@ObjectType('Custodian', {
  implements: Node,
  simpleResolvers: true,
  description: 'A seat of a co-managed account held by a person for a period.',
})
export class CustodianType extends NodeFields {
  @Field(() => CustodianSeat, { description: 'The seat held.' })
  seat!: CustodianSeat;

  @Field(() => DateScalar, { description: 'The day they took the seat.' })
  since!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Null while sitting.' })
  until!: string | null;
}

@ObjectType('LedgerEntry', { implements: Node, simpleResolvers: true, description: 'One append-only line of an account ledger.' })
export class LedgerEntryType extends NodeFields {
  @Field(() => LedgerEntryKind, { description: 'Income, expense or reversal.' })
  kind!: LedgerEntryKind;

  @Field(() => LedgerCategory, { description: 'What the money was for.' })
  category!: LedgerCategory;

  @Field(() => FenScalar, { description: 'The amount, always positive.' })
  amountFen!: number;

  @Field(() => FenScalar, { description: 'The effect on the balance: + income, − expense, a reversal the opposite of what it reverses.' })
  deltaFen!: number;

  @Field(() => DateScalar, { description: 'The day the money moved.' })
  occurredOn!: string;

  @Field(() => String, { description: 'Who paid or was paid.', nullable: true })
  counterparty!: string | null;

  @Field({ description: 'What it was.' })
  description!: string;

  @Field(() => String, { nullable: true, description: 'Invoice or receipt number ("now we can even see the invoice for a broom").' })
  invoiceRef!: string | null;

  @Field({ description: 'Who recorded it.' })
  recordedBy!: string;
}

@ObjectType('ProposalTransition', { implements: Node, simpleResolvers: true, description: 'One recorded act on an expenditure proposal.' })
export class ProposalTransitionType extends NodeFields {
  @Field(() => ProposalStep, { description: 'The step taken.' })
  step!: ProposalStep;

  @Field(() => ProposalStatus, { description: 'The status before the step.', nullable: true })
  fromStatus!: ProposalStatus | null;

  @Field(() => ProposalStatus, { description: 'The status after the step.' })
  toStatus!: ProposalStatus;

  @Field({ description: 'Who took the step.' })
  actorLabel!: string;

  @Field(() => String, { nullable: true, description: 'The role under which they took it.' })
  actorRole!: string | null;

  @Field(() => String, { description: 'Whether the step was taken at a meeting.', nullable: true })
  meeting!: string | null;

  @Field(() => DateScalar, { description: 'The meeting day.', nullable: true })
  meetingOn!: string | null;

  @Field(() => Int, { nullable: true, description: 'Who could attend (the quorum base).' })
  eligible!: number | null;

  @Field(() => Int, { description: 'Members present.', nullable: true })
  attendance!: number | null;

  @Field(() => Int, { description: 'Votes for.', nullable: true })
  votesFor!: number | null;

  @Field(() => Int, { description: 'Votes against.', nullable: true })
  votesAgainst!: number | null;

  @Field(() => Int, { description: 'Abstentions at the meeting.', nullable: true })
  abstentions!: number | null;

  @Field(() => String, { description: 'The comment given with the step.', nullable: true })
  comment!: string | null;
}

@ObjectType('ExpenditureProposal', {
  implements: Node,
  simpleResolvers: true,
  description: '支出提议: a proposed spend and its way through the four steps.',
})
export class ExpenditureProposalType extends NodeFields {
  @Field({ description: 'Why the money is needed.' })
  purpose!: string;

  @Field(() => FenScalar, { description: 'The amount in fen.' })
  amountFen!: number;

  @Field({ description: 'Who would be paid.' })
  payee!: string;

  @Field(() => LedgerCategory, { description: 'What the money is for.' })
  category!: LedgerCategory;

  @Field(() => [String], { description: 'References to quotes, invoices, photos.' })
  attachments!: string[];

  @Field(() => ProposalStatus, { description: 'Where it stands.' })
  status!: ProposalStatus;

  @Field(() => SpendingPath, { description: 'Fixed when proposed, from the community threshold then in force.' })
  spendingPath!: SpendingPath;

  @Field(() => FenScalar, { description: 'The simplified-path threshold applied (spending below it takes the simplified path).' })
  simplifiedBelowFen!: number;

  @Field({ description: 'Whether the review and resolution meetings needed their quorum (amount above the community threshold).' })
  quorumRequired!: boolean;

  @Field(() => Int, { description: 'Increases with every step; pass it as expectedVersion to act only on what you saw.' })
  version!: number;
}

@ObjectType('StatementLine', { simpleResolvers: true, description: 'One ledger entry as a monthly statement shows it.' })
export class StatementLineType {
  @Field(() => ID, { description: 'The LedgerEntry.' })
  entryId!: string;

  @Field(() => DateScalar, { description: 'The day the money moved.' })
  occurredOn!: string;

  @Field(() => LedgerEntryKind, { description: 'Income, expense or reversal.' })
  kind!: LedgerEntryKind;

  @Field(() => LedgerCategory, { description: 'What the money was for.' })
  category!: LedgerCategory;

  @Field(() => FenScalar, { description: 'The amount, in fen.' })
  amountFen!: number;

  @Field(() => FenScalar, { description: 'What it did to the balance, in fen (negative for money out).' })
  deltaFen!: number;

  @Field(() => String, { description: 'Who paid or was paid.', nullable: true })
  counterparty!: string | null;

  @Field({ description: 'What it was.' })
  description!: string;

  @Field(() => String, { description: 'The receipt or invoice number.', nullable: true })
  invoiceRef!: string | null;

  @Field(() => ID, { nullable: true, description: 'For a reversal: the LedgerEntry it reverses.' })
  reversesEntryId!: string | null;
}

@ObjectType('StatementPaidProposal', { simpleResolvers: true, description: 'A proposal paid in the month.' })
export class StatementPaidProposalType {
  @Field(() => ID, { description: 'The ExpenditureProposal.' })
  proposalId!: string;

  @Field({ description: 'What for.' })
  purpose!: string;

  @Field({ description: 'Who was paid.' })
  payee!: string;

  @Field(() => FenScalar, { description: 'The amount paid, in fen.' })
  amountFen!: number;
}

@ObjectType('StatementVerification', { simpleResolvers: true, description: 'Whether a published statement still holds, check by check.' })
export class StatementVerificationType {
  @Field({ description: 'All three checks below hold.' })
  verified!: boolean;

  @Field({ description: 'Recomputing the month from the ledger now gives exactly the published figures and lines.' })
  contentMatchesLedger!: boolean;

  @Field({ description: 'The published content still hashes to the SHA-256 stored when it was published.' })
  hashMatches!: boolean;

  @Field({
    description: "It opens with the closing balance of the previous month's published statement (the account's first month: zero).",
  })
  openingMatchesPrevious!: boolean;
}

@ObjectType('MonthlyStatement', { implements: Node, simpleResolvers: true, description: '月度公示: an account statement for one month.' })
export class MonthlyStatementType extends NodeFields {
  @Field(() => DateScalar, { description: 'The first day of the month.' })
  month!: string;

  @Field({ description: 'Who prepared it.' })
  preparedBy!: string;

  @Field(() => String, { description: 'The note printed on it.', nullable: true })
  note!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was published; null for a draft.', nullable: true })
  publishedAt!: string | null;

  @Field(() => String, { description: 'Who published it; null for a draft.', nullable: true })
  publishedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'SHA-256 of the published content (hex); null for a draft.' })
  contentHash!: string | null;
}

export const CustodianConnection = ConnectionType<CustodianRow>(CustodianType, 'Custodian');
export const LedgerEntryConnection = ConnectionType<LedgerEntryRow>(LedgerEntryType, 'LedgerEntry');
export const ExpenditureProposalConnection = ConnectionType<ExpenditureProposalRow>(ExpenditureProposalType, 'ExpenditureProposal');
export const MonthlyStatementConnection = ConnectionType<MonthlyStatementRow>(MonthlyStatementType, 'MonthlyStatement');
