import type { RequestContext } from '../../context';
import { Capability } from '../../core/auth/capabilities';
import { mayAct } from '../../core/permissions/rules';
import { ProposalStep } from './finance.enums';
import type { CoManagedAccountRow, ExpenditureProposalRow, MonthlyStatementRow } from './finance.loaders';
import { loadMandateFacts, mandateRefusal, personalRefusal, type MandateFacts, type MandateSubject, type MoneyAct } from './mandate';
import { follows, PROPOSE_CAPABILITY, STEPS, type SpendingAct } from './spending.steps';

/*
 * Per-object permissions (the `permissions` field of proposals, accounts and statements): the rule
 * of each mutation, asked in advance. Role and state are checked in memory; the mandate facts of a
 * whole list are read by one loader, in two statements however long the list.
 */

const MONEY_ACTS: readonly MoneyAct[] = [ProposalStep.RESOLVE, ProposalStep.PAY];

/** Role and state: what the mutation's rule and the procedure allow, before the mandate. */
function allowedByRole(ctx: RequestContext, proposal: ExpenditureProposalRow, act: SpendingAct): boolean {
  return (
    follows(act, proposal.status, proposal.spendingPath) &&
    mayAct(ctx.principal, STEPS[act].capability(proposal.status, proposal.spendingPath), proposal)
  );
}

/** The mandate facts of the proposals a request asks permissions of: one batch per request level. */
function mandates(ctx: RequestContext) {
  return ctx.loaders.custom<ExpenditureProposalRow, MandateFacts | undefined>('finance:mandates', async (db, proposals) => {
    const subjects = new Map<number, MandateSubject>(proposals.map((p, i) => [i, subjectOf(p)]));
    const facts = await loadMandateFacts(db, ctx.principal, subjects, (subject) =>
      MONEY_ACTS.filter((act) => follows(act, subject.status, subject.spendingPath)),
    );
    return proposals.map((_, i) => facts.get(i));
  });
}

function subjectOf(p: ExpenditureProposalRow): MandateSubject {
  return {
    accountId: p.accountId,
    status: p.status,
    spendingPath: p.spendingPath,
    proposedByUserId: p.proposedByUserId,
    proposedByPersonId: p.proposedByPersonId,
    placed: p,
  };
}

export async function proposalPermissions(ctx: RequestContext, proposal: ExpenditureProposalRow) {
  const allowed = (act: SpendingAct) => allowedByRole(ctx, proposal, act);
  const personal = async (act: MoneyAct) => {
    if (!allowed(act)) return false;
    // Refusals that need no facts (the proposer, a caller who is not a person) cost no statement.
    if (personalRefusal(ctx.principal, proposal, act)) return false;
    return mandateRefusal(ctx.principal, proposal, act, await mandates(ctx).load(proposal)) === null;
  };
  const [canResolve, canPay] = await Promise.all([personal(ProposalStep.RESOLVE), personal(ProposalStep.PAY)]);
  return {
    canDiscuss: allowed(ProposalStep.DISCUSS),
    canReview: allowed(ProposalStep.REVIEW),
    canResolve,
    canReject: allowed(ProposalStep.REJECT),
    canWithdraw: allowed(ProposalStep.WITHDRAW),
    canPay,
  };
}

export function accountPermissions(ctx: RequestContext, account: CoManagedAccountRow) {
  const open = !account.closedOn;
  return {
    canProposeExpenditure: open && mayAct(ctx.principal, PROPOSE_CAPABILITY, account),
    canRecordIncome: open && mayAct(ctx.principal, Capability.MANAGE_ACCOUNTS, account),
    canReplaceCustodian: open && mayAct(ctx.principal, Capability.MANAGE_ACCOUNTS, account),
    canPrepareStatement: mayAct(ctx.principal, Capability.PREPARE_STATEMENTS, account),
  };
}

export function statementPermissions(ctx: RequestContext, statement: MonthlyStatementRow) {
  return { canPublish: !statement.publishedAt && mayAct(ctx.principal, Capability.PREPARE_STATEMENTS, statement) };
}
