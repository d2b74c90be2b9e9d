import { Role } from '../../core/auth/roles';
import { IssueLevel, IssuePriority, IssueStatus } from './issues.enums';

/*
 * The escalation ladder and the issue's procedure as data: which step leads from which status,
 * the levels in order, SLAs and deadlines. No database; unit-tested.
 */

export const LEVELS: readonly IssueLevel[] = [IssueLevel.BUILDING_GROUP, IssueLevel.BRANCH, IssueLevel.COMMUNITY, IssueLevel.STREET];

export function rank(level: IssueLevel): number {
  return LEVELS.indexOf(level);
}

export function levelAbove(level: IssueLevel): IssueLevel | null {
  return LEVELS[rank(level) + 1] ?? null;
}

export function levelBelow(level: IssueLevel): IssueLevel | null {
  return rank(level) > 0 ? LEVELS[rank(level) - 1] : null;
}

/** The categories a community starts with (it may replace them). */
export const DEFAULT_CATEGORIES: readonly string[] = [
  'repairs',
  'sanitation',
  'parking',
  'safety',
  'neighbour_dispute',
  'property_service',
  'elderly_help',
  'other',
];

/** Days to take in and to solve an issue at each level (the street has no deadline above it). */
export const DEFAULT_SLA_DAYS: Readonly<Record<IssueLevel, number>> = {
  BUILDING_GROUP: 2,
  BRANCH: 3,
  COMMUNITY: 5,
  STREET: 10,
};

export const DEFAULT_REOPEN_DAYS = 7;

/** A community's SLA: days per level, optionally per category. */
export interface SlaTable {
  levels: Partial<Record<IssueLevel, number>>;
  categories?: Record<string, Partial<Record<IssueLevel, number>>>;
}

/** The SLA in days for an issue of `category` and `priority` at `level`. */
export function slaDays(table: SlaTable | null, level: IssueLevel, category: string, priority: IssuePriority): number {
  const days = table?.categories?.[category]?.[level] ?? table?.levels?.[level] ?? DEFAULT_SLA_DAYS[level];
  return priority === IssuePriority.URGENT ? Math.max(1, Math.floor(days / 2)) : days;
}

/** The deadline at `level` counted from `from`; none at the top of the ladder (nowhere to go). */
export function deadline(from: Date, level: IssueLevel, days: number): Date | null {
  if (!levelAbove(level)) return null;
  return new Date(from.getTime() + days * 86_400_000);
}

/** What may be done to an issue, and from which statuses. */
export enum IssueAction {
  ACCEPT = 'ACCEPT',
  START = 'START',
  RESOLVE = 'RESOLVE',
  REJECT = 'REJECT',
  ESCALATE = 'ESCALATE',
  HAND_DOWN = 'HAND_DOWN',
  CLOSE = 'CLOSE',
  REOPEN = 'REOPEN',
}

const WAITING = [IssueStatus.REPORTED, IssueStatus.ESCALATED, IssueStatus.REOPENED];
const OPEN = [...WAITING, IssueStatus.ACCEPTED, IssueStatus.IN_PROGRESS];

export const STEPS: Readonly<Record<IssueAction, { from: readonly IssueStatus[]; to: IssueStatus | null }>> = {
  ACCEPT: { from: WAITING, to: IssueStatus.ACCEPTED },
  START: { from: [IssueStatus.ACCEPTED], to: IssueStatus.IN_PROGRESS },
  RESOLVE: { from: [IssueStatus.ACCEPTED, IssueStatus.IN_PROGRESS], to: IssueStatus.RESOLVED },
  REJECT: { from: OPEN, to: IssueStatus.REJECTED },
  ESCALATE: { from: OPEN, to: IssueStatus.ESCALATED },
  // Handing down keeps the issue waiting at the level below: it is that level's to take in.
  HAND_DOWN: { from: OPEN, to: IssueStatus.REPORTED },
  CLOSE: { from: [IssueStatus.RESOLVED], to: IssueStatus.CLOSED },
  REOPEN: { from: [IssueStatus.RESOLVED, IssueStatus.CLOSED], to: IssueStatus.REOPENED },
};

export function mayTake(action: IssueAction, status: IssueStatus): boolean {
  return STEPS[action].from.includes(status);
}

/** Whether the issue is still the organization's to take in or solve (its SLA runs). */
export function isOpen(status: IssueStatus): boolean {
  return OPEN.includes(status);
}

/** The rung a handler's role stands on; null: the role handles no issues. */
export function levelOfRole(role: Role): IssueLevel | null {
  switch (role) {
    case Role.GROUP_LEADER:
    case Role.GRID_WORKER:
      return IssueLevel.BUILDING_GROUP;
    case Role.BRANCH_SECRETARY:
      return IssueLevel.BRANCH;
    case Role.COMMUNITY_ADMIN:
      return IssueLevel.COMMUNITY;
    case Role.STREET_OFFICER:
    case Role.DISTRICT_OFFICER:
    case Role.PLATFORM_ADMIN:
      return IssueLevel.STREET;
    default:
      return null;
  }
}

/**
 * Whether a handler on `handler`'s rung sees an issue at `issue`'s: the organization of the
 * compound sees its issues at every level; offices above the community only what reached them.
 */
export function handlerSees(handler: IssueLevel, issue: IssueLevel, platform = false): boolean {
  if (platform) return true;
  return handler === IssueLevel.STREET ? issue === IssueLevel.STREET : true;
}

/** Whether a handler on `handler`'s rung may act on an issue at `issue`'s: its own rung or one below. */
export function handlerActs(handler: IssueLevel, issue: IssueLevel, platform = false): boolean {
  return handlerSees(handler, issue, platform) && rank(handler) >= rank(issue);
}

/** Whether the reporter may still reopen an issue resolved at `resolvedAt`. */
export function withinReopenWindow(resolvedAt: Date, now: Date, days: number): boolean {
  return now.getTime() - resolvedAt.getTime() <= days * 86_400_000;
}
