import { Role } from '../../src/core/auth/roles';
import { IssueLevel, IssuePriority, IssueStatus } from '../../src/modules/issues/issues.enums';
import {
  deadline,
  handlerActs,
  handlerSees,
  IssueAction,
  isOpen,
  levelAbove,
  levelBelow,
  levelOfRole,
  mayTake,
  slaDays,
  withinReopenWindow,
} from '../../src/modules/issues/ladder';

describe('the escalation ladder', () => {
  it('climbs building group → branch → community → street, and hands down the same way', () => {
    expect(levelAbove(IssueLevel.BUILDING_GROUP)).toBe(IssueLevel.BRANCH);
    expect(levelAbove(IssueLevel.COMMUNITY)).toBe(IssueLevel.STREET);
    expect(levelAbove(IssueLevel.STREET)).toBeNull();
    expect(levelBelow(IssueLevel.BRANCH)).toBe(IssueLevel.BUILDING_GROUP);
    expect(levelBelow(IssueLevel.BUILDING_GROUP)).toBeNull();
  });

  it('takes the SLA from the category, then the level, then the defaults (2/3/5 days); urgent halves it', () => {
    const table = { levels: { BRANCH: 4 }, categories: { safety: { BUILDING_GROUP: 1 } } };
    expect(slaDays(null, IssueLevel.BUILDING_GROUP, 'repairs', IssuePriority.NORMAL)).toBe(2);
    expect(slaDays(null, IssueLevel.BRANCH, 'repairs', IssuePriority.NORMAL)).toBe(3);
    expect(slaDays(null, IssueLevel.COMMUNITY, 'repairs', IssuePriority.NORMAL)).toBe(5);
    expect(slaDays(table, IssueLevel.BRANCH, 'repairs', IssuePriority.NORMAL)).toBe(4);
    expect(slaDays(table, IssueLevel.BUILDING_GROUP, 'safety', IssuePriority.NORMAL)).toBe(1);
    expect(slaDays(null, IssueLevel.COMMUNITY, 'repairs', IssuePriority.URGENT)).toBe(2);
    expect(slaDays(table, IssueLevel.BUILDING_GROUP, 'safety', IssuePriority.URGENT)).toBe(1);
  });

  it('sets no deadline at the street: there is nowhere to go', () => {
    const from = new Date('2026-06-24T08:00:00Z');
    expect(deadline(from, IssueLevel.BUILDING_GROUP, 2)!.toISOString()).toBe('2026-06-26T08:00:00.000Z');
    expect(deadline(from, IssueLevel.STREET, 10)).toBeNull();
  });

  it('allows each step only from where the issue stands', () => {
    expect(mayTake(IssueAction.ACCEPT, IssueStatus.REPORTED)).toBe(true);
    expect(mayTake(IssueAction.ACCEPT, IssueStatus.ESCALATED)).toBe(true);
    expect(mayTake(IssueAction.RESOLVE, IssueStatus.REPORTED)).toBe(false);
    expect(mayTake(IssueAction.CLOSE, IssueStatus.RESOLVED)).toBe(true);
    expect(mayTake(IssueAction.CLOSE, IssueStatus.IN_PROGRESS)).toBe(false);
    expect(mayTake(IssueAction.REOPEN, IssueStatus.CLOSED)).toBe(true);
    expect(mayTake(IssueAction.ESCALATE, IssueStatus.REJECTED)).toBe(false);
    expect(isOpen(IssueStatus.RESOLVED)).toBe(false);
    expect(isOpen(IssueStatus.REOPENED)).toBe(true);
  });

  it('puts each handler on its rung: the street sees and acts only on what reached it', () => {
    expect(levelOfRole(Role.GROUP_LEADER)).toBe(IssueLevel.BUILDING_GROUP);
    expect(levelOfRole(Role.BRANCH_SECRETARY)).toBe(IssueLevel.BRANCH);
    expect(levelOfRole(Role.RESIDENT)).toBeNull();
    expect(handlerActs(IssueLevel.BRANCH, IssueLevel.BUILDING_GROUP)).toBe(true);
    expect(handlerActs(IssueLevel.BUILDING_GROUP, IssueLevel.BRANCH)).toBe(false);
    expect(handlerSees(IssueLevel.BUILDING_GROUP, IssueLevel.COMMUNITY)).toBe(true);
    expect(handlerSees(IssueLevel.STREET, IssueLevel.COMMUNITY)).toBe(false);
    expect(handlerActs(IssueLevel.STREET, IssueLevel.STREET)).toBe(true);
    expect(handlerActs(IssueLevel.STREET, IssueLevel.BUILDING_GROUP, true)).toBe(true);
  });

  it('lets the reporter reopen within the window only', () => {
    const resolved = new Date('2026-07-03T17:00:00Z');
    expect(withinReopenWindow(resolved, new Date('2026-07-10T17:00:00Z'), 7)).toBe(true);
    expect(withinReopenWindow(resolved, new Date('2026-07-10T17:00:01Z'), 7)).toBe(false);
  });
});
