import type { EntityManager } from '@mikro-orm/postgresql';
import { localToday } from '../../core/time/calendar';
import type { RequestContext } from '../../context';
import { type Capability } from '../../core/auth/capabilities';
import { actorLabel, roleFor } from '../../core/auth/principal';
import { ConflictError } from '../../core/errors/errors';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { UserErrorCode, refuse, UserInputRefused } from '../../core/validation/user-error';
import { Community } from '../geography/community.entity';
import { lockAccount, placementOf } from './account.service';
import { CoManagedAccount } from './co-managed-account.entity';
import { ExpenditureProposal } from './expenditure-proposal.entity';
import { EXPENSE_CATEGORIES, LedgerEntryKind, ProposalStatus, ProposalStep } from './finance.enums';
import type { PayExpenditureInput, ProposalStepInput, ProposeExpenditureInput } from './finance.inputs';
import { LedgerEntry } from './ledger-entry.entity';
import { assertMandate, type MoneyAct } from './mandate';
import { meetingErrors } from './meeting';
import { alreadyPast, follows, pathFor, PROPOSE_CAPABILITY, STEPS } from './spending.steps';
import { assertCovered, assertDateOpen, flushLedger } from './ledger.service';
import { ProposalTransition } from './proposal-transition.entity';
import { assertStepDay, stepDateRefusal } from './step-dates';

/*
 * The four steps (提议 → 商议 → 审议 → 决议), then payment. The procedure itself (what follows
 * what, the capability of each step, which steps vote or need a mandate) is spending.steps.ts,
 * shared with the permission tree; meetings' figures are checked by meeting.ts, the personal
 * mandate to resolve and to pay by mandate.ts (not the proposer, a seat, appointed independently). Each step is a compare-and-set on the proposal's version: of two people taking
 * the same step at once, one succeeds and the other gets CONFLICT, with nothing half-applied.
 */

/** Flushes a step; a refusal of the step-date triggers comes back as the service's user error. */
async function flushStep(em: EntityManager, field: string): Promise<void> {
  try {
    await em.flush();
  } catch (err) {
    const refusal = stepDateRefusal(err, field);
    if (refusal) throw new UserInputRefused([refusal]);
    throw err;
  }
}

function checkVersion(proposal: ExpenditureProposal, expected: number | null | undefined): void {
  if (expected != null && expected !== proposal.version) {
    throw new ConflictError(
      `The proposal changed since you saw it (version ${expected}, now ${proposal.version}, ${proposal.status}); reload it`,
      {
        status: proposal.status,
        version: proposal.version,
      },
    );
  }
}

/** A step that does not follow: CONFLICT when someone else got there first, a user error otherwise. */
function refuseOutOfOrder(proposal: ExpenditureProposal, to: ProposalStatus): never {
  if (alreadyPast(proposal.status, to))
    throw new ConflictError(`The proposal is already ${proposal.status}`, { status: proposal.status, version: proposal.version });
  refuse(
    'proposalId',
    UserErrorCode.INVALID_TRANSITION,
    `A ${proposal.spendingPath.toLowerCase()}-path proposal that is ${proposal.status} cannot go to ${to}`,
  );
}

async function record(
  ctx: RequestContext,
  em: EntityManager,
  proposal: ExpenditureProposal,
  step: ProposalStep,
  from: ProposalStatus | null,
  capability: Capability,
  details: Partial<ProposalStepInput> = {},
): Promise<void> {
  const account = await em.findOneOrFail(CoManagedAccount, { id: proposal.account.id });
  const placed = await placementOf(em, account);
  em.create(ProposalTransition, {
    community: proposal.community,
    proposal,
    step,
    fromStatus: from,
    toStatus: proposal.status,
    actorLabel: actorLabel(ctx.principal),
    actorUserId: ctx.principal.kind === 'user' ? ctx.principal.userId : null,
    actorRole: roleFor(ctx.principal, capability, placed),
    meeting: details.meeting ?? null,
    meetingOn: details.meetingOn ?? null,
    eligible: details.eligible ?? null,
    attendance: details.attendance ?? null,
    votesFor: details.votesFor ?? null,
    votesAgainst: details.votesAgainst ?? null,
    abstentions: details.abstentions ?? null,
    comment: details.comment ?? null,
  });
}

async function findProposal(em: EntityManager, id: string): Promise<ExpenditureProposal> {
  return findByGlobalId(em, ExpenditureProposal, 'ExpenditureProposal', id, 'proposalId');
}

/** Ends an open proposal (rejected, with a reason, or withdrawn). */
function close(
  ctx: RequestContext,
  act: ProposalStep.REJECT | ProposalStep.WITHDRAW,
  input: ProposalStepInput,
): Promise<MutationOutcome<number>> {
  return mutate(ctx, input, async (em) => {
    const proposal = await findProposal(em, input.proposalId);
    checkVersion(proposal, input.expectedVersion);
    if (!follows(act, proposal.status, proposal.spendingPath)) {
      throw new ConflictError(`The proposal is already ${proposal.status}`, { status: proposal.status, version: proposal.version });
    }
    if (act === ProposalStep.REJECT && !input.comment) refuse('comment', UserErrorCode.REQUIRED, 'Say why the proposal is rejected');
    if (input.meetingOn) await assertStepDay(em, proposal, input.meetingOn, 'meetingOn', localToday(ctx.clock));
    const from = proposal.status;
    proposal.status = STEPS[act].to;
    await record(ctx, em, proposal, act, from, STEPS[act].capability(from, proposal.spendingPath), input);
    await flushStep(em, 'meetingOn');
    return proposal.id;
  });
}

export const spendingService = {
  /** 提议: the path and quorum rule are fixed now, from the community's thresholds. */
  propose(ctx: RequestContext, input: ProposeExpenditureInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      if (!EXPENSE_CATEGORIES.includes(input.category)) refuse('category', UserErrorCode.MISMATCH, 'A proposal takes an expense category');
      const account = await findByGlobalId(em, CoManagedAccount, 'CoManagedAccount', input.accountId, 'accountId');
      if (account.closedOn) refuse('accountId', UserErrorCode.ARCHIVED, 'The account is closed');
      const community = await em.findOneOrFail(Community, { id: account.community.id });
      const principal = ctx.principal;
      const rules = pathFor(input.amountFen, community);
      const proposal = em.create(ExpenditureProposal, {
        community: account.community,
        account,
        compound: account.compound,
        purpose: input.purpose,
        amountFen: input.amountFen,
        payee: input.payee,
        category: input.category,
        attachments: input.attachments ?? [],
        status: ProposalStatus.PROPOSED,
        spendingPath: rules.path,
        quorumRequired: rules.quorumRequired,
        simplifiedBelowFen: community.simplifiedSpendingBelowFen,
        proposedByPersonId: principal.kind === 'user' ? principal.personId : null,
        proposedByUserId: principal.kind === 'user' ? principal.userId : null,
        proposedOn: localToday(ctx.clock),
        version: 1,
      });
      await record(ctx, em, proposal, ProposalStep.PROPOSE, null, PROPOSE_CAPABILITY);
      await em.flush();
      return proposal.id;
    });
  },

  /** 商议, 审议, 决议. */
  advance(
    ctx: RequestContext,
    step: ProposalStep.DISCUSS | ProposalStep.REVIEW | ProposalStep.RESOLVE,
    input: ProposalStepInput,
  ): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const rule = STEPS[step];
      const proposal = await findProposal(em, input.proposalId);
      checkVersion(proposal, input.expectedVersion);
      if (!follows(step, proposal.status, proposal.spendingPath)) refuseOutOfOrder(proposal, rule.to);
      if (rule.votes) {
        const errors = meetingErrors(input, proposal.quorumRequired);
        if (errors.length) throw new UserInputRefused(errors);
      }
      if (rule.mandate) await assertMandate(ctx, em, proposal, step as MoneyAct);
      if (input.meetingOn) await assertStepDay(em, proposal, input.meetingOn, 'meetingOn', localToday(ctx.clock));
      const from = proposal.status;
      proposal.status = rule.to;
      await record(ctx, em, proposal, step, from, rule.capability(from, proposal.spendingPath), input);
      await flushStep(em, 'meetingOn'); // the version check: a concurrent step that got there first makes this CONFLICT
      return proposal.id;
    });
  },

  /** Any open step may reject, with a reason. */
  reject(ctx: RequestContext, input: ProposalStepInput): Promise<MutationOutcome<number>> {
    return close(ctx, ProposalStep.REJECT, input);
  },

  /** The branch takes its proposal back before it is paid. */
  withdraw(ctx: RequestContext, input: ProposalStepInput): Promise<MutationOutcome<number>> {
    return close(ctx, ProposalStep.WITHDRAW, input);
  },

  /**
   * Pays a resolved proposal: the ledger expense, the status and the record in one savepoint. The
   * account row is locked first, so payments (and other ledger writes) of one account queue up and
   * each sees the balance the one before left.
   */
  pay(ctx: RequestContext, input: PayExpenditureInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const found = await findProposal(em, input.proposalId);
      const account = await lockAccount(em, found.account.id);
      const proposal = await em.findOneOrFail(ExpenditureProposal, { id: found.id }, { refresh: true });
      checkVersion(proposal, input.expectedVersion);
      if (!follows(ProposalStep.PAY, proposal.status, proposal.spendingPath)) {
        if (alreadyPast(proposal.status, STEPS.PAY.to)) {
          throw new ConflictError(`The proposal is already ${proposal.status}`, { status: proposal.status, version: proposal.version });
        }
        refuse('proposalId', UserErrorCode.INVALID_TRANSITION, `Only a resolved proposal is paid; this one is ${proposal.status}`);
      }
      if (account.closedOn) refuse('proposalId', UserErrorCode.ARCHIVED, 'The account is closed');
      await assertMandate(ctx, em, proposal, ProposalStep.PAY);
      const paidOn = input.paidOn ?? localToday(ctx.clock);
      await assertDateOpen(em, account, paidOn, 'paidOn');
      await assertStepDay(em, proposal, paidOn, 'paidOn', localToday(ctx.clock));
      await assertCovered(em, account, -proposal.amountFen, 'proposalId');
      em.create(LedgerEntry, {
        community: account.community,
        account,
        compound: account.compound,
        kind: LedgerEntryKind.EXPENSE,
        category: proposal.category,
        amountFen: proposal.amountFen,
        deltaFen: -proposal.amountFen,
        occurredOn: paidOn,
        counterparty: proposal.payee,
        description: proposal.purpose,
        invoiceRef: input.invoiceRef ?? null,
        proposal,
        recordedBy: actorLabel(ctx.principal),
      });
      proposal.status = STEPS.PAY.to;
      await record(
        ctx,
        em,
        proposal,
        ProposalStep.PAY,
        ProposalStatus.RESOLVED,
        STEPS.PAY.capability(ProposalStatus.RESOLVED, proposal.spendingPath),
        { comment: input.comment },
      );
      await flushLedger(em, 'paidOn');
      return proposal.id;
    });
  },
};
