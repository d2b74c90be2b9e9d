import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Capability } from '../../core/auth/capabilities';
import { can } from '../../core/auth/principal';
import { payloadOf } from '../../core/graphql/payload';
import { connection, related } from '../../core/graphql/relations';
import { DateScalar, FenScalar } from '../../core/graphql/scalars';
import { PageArgs } from '../../core/pagination/page-args';
import { toGlobalId } from '../../core/ids/global-id';
import { CommunitySpec, type CommunityRow } from '../geography/community.loaders';
import { CompoundBranchSpec, type CompoundBranchRow } from '../organization/compound-branch.loaders';
import { CompoundBranchType } from '../organization/organization.types';
import { communitySettings } from '../geography/community-settings';
import { CommunityType } from '../geography/geography.types';
import { PersonType } from '../people/people.types';
import { PersonSpec } from '../people/person.loaders';
import { CompoundSpec, type CompoundRow } from '../places/compound.loaders';
import { CompoundType } from '../places/places.types';
import { accountService } from './account.service';
import {
  CoManagedAccountSpec,
  CustodianSpec,
  ExpenditureProposalSpec,
  LedgerEntrySpec,
  MonthlyStatementSpec,
  ProposalTransitionSpec,
  PUBLISHED_STATEMENTS,
  accountBalances,
  type CoManagedAccountRow,
  type CustodianRow,
  type ExpenditureProposalRow,
  type LedgerEntryRow,
  type MonthlyStatementRow,
  type ProposalTransitionRow,
} from './finance.loaders';
import {
  DiscussExpenditurePayload,
  PayExpenditurePayload,
  ProposeExpenditurePayload,
  RejectExpenditurePayload,
  ResolveExpenditurePayload,
  ReviewExpenditurePayload,
  WithdrawExpenditurePayload,
  PrepareMonthlyStatementPayload,
  PublishMonthlyStatementPayload,
  OpenCoManagedAccountInput,
  OpenCoManagedAccountPayload,
  PayExpenditureInput,
  PrepareMonthlyStatementInput,
  DiscussExpenditureInput,
  RejectExpenditureInput,
  ResolveExpenditureInput,
  ReviewExpenditureInput,
  WithdrawExpenditureInput,
  ProposeExpenditureInput,
  PublishMonthlyStatementInput,
  RecordIncomeInput,
  RecordIncomePayload,
  ReplaceCustodianInput,
  ReplaceCustodianPayload,
  ReverseLedgerEntryInput,
  ReverseLedgerEntryPayload,
  UpdateCommunitySettingsInput,
  UpdateCommunitySettingsPayload,
} from './finance.inputs';
import {
  CoManagedAccountType,
  CommunitySettingsType,
  CustodianType,
  ExpenditureProposalConnection,
  ExpenditureProposalType,
  LedgerEntryConnection,
  LedgerEntryType,
  MonthlyStatementConnection,
  MonthlyStatementType,
  ProposalTransitionType,
  StatementLineType,
  StatementPaidProposalType,
  StatementStatus,
  StatementVerificationType,
} from './finance.types';
import { ledgerService } from './ledger.service';
import { ProposalStep } from './finance.enums';
import {
  CoManagedAccountPermissionsType,
  ExpenditureProposalPermissionsType,
  MonthlyStatementPermissionsType,
} from './finance-permissions.types';
import { accountPermissions, proposalPermissions, statementPermissions } from './finance.permissions';
import { spendingService } from './spending.service';
import { dueDate, statementContent, statementVerification } from './statement-content';
import { statementService } from './statement.service';

@Resolver(() => CommunityType)
export class CommunityFinanceResolver {
  @FieldResolver(() => CommunitySettingsType, {
    description: 'Self-governance settings: committee party-member ratio, spending thresholds, statement due day.',
  })
  settings(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return communitySettings(ctx).load(community.pk);
  }

  @Mutation(() => UpdateCommunitySettingsPayload, {
    description: "Changes a community's settings (thresholds, spending limits, rating rules); community administrators.",
  })
  async updateCommunitySettings(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: UpdateCommunitySettingsInput,
    @Ctx() ctx: RequestContext,
  ) {
    const outcome = await accountService.updateCommunitySettings(ctx, input);
    return { settings: outcome.value === null ? null : await communitySettings(ctx).load(outcome.value), userErrors: outcome.userErrors };
  }
}

/** A compound's account: its own, or the one its joint branch pools for its compounds. */
async function accountOfCompound(ctx: RequestContext, compound: CompoundRow): Promise<CoManagedAccountRow | null> {
  const own = await ctx.loaders.oneBy(CoManagedAccountSpec, 'compound_id').load(compound.pk);
  if (own || !compound.branchId) return own;
  return ctx.loaders.oneBy(CoManagedAccountSpec, 'branch_id').load(compound.branchId);
}

@Resolver(() => CompoundType)
export class CompoundFinanceResolver {
  @FieldResolver(() => CoManagedAccountType, {
    nullable: true,
    description: 'The co-managed account: its own, or the one its joint branch pools; null if none is open.',
  })
  account(@Root() compound: CompoundRow, @Ctx() ctx: RequestContext) {
    return accountOfCompound(ctx, compound);
  }

  @FieldResolver(() => MonthlyStatementConnection, {
    description:
      "Monthly statements of the compound's account, oldest first: all of them for the account's readers, the published ones for residents.",
  })
  async monthlyStatements(
    @Root() compound: CompoundRow,
    @Args() args: PageArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const account = await accountOfCompound(ctx, compound);
    const all = account !== null && can(ctx.principal, Capability.READ_ACCOUNTS, account);
    return connection(
      ctx,
      info,
      MonthlyStatementConnection,
      MonthlyStatementSpec,
      'account_id',
      account?.pk ?? 0,
      args,
      all ? undefined : PUBLISHED_STATEMENTS,
    );
  }
}

@Resolver(() => CompoundBranchType)
export class CompoundBranchFinanceResolver {
  @FieldResolver(() => CoManagedAccountType, {
    nullable: true,
    description: 'The account a joint branch pools for its compounds, if it keeps one.',
  })
  account(@Root() branch: CompoundBranchRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.oneBy(CoManagedAccountSpec, 'branch_id').load(branch.pk);
  }
}

@Resolver(() => CoManagedAccountType)
export class CoManagedAccountResolver {
  @FieldResolver(() => CoManagedAccountPermissionsType, {
    description: 'What you may do with this account now, by the rules its mutations apply.',
  })
  permissions(@Root() account: CoManagedAccountRow, @Ctx() ctx: RequestContext) {
    return accountPermissions(ctx, account);
  }

  @FieldResolver(() => CompoundType, {
    nullable: true,
    description: 'The compound whose account it is; null for an account pooled per joint branch.',
  })
  compound(@Root() account: CoManagedAccountRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundSpec, account.compoundId);
  }

  @FieldResolver(() => CompoundBranchType, {
    nullable: true,
    description: 'The joint branch whose compounds share it; null for a compound account.',
  })
  branch(@Root() account: CoManagedAccountRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundBranchSpec, account.branchId);
  }

  @FieldResolver(() => FenScalar, { description: 'The sum of the ledger: never stored, always derived.' })
  balanceFen(@Root() account: CoManagedAccountRow, @Ctx() ctx: RequestContext) {
    return accountBalances(ctx).load(account.pk);
  }

  @FieldResolver(() => [CustodianType], {
    description: 'The three sitting custodians; with includePast, every custodian the account has had.',
  })
  async custodians(
    @Root() account: CoManagedAccountRow,
    @Arg('includePast', { defaultValue: false, description: 'Also the custodians who have left their seats.' }) includePast: boolean,
    @Ctx() ctx: RequestContext,
  ) {
    const all = await ctx.loaders.allBy(CustodianSpec, 'account_id', 't.since, t.id').load(account.pk);
    return includePast ? all : all.filter((c) => c.until === null);
  }

  @FieldResolver(() => LedgerEntryConnection, { description: 'The ledger in the order it was written.' })
  ledger(@Root() account: CoManagedAccountRow, @Args() args: PageArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return connection(ctx, info, LedgerEntryConnection, LedgerEntrySpec, 'account_id', account.pk, args);
  }

  @FieldResolver(() => ExpenditureProposalConnection, { description: 'Expenditure proposals on this account.' })
  proposals(@Root() account: CoManagedAccountRow, @Args() args: PageArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return connection(ctx, info, ExpenditureProposalConnection, ExpenditureProposalSpec, 'account_id', account.pk, args);
  }

  @FieldResolver(() => MonthlyStatementConnection, { description: 'Statements, drafts included.' })
  statements(@Root() account: CoManagedAccountRow, @Args() args: PageArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return connection(ctx, info, MonthlyStatementConnection, MonthlyStatementSpec, 'account_id', account.pk, args);
  }

  @Mutation(() => OpenCoManagedAccountPayload, { description: 'Opens a compound account with its three custodians.' })
  async openCoManagedAccount(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: OpenCoManagedAccountInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'account', CoManagedAccountSpec, await accountService.openAccount(ctx, input));
  }

  @Mutation(() => ReplaceCustodianPayload, {
    description: 'Hands a custodian seat to another person (recorded; the outgoing one keeps their period).',
  })
  async replaceCustodian(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: ReplaceCustodianInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'custodian', CustodianSpec, await accountService.replaceCustodian(ctx, input));
  }

  @Mutation(() => RecordIncomePayload, { description: 'Records income (fees, subsidies, donations). Expenses are paid through proposals.' })
  async recordIncome(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: RecordIncomeInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'entry', LedgerEntrySpec, await ledgerService.recordIncome(ctx, input));
  }

  @Mutation(() => ReverseLedgerEntryPayload, {
    description: 'Corrects a mistake: an entry of the opposite amount pointing at the original.',
  })
  async reverseLedgerEntry(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: ReverseLedgerEntryInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'entry', LedgerEntrySpec, await ledgerService.reverse(ctx, input));
  }
}

@Resolver(() => CustodianType)
export class CustodianResolver {
  @FieldResolver(() => PersonType, { description: 'The custodian.' })
  person(@Root() custodian: CustodianRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, custodian.personId);
  }

  @FieldResolver(() => CoManagedAccountType, { description: 'The account.' })
  account(@Root() custodian: CustodianRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CoManagedAccountSpec, custodian.accountId);
  }
}

@Resolver(() => LedgerEntryType)
export class LedgerEntryResolver {
  @FieldResolver(() => CoManagedAccountType, { description: 'The account.' })
  account(@Root() entry: LedgerEntryRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CoManagedAccountSpec, entry.accountId);
  }

  @FieldResolver(() => LedgerEntryType, { nullable: true, description: 'For a reversal: the entry it reverses.' })
  reverses(@Root() entry: LedgerEntryRow, @Ctx() ctx: RequestContext) {
    return related(ctx, LedgerEntrySpec, entry.reversesId);
  }

  @FieldResolver(() => LedgerEntryType, { nullable: true, description: 'The reversal of this entry, if any.' })
  reversedBy(@Root() entry: LedgerEntryRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.oneBy(LedgerEntrySpec, 'reverses_id').load(entry.pk);
  }

  @FieldResolver(() => ExpenditureProposalType, { nullable: true, description: 'For a payment: the proposal it paid.' })
  proposal(@Root() entry: LedgerEntryRow, @Ctx() ctx: RequestContext) {
    return related(ctx, ExpenditureProposalSpec, entry.proposalId);
  }
}

@Resolver(() => ExpenditureProposalType)
export class ExpenditureProposalResolver {
  @FieldResolver(() => ExpenditureProposalPermissionsType, {
    description: 'What you may do with this proposal now, by the rules its mutations apply.',
  })
  permissions(@Root() proposal: ExpenditureProposalRow, @Ctx() ctx: RequestContext) {
    return proposalPermissions(ctx, proposal);
  }

  @FieldResolver(() => CoManagedAccountType, { description: 'The account that would pay.' })
  account(@Root() proposal: ExpenditureProposalRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CoManagedAccountSpec, proposal.accountId);
  }

  @FieldResolver(() => [ProposalTransitionType], { description: 'Every step taken, oldest first.' })
  transitions(@Root() proposal: ExpenditureProposalRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(ProposalTransitionSpec, 'proposal_id').load(proposal.pk);
  }

  @FieldResolver(() => LedgerEntryType, { nullable: true, description: 'The ledger expense that paid it.' })
  payment(@Root() proposal: ExpenditureProposalRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.oneBy(LedgerEntrySpec, 'proposal_id').load(proposal.pk);
  }

  @Mutation(() => ProposeExpenditurePayload, { description: '提议: proposes a spend from the account.' })
  async proposeExpenditure(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: ProposeExpenditureInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'proposal', ExpenditureProposalSpec, await spendingService.propose(ctx, input));
  }

  @Mutation(() => DiscussExpenditurePayload, { description: '商议: records the discussion of branch and committee.' })
  async discussExpenditure(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: DiscussExpenditureInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'proposal', ExpenditureProposalSpec, await spendingService.advance(ctx, ProposalStep.DISCUSS, input));
  }

  @Mutation(() => ReviewExpenditurePayload, { description: "审议: records the party-member assembly's review." })
  async reviewExpenditure(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: ReviewExpenditureInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'proposal', ExpenditureProposalSpec, await spendingService.advance(ctx, ProposalStep.REVIEW, input));
  }

  @Mutation(() => ResolveExpenditurePayload, {
    description: "决议: records the building-heads meeting's resolution; never by the proposer.",
  })
  async resolveExpenditure(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: ResolveExpenditureInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'proposal', ExpenditureProposalSpec, await spendingService.advance(ctx, ProposalStep.RESOLVE, input));
  }

  @Mutation(() => RejectExpenditurePayload, {
    description: 'Rejects an open proposal, by whoever holds the step it waits for; a comment is required.',
  })
  async rejectExpenditure(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: RejectExpenditureInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'proposal', ExpenditureProposalSpec, await spendingService.reject(ctx, input));
  }

  @Mutation(() => WithdrawExpenditurePayload, { description: 'The branch withdraws its proposal before it is paid.' })
  async withdrawExpenditure(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: WithdrawExpenditureInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'proposal', ExpenditureProposalSpec, await spendingService.withdraw(ctx, input));
  }

  @Mutation(() => PayExpenditurePayload, {
    description: 'Pays a resolved proposal: appends the ledger expense in the same transaction.',
  })
  async payExpenditure(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: PayExpenditureInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'proposal', ExpenditureProposalSpec, await spendingService.pay(ctx, input));
  }
}

@Resolver(() => ProposalTransitionType)
export class ProposalTransitionResolver {
  @FieldResolver(() => ExpenditureProposalType, { description: 'The proposal.' })
  proposal(@Root() transition: ProposalTransitionRow, @Ctx() ctx: RequestContext) {
    return related(ctx, ExpenditureProposalSpec, transition.proposalId);
  }
}

@Resolver(() => MonthlyStatementType)
export class MonthlyStatementResolver {
  @FieldResolver(() => MonthlyStatementPermissionsType, {
    description: 'What you may do with this statement now, by the rules its mutations apply.',
  })
  permissions(@Root() statement: MonthlyStatementRow, @Ctx() ctx: RequestContext) {
    return statementPermissions(ctx, statement);
  }

  @FieldResolver(() => CompoundType, {
    nullable: true,
    description: "The account's compound; null for an account pooled per joint branch.",
  })
  compound(@Root() statement: MonthlyStatementRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundSpec, statement.compoundId);
  }

  @FieldResolver(() => CommunityType, { description: 'The community.' })
  community(@Root() statement: MonthlyStatementRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CommunitySpec, statement.communityId);
  }

  @FieldResolver(() => String, { description: 'Whose statement it is: the compound, or the joint branch of a pooled account.' })
  async placeName(@Root() statement: MonthlyStatementRow, @Ctx() ctx: RequestContext): Promise<string> {
    return (await statementContent(ctx, statement)).compound;
  }

  @FieldResolver(() => CoManagedAccountType, { description: 'The account.' })
  account(@Root() statement: MonthlyStatementRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CoManagedAccountSpec, statement.accountId);
  }

  @FieldResolver(() => StatementStatus, { description: 'Draft or published.' })
  status(@Root() statement: MonthlyStatementRow) {
    return statement.publishedAt ? StatementStatus.PUBLISHED : StatementStatus.DRAFT;
  }

  @FieldResolver(() => FenScalar, { description: "The balance at the start of the month, in fen (the previous statement's closing)." })
  async openingBalanceFen(@Root() statement: MonthlyStatementRow, @Ctx() ctx: RequestContext) {
    return (await statementContent(ctx, statement)).openingBalanceFen;
  }

  @FieldResolver(() => FenScalar, { description: 'Money in during the month (reversals of expenses count here).' })
  async incomeFen(@Root() statement: MonthlyStatementRow, @Ctx() ctx: RequestContext) {
    return (await statementContent(ctx, statement)).incomeFen;
  }

  @FieldResolver(() => FenScalar, { description: 'Money out during the month (reversals of income count here).' })
  async expenseFen(@Root() statement: MonthlyStatementRow, @Ctx() ctx: RequestContext) {
    return (await statementContent(ctx, statement)).expenseFen;
  }

  @FieldResolver(() => FenScalar, { description: 'The balance at the end of the month, in fen.' })
  async closingBalanceFen(@Root() statement: MonthlyStatementRow, @Ctx() ctx: RequestContext) {
    return (await statementContent(ctx, statement)).closingBalanceFen;
  }

  @FieldResolver(() => [StatementLineType], { description: 'Every ledger entry of the month, by day.' })
  async lines(@Root() statement: MonthlyStatementRow, @Ctx() ctx: RequestContext) {
    return (await statementContent(ctx, statement)).lines;
  }

  @FieldResolver(() => [StatementPaidProposalType], { description: 'Proposals paid in the month.' })
  async proposalsPaid(@Root() statement: MonthlyStatementRow, @Ctx() ctx: RequestContext) {
    return (await statementContent(ctx, statement)).proposalsPaid;
  }

  @FieldResolver(() => Boolean, {
    description:
      "Published: the month recomputed from the ledger now is exactly what was frozen, the frozen content matches its hash, and it opens with the previous statement's closing (see verification). Drafts: true (they are the ledger).",
  })
  async verified(@Root() statement: MonthlyStatementRow, @Ctx() ctx: RequestContext) {
    return (await statementVerification(ctx, statement))?.verified ?? true;
  }

  @FieldResolver(() => StatementVerificationType, {
    nullable: true,
    description: 'Each check behind `verified`, so a reader sees which one failed; null for a draft.',
  })
  verification(@Root() statement: MonthlyStatementRow, @Ctx() ctx: RequestContext) {
    return statementVerification(ctx, statement);
  }

  @FieldResolver(() => DateScalar, { description: "The community's due day in the following month." })
  dueOn(@Root() statement: MonthlyStatementRow) {
    return dueDate(statement.month, statement.dueDay);
  }

  @FieldResolver(() => Boolean, { description: 'Not published by the due day (or published after it).' })
  late(@Root() statement: MonthlyStatementRow, @Ctx() ctx: RequestContext) {
    const due = dueDate(statement.month, statement.dueDay);
    // Instants come from PostgreSQL as UTC text ("2026-04-08 09:30:00+00"): the first ten characters are the UTC day.
    const published = statement.publishedAt ? statement.publishedAt.slice(0, 10) : null;
    return published ? published > due : ctx.clock.today() > due;
  }

  @FieldResolver(() => String, { description: 'Path of the printable notice-board page (GET, same Authorization header).' })
  documentPath(@Root() statement: MonthlyStatementRow) {
    return `/statements/${toGlobalId('MonthlyStatement', statement.pk)}`;
  }

  @Mutation(() => PrepareMonthlyStatementPayload, {
    description: "Prepares a month's statement (a draft, computed from the ledger when read).",
  })
  async prepareMonthlyStatement(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: PrepareMonthlyStatementInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'statement', MonthlyStatementSpec, await statementService.prepare(ctx, input));
  }

  @Mutation(() => PublishMonthlyStatementPayload, { description: 'Publishes and freezes a statement once its month is over.' })
  async publishMonthlyStatement(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: PublishMonthlyStatementInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'statement', MonthlyStatementSpec, await statementService.publish(ctx, input));
  }
}
