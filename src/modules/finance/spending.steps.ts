import { Capability } from '../../core/auth/capabilities';
import { ProposalStatus, ProposalStep, SpendingPath } from './finance.enums';

/*
 * The spending procedure as data, declared once: which step follows which status on each path,
 * the capability each step needs, whether it is a voting meeting, whether it is a personal act
 * under a mandate (mandate.ts). The permission tree (finance.rules.ts), the service
 * (spending.service.ts) and each proposal's `permissions` read this table; nothing else decides
 * these. Pure: its unit tests run without a database.
 */

export type SpendingAct = Exclude<ProposalStep, ProposalStep.PROPOSE>;

interface StepRule {
  /** The status the step leads to. */
  to: ProposalStatus;
  /** The statuses it may be taken from, per path. */
  from: (path: SpendingPath) => readonly ProposalStatus[];
  /** What the caller's role needs over the proposal's account; REJECT needs that of the step the proposal waits for. */
  capability: (status: ProposalStatus, path: SpendingPath) => Capability;
  /** A meeting that votes (review by the party-member assembly, resolution by the building heads). */
  votes: boolean;
  /** A personal act: the caller as a person needs a seat, and must not be (or be appointed by) the proposer. */
  mandate: boolean;
}

/** Statuses from which the proposal can still move. */
export const OPEN: readonly ProposalStatus[] = [
  ProposalStatus.PROPOSED,
  ProposalStatus.DISCUSSED,
  ProposalStatus.REVIEWED,
  ProposalStatus.RESOLVED,
];

/** The order of the forward statuses (a step to one already reached means someone else got there first). */
export const ORDER: readonly ProposalStatus[] = [
  ProposalStatus.PROPOSED,
  ProposalStatus.DISCUSSED,
  ProposalStatus.REVIEWED,
  ProposalStatus.RESOLVED,
  ProposalStatus.PAID,
];

const fixed = (capability: Capability) => () => capability;
const full = (path: SpendingPath, status: ProposalStatus): readonly ProposalStatus[] => (path === SpendingPath.FULL ? [status] : []);

/** The capability of the step a proposal in `status` waits for (who may reject it now). */
export function waitingCapability(status: ProposalStatus, path: SpendingPath): Capability {
  if (status === ProposalStatus.RESOLVED) return Capability.PAY_SPENDING;
  if (status === ProposalStatus.DISCUSSED) return Capability.REVIEW_SPENDING;
  if (status === ProposalStatus.REVIEWED) return Capability.RESOLVE_SPENDING;
  return path === SpendingPath.FULL ? Capability.DISCUSS_SPENDING : Capability.RESOLVE_SPENDING;
}

export const STEPS: Readonly<Record<SpendingAct, StepRule>> = {
  // 商议: the branch committee talks it over (full path only).
  [ProposalStep.DISCUSS]: {
    to: ProposalStatus.DISCUSSED,
    from: (p) => full(p, ProposalStatus.PROPOSED),
    capability: fixed(Capability.DISCUSS_SPENDING),
    votes: false,
    mandate: false,
  },
  // 审议: the party-member assembly votes (full path only).
  [ProposalStep.REVIEW]: {
    to: ProposalStatus.REVIEWED,
    from: (p) => full(p, ProposalStatus.DISCUSSED),
    capability: fixed(Capability.REVIEW_SPENDING),
    votes: true,
    mandate: false,
  },
  // 决议: the building heads (or residents' representatives) vote; on the simplified path straight after the proposal.
  [ProposalStep.RESOLVE]: {
    to: ProposalStatus.RESOLVED,
    from: (p) => (p === SpendingPath.FULL ? [ProposalStatus.REVIEWED] : [ProposalStatus.PROPOSED]),
    capability: fixed(Capability.RESOLVE_SPENDING),
    votes: true,
    mandate: true,
  },
  [ProposalStep.PAY]: {
    to: ProposalStatus.PAID,
    from: () => [ProposalStatus.RESOLVED],
    capability: fixed(Capability.PAY_SPENDING),
    votes: false,
    mandate: true,
  },
  // Any open step may reject, by whoever may take the step the proposal waits for.
  [ProposalStep.REJECT]: { to: ProposalStatus.REJECTED, from: () => OPEN, capability: waitingCapability, votes: false, mandate: false },
  // The proposer's side takes it back before it is paid.
  [ProposalStep.WITHDRAW]: {
    to: ProposalStatus.WITHDRAWN,
    from: () => OPEN,
    capability: fixed(Capability.PROPOSE_SPENDING),
    votes: false,
    mandate: false,
  },
};

/** Proposing needs this over the account. */
export const PROPOSE_CAPABILITY = Capability.PROPOSE_SPENDING;

/** Whether `act` may follow a proposal in `status` on `path`. */
export function follows(act: SpendingAct, status: ProposalStatus, path: SpendingPath): boolean {
  return STEPS[act].from(path).includes(status);
}

/** Whether a step to `to` was already taken (or the proposal closed): the caller is late, not wrong. */
export function alreadyPast(status: ProposalStatus, to: ProposalStatus): boolean {
  return ORDER.indexOf(status) >= ORDER.indexOf(to) || !OPEN.includes(status);
}

/** The path a new proposal takes and whether its meetings need a quorum, from the community's thresholds. */
export function pathFor(
  amountFen: number,
  thresholds: { simplifiedSpendingBelowFen: number; quorumSpendingAboveFen: number },
): { path: SpendingPath; quorumRequired: boolean } {
  return {
    path: amountFen < thresholds.simplifiedSpendingBelowFen ? SpendingPath.SIMPLIFIED : SpendingPath.FULL,
    quorumRequired: amountFen > thresholds.quorumSpendingAboveFen,
  };
}
