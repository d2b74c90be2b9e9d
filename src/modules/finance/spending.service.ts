import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { Capability } from '../../core/auth/capabilities';
import { actorLabel, roleFor } from '../../core/auth/principal';
import { ConflictError } from '../../core/errors/errors';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { UserErrorCode, refuse, userError, UserInputRefused, type UserError } from '../../core/validation/user-error';
import { Community } from '../geography/community.entity';
import { lockAccount, placementOf } from './account.service';
import { CoManagedAccount } from './co-managed-account.entity';
import { ExpenditureProposal } from './expenditure-proposal.entity';
import { EXPENSE_CATEGORIES, LedgerEntryKind, ProposalStatus, ProposalStep, SpendingPath } from './finance.enums';
import type { PayExpenditureInput, ProposalStepInput, ProposeExpenditureInput } from './finance.inputs';
import { LedgerEntry } from './ledger-entry.entity';
import { assertMandate } from './mandate';
import { assertCovered, assertDateOpen, flushLedger } from './ledger.service';
import { ProposalTransition } from './proposal-transition.entity';
import { FinanceError } from './finance.errors';

/*
 * The four steps (提议 → 商议 → 审议 → 决议), then payment. Who may take each step is the
 * permission tree's (one capability per step); what may follow what, quorums, and the personal
 * mandate to resolve and to pay (mandate.ts: not the proposer, a seat, appointed independently) are
 * here. Each step is a compare-and-set on the proposal's version: of two people taking
 * the same step at once, one succeeds and the other gets CONFLICT, with nothing half-applied.
 */

const OPEN: readonly ProposalStatus[] = [ProposalStatus.PROPOSED, ProposalStatus.DISCUSSED, ProposalStatus.REVIEWED, ProposalStatus.RESOLVED];
const ORDER: readonly ProposalStatus[] = [ProposalStatus.PROPOSED, ProposalStatus.DISCUSSED, ProposalStatus.REVIEWED, ProposalStatus.RESOLVED, ProposalStatus.PAID];

interface StepRule {
  to: ProposalStatus;
  from: (path: SpendingPath) => readonly ProposalStatus[];
  capability: Capability;
  /** A meeting that votes (review by the party-member assembly, resolution by the building heads). */
  votes: boolean;
}

export const STEP_RULES: Readonly<Record<'DISCUSS' | 'REVIEW' | 'RESOLVE', StepRule>> = {
  DISCUSS: { to: ProposalStatus.DISCUSSED, from: (p) => (p === SpendingPath.FULL ? [ProposalStatus.PROPOSED] : []), capability: Capability.DISCUSS_SPENDING, votes: false },
  REVIEW: { to: ProposalStatus.REVIEWED, from: (p) => (p === SpendingPath.FULL ? [ProposalStatus.DISCUSSED] : []), capability: Capability.REVIEW_SPENDING, votes: true },
  RESOLVE: {
    to: ProposalStatus.RESOLVED,
    from: (p) => (p === SpendingPath.FULL ? [ProposalStatus.REVIEWED] : [ProposalStatus.PROPOSED]),
    capability: Capability.RESOLVE_SPENDING,
    votes: true,
  },
};

/** The capability a rejection needs: that of the step the proposal is waiting for. */
export function rejectionCapability(status: ProposalStatus, path: SpendingPath): Capability {
  if (status === ProposalStatus.RESOLVED) return Capability.PAY_SPENDING;
  if (status === ProposalStatus.DISCUSSED) return Capability.REVIEW_SPENDING;
  if (status === ProposalStatus.REVIEWED) return Capability.RESOLVE_SPENDING;
  return path === SpendingPath.FULL ? Capability.DISCUSS_SPENDING : Capability.RESOLVE_SPENDING;
}

function checkVersion(proposal: ExpenditureProposal, expected: number | null | undefined): void {
  if (expected != null && expected !== proposal.version) {
    throw new ConflictError(`The proposal changed since you saw it (version ${expected}, now ${proposal.version}, ${proposal.status}); reload it`, {
      status: proposal.status,
      version: proposal.version,
    });
  }
}

/** A step that does not follow: CONFLICT when someone else got there first, a user error otherwise. */
function refuseOutOfOrder(proposal: ExpenditureProposal, to: ProposalStatus): never {
  const reached = ORDER.indexOf(proposal.status) >= ORDER.indexOf(to) || !OPEN.includes(proposal.status);
  if (reached) throw new ConflictError(`The proposal is already ${proposal.status}`, { status: proposal.status, version: proposal.version });
  refuse('proposalId', UserErrorCode.INVALID_TRANSITION, `A ${proposal.spendingPath.toLowerCase()}-path proposal that is ${proposal.status} cannot go to ${to}`);
}

/** Meeting figures: consistent, and when the amount needs it, a quorum and a carried vote. */
function checkMeeting(input: ProposalStepInput, quorumRequired: boolean): void {
  const errors: UserError[] = [];
  const { eligible, attendance, votesFor, votesAgainst, abstentions } = input;
  if (eligible != null && attendance != null && attendance > eligible) errors.push(userError('attendance', UserErrorCode.OUT_OF_RANGE, 'More attended than were eligible'));
  if (attendance != null && (votesFor ?? 0) + (votesAgainst ?? 0) + (abstentions ?? 0) > attendance) {
    errors.push(userError('votesFor', UserErrorCode.OUT_OF_RANGE, 'More votes than people attending'));
  }
  if (quorumRequired) {
    for (const [field, value] of Object.entries({ meeting: input.meeting, eligible, attendance, votesFor })) {
      if (value == null) errors.push(userError(field, UserErrorCode.REQUIRED, `Above the community's quorum threshold the meeting's ${field} is required`));
    }
    if (!errors.length && attendance! * 3 < eligible! * 2) {
      errors.push(userError('attendance', FinanceError.QUORUM_NOT_MET, `${attendance} of ${eligible} attended; the quorum is two thirds (${Math.ceil((eligible! * 2) / 3)})`));
    }
    if (!errors.length && votesFor! * 2 <= attendance!) {
      errors.push(userError('votesFor', FinanceError.NOT_CARRIED, `${votesFor} of ${attendance} attending voted for; a majority of those attending is needed`));
    }
  } else if (votesFor != null && votesAgainst != null && votesFor <= votesAgainst) {
    errors.push(userError('votesFor', FinanceError.NOT_CARRIED, `${votesFor} for and ${votesAgainst} against does not carry; record a rejection instead`));
  }
  if (errors.length) throw new UserInputRefused(errors);
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

export const spendingService = {
  /** 提议: the path and quorum rule are fixed now, from the community's thresholds. */
  propose(ctx: RequestContext, input: ProposeExpenditureInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      if (!EXPENSE_CATEGORIES.includes(input.category)) refuse('category', UserErrorCode.MISMATCH, 'A proposal takes an expense category');
      const account = await findByGlobalId(em, CoManagedAccount, 'CoManagedAccount', input.accountId, 'accountId');
      if (account.closedOn) refuse('accountId', UserErrorCode.ARCHIVED, 'The account is closed');
      const community = await em.findOneOrFail(Community, { id: account.community.id });
      const principal = ctx.principal;
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
        spendingPath: input.amountFen < community.simplifiedSpendingBelowFen ? SpendingPath.SIMPLIFIED : SpendingPath.FULL,
        quorumRequired: input.amountFen > community.quorumSpendingAboveFen,
        simplifiedBelowFen: community.simplifiedSpendingBelowFen,
        proposedByPersonId: principal.kind === 'user' ? principal.personId : null,
        proposedByUserId: principal.kind === 'user' ? principal.userId : null,
        version: 1,
      });
      await record(ctx, em, proposal, ProposalStep.PROPOSE, null, Capability.PROPOSE_SPENDING);
      await em.flush();
      return proposal.id;
    });
  },

  /** 商议, 审议, 决议. */
  advance(ctx: RequestContext, step: 'DISCUSS' | 'REVIEW' | 'RESOLVE', input: ProposalStepInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const rule = STEP_RULES[step];
      const proposal = await findProposal(em, input.proposalId);
      checkVersion(proposal, input.expectedVersion);
      if (!rule.from(proposal.spendingPath).includes(proposal.status)) refuseOutOfOrder(proposal, rule.to);
      if (rule.votes) checkMeeting(input, proposal.quorumRequired);
      if (step === 'RESOLVE') await assertMandate(ctx, em, proposal, 'RESOLVE');
      const from = proposal.status;
      proposal.status = rule.to;
      await record(ctx, em, proposal, ProposalStep[step], from, rule.capability, input);
      await em.flush(); // the version check: a concurrent step that got there first makes this CONFLICT
      return proposal.id;
    });
  },

  /** Any open step may reject, with a reason. */
  reject(ctx: RequestContext, input: ProposalStepInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const proposal = await findProposal(em, input.proposalId);
      checkVersion(proposal, input.expectedVersion);
      if (!OPEN.includes(proposal.status)) throw new ConflictError(`The proposal is already ${proposal.status}`, { status: proposal.status, version: proposal.version });
      if (!input.comment) refuse('comment', UserErrorCode.REQUIRED, 'Say why the proposal is rejected');
      const from = proposal.status;
      const capability = rejectionCapability(from, proposal.spendingPath);
      proposal.status = ProposalStatus.REJECTED;
      await record(ctx, em, proposal, ProposalStep.REJECT, from, capability, input);
      await em.flush();
      return proposal.id;
    });
  },

  /** The branch takes its proposal back before it is paid. */
  withdraw(ctx: RequestContext, input: ProposalStepInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const proposal = await findProposal(em, input.proposalId);
      checkVersion(proposal, input.expectedVersion);
      if (!OPEN.includes(proposal.status)) throw new ConflictError(`The proposal is already ${proposal.status}`, { status: proposal.status, version: proposal.version });
      const from = proposal.status;
      proposal.status = ProposalStatus.WITHDRAWN;
      await record(ctx, em, proposal, ProposalStep.WITHDRAW, from, Capability.PROPOSE_SPENDING, input);
      await em.flush();
      return proposal.id;
    });
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
      if (proposal.status !== ProposalStatus.RESOLVED) {
        if (proposal.status === ProposalStatus.PAID || !OPEN.includes(proposal.status)) {
          throw new ConflictError(`The proposal is already ${proposal.status}`, { status: proposal.status, version: proposal.version });
        }
        refuse('proposalId', UserErrorCode.INVALID_TRANSITION, `Only a resolved proposal is paid; this one is ${proposal.status}`);
      }
      if (account.closedOn) refuse('proposalId', UserErrorCode.ARCHIVED, 'The account is closed');
      await assertMandate(ctx, em, proposal, 'PAY');
      const paidOn = input.paidOn ?? ctx.clock.today();
      await assertDateOpen(em, account, paidOn, 'paidOn');
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
      proposal.status = ProposalStatus.PAID;
      await record(ctx, em, proposal, ProposalStep.PAY, ProposalStatus.RESOLVED, Capability.PAY_SPENDING, { comment: input.comment });
      await flushLedger(em, 'paidOn');
      return proposal.id;
    });
  },
};
