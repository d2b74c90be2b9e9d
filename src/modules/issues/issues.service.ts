import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { actorLabel } from '../../core/auth/principal';
import { dbOf } from '../../core/data/db';
import { registerUniqueConstraint } from '../../core/graphql/constraints';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { cancelJob, defineJob, scheduleJob, type JobPayload } from '../../core/jobs/job';
import { refuse, UserErrorCode } from '../../core/validation/user-error';
import { Community } from '../geography/community.entity';
import { Household } from '../places/household.entity';
import { Person } from '../people/person.entity';
import { PropertyCompany } from '../services/property-company.entity';
import { IssueAssignment } from './issue-assignment.entity';
import { Mediation } from './mediation.entity';
import { Escalation } from './escalation.entity';
import { IssueSettings } from './issue-settings.entity';
import { IssueStep } from './issue-step.entity';
import { actingRole } from './issues.access';
import { AssigneeCapacity, IssueLevel, IssuePriority, IssueStatus, IssueSubject } from './issues.enums';
import { IssuesError } from './issues.errors';
import type {
  CloseIssueInput,
  IssueStepInput,
  RejectIssueInput,
  ReopenIssueInput,
  ReportIssueInput,
  SetIssueSettingsInput,
  AssignIssueInput,
  EndMediationInput,
  RecordAssigneeActionInput,
  StartMediationInput,
} from './issues.inputs';
import {
  DEFAULT_CATEGORIES,
  DEFAULT_REOPEN_DAYS,
  deadline,
  IssueAction,
  isOpen,
  levelAbove,
  levelBelow,
  mayTake,
  slaDays,
  STEPS,
  withinReopenWindow,
  type SlaTable,
} from './ladder';
import { ResidentIssue } from './resident-issue.entity';

registerUniqueConstraint('mediation_one_open', 'issueId', 'The issue already has a mediation going on');
registerUniqueConstraint('issue_settings_community_id_unique', 'communityId', 'The community already has issue settings');
// A second worker finding the same deadline due: refused quietly, nothing changes (the job completes).
registerUniqueConstraint('escalation_once_per_deadline', 'issueId', 'The issue has already escalated for this deadline');

/** The ladder's timer: checks an issue when its level's deadline passes. */
export interface EscalationCheck extends JobPayload {
  issueId: number;
  /** The deadline the job was scheduled for (ISO); a moved deadline makes the job moot. */
  dueAt: string;
}

export const escalationCheck = defineJob<EscalationCheck>('issues.escalationCheck', (ctx, payload) =>
  issuesService.escalateIfDue(ctx, payload),
);

const timerKey = (issueId: number) => `issues.escalation:${issueId}`;

interface Settings {
  categories: readonly string[];
  sla: SlaTable | null;
  reopenDays: number;
}

export async function settingsIn(em: EntityManager, communityId: number): Promise<Settings> {
  const row = await dbOf(em).one<{ categories: string[]; sla: SlaTable; reopenDays: number }>(
    'select categories, sla, reopen_days as "reopenDays" from issue_settings where community_id = $1',
    [communityId],
  );
  return row ?? { categories: DEFAULT_CATEGORIES, sla: null, reopenDays: DEFAULT_REOPEN_DAYS };
}

export function record(
  ctx: RequestContext,
  em: EntityManager,
  issue: ResidentIssue,
  from: IssueStatus | null,
  role: string,
  note?: string | null,
  actor?: string,
) {
  em.create(IssueStep, {
    community: issue.community,
    issue,
    fromStatus: from,
    toStatus: issue.status,
    level: issue.level,
    actor: actor ?? actorLabel(ctx.principal),
    role,
    at: ctx.clock.now(),
    note: note ?? null,
  });
}

/**
 * Starts the level's timer afresh from `from` (or stops it where nothing runs), and schedules its
 * check. An automatic escalation starts the next level's timer at the deadline it answers, not when
 * a worker got round to it, so a late run does not give the next level more time.
 */
export async function restartTimer(
  ctx: RequestContext,
  em: EntityManager,
  issue: ResidentIssue,
  from: Date = ctx.clock.now(),
): Promise<void> {
  const settings = await settingsIn(em, issue.community.id);
  issue.dueAt = isOpen(issue.status)
    ? deadline(from, issue.level, slaDays(settings.sla, issue.level, issue.category, issue.priority))
    : null;
  await em.flush();
  if (issue.dueAt) {
    await scheduleJob(
      em,
      escalationCheck,
      { communityId: issue.community.id, issueId: issue.id, dueAt: issue.dueAt.toISOString() },
      { runAt: issue.dueAt, key: timerKey(issue.id) },
    );
  } else {
    await cancelJob(em, timerKey(issue.id));
  }
}

function handlerRole(ctx: RequestContext, issue: ResidentIssue): string {
  return (
    actingRole(ctx.principal, {
      path: issue.path ?? null,
      orgPath: issue.orgPath ?? null,
      communityId: issue.community.id,
      level: issue.level,
      reporterUserId: issue.reporterUserId,
    }) ?? 'UNKNOWN'
  );
}

const VERBS: Record<IssueAction, string> = {
  ACCEPT: 'accepted',
  START: 'started',
  RESOLVE: 'resolved',
  REJECT: 'rejected',
  ESCALATE: 'escalated',
  HAND_DOWN: 'handed down',
  CLOSE: 'closed',
  REOPEN: 'reopened',
};

function requireStep(issue: ResidentIssue, action: IssueAction): void {
  if (!mayTake(action, issue.status))
    refuse('issueId', IssuesError.WRONG_STATUS, `An issue that is ${issue.status} cannot be ${VERBS[action]}`);
}

async function lockedIssue(em: EntityManager, id: string): Promise<ResidentIssue> {
  const issue = await findByGlobalId(em, ResidentIssue, 'ResidentIssue', id, 'issueId');
  await em.lock(issue, LockMode.PESSIMISTIC_WRITE);
  return issue;
}

/** Residents' issues: reporting, the handlers' steps, the ladder's timer, closing and reopening. */
export const issuesService = {
  report(ctx: RequestContext, input: ReportIssueInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const household = await findByGlobalId(em, Household, 'Household', input.householdId, 'householdId');
      const settings = await settingsIn(em, household.community.id);
      if (!settings.categories.includes(input.category))
        refuse('category', IssuesError.UNKNOWN_CATEGORY, `Choose one of: ${settings.categories.join(', ')}`);
      if ((input.subject === IssueSubject.SPOT) !== !!input.spot)
        refuse('spot', UserErrorCode.REQUIRED, 'Name the spot for a SPOT issue, and only for one');
      const issue = em.create(ResidentIssue, {
        community: household.community,
        household,
        compound: household.compound,
        subject: input.subject,
        spot: input.spot ?? null,
        category: input.category,
        priority: input.priority ?? IssuePriority.NORMAL,
        text: input.text,
        location: input.location ?? null,
        photos: input.photos ?? [],
        nameVisible: input.nameVisible,
        reporterUserId: ctx.principal.kind === 'user' ? ctx.principal.userId : 0,
        reporterName: ctx.principal.kind === 'user' ? ctx.principal.displayName : actorLabel(ctx.principal),
        status: IssueStatus.REPORTED,
        level: IssueLevel.BUILDING_GROUP,
        reportedAt: ctx.clock.now(),
      });
      await em.flush();
      // The trigger placed it where the household is.
      await em.refresh(issue);
      record(ctx, em, issue, null, 'RESIDENT');
      await restartTimer(ctx, em, issue);
      return issue.id;
    });
  },

  /** A handler's step at the issue's level (the permission tree checked the level). */
  act(ctx: RequestContext, input: IssueStepInput | RejectIssueInput, action: IssueAction): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const issue = await lockedIssue(em, input.issueId);
      requireStep(issue, action);
      const role = handlerRole(ctx, issue);
      const from = issue.status;
      const note = 'reason' in input ? input.reason : input.note;
      const now = ctx.clock.now();
      if (action === IssueAction.ESCALATE || action === IssueAction.HAND_DOWN) {
        if (!note) refuse('note', UserErrorCode.REQUIRED, 'Say why, for the record');
        const to = action === IssueAction.ESCALATE ? levelAbove(issue.level) : levelBelow(issue.level);
        if (!to)
          refuse(
            'issueId',
            IssuesError.LADDER_END,
            `There is no level ${action === IssueAction.ESCALATE ? 'above' : 'below'} ${issue.level}`,
          );
        em.create(Escalation, {
          community: issue.community,
          issue,
          fromLevel: issue.level,
          toLevel: to,
          missedDeadline: null,
          at: now,
          actor: actorLabel(ctx.principal),
          note,
        });
        issue.level = to;
      }
      issue.status = STEPS[action].to!;
      if (action === IssueAction.RESOLVE) issue.resolvedAt = now;
      if (action === IssueAction.REJECT) issue.rejectionReason = note;
      record(ctx, em, issue, from, role, note);
      await restartTimerUnlessRunning(ctx, em, issue, action);
      return issue.id;
    });
  },

  close(ctx: RequestContext, input: CloseIssueInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const issue = await lockedIssue(em, input.issueId);
      requireStep(issue, IssueAction.CLOSE);
      const from = issue.status;
      issue.status = IssueStatus.CLOSED;
      issue.closedAt = ctx.clock.now();
      issue.rating = input.rating;
      issue.ratingComment = input.comment ?? null;
      record(ctx, em, issue, from, 'RESIDENT', input.comment);
      return issue.id;
    });
  },

  reopen(ctx: RequestContext, input: ReopenIssueInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const issue = await lockedIssue(em, input.issueId);
      requireStep(issue, IssueAction.REOPEN);
      const settings = await settingsIn(em, issue.community.id);
      if (!issue.resolvedAt || !withinReopenWindow(issue.resolvedAt, ctx.clock.now(), settings.reopenDays))
        refuse(
          'issueId',
          IssuesError.REOPEN_WINDOW_PASSED,
          `Issues may be reopened within ${settings.reopenDays} days of their resolution`,
        );
      const from = issue.status;
      issue.status = IssueStatus.REOPENED;
      issue.closedAt = null;
      issue.rating = null;
      issue.ratingComment = null;
      record(ctx, em, issue, from, 'RESIDENT', input.note);
      await restartTimer(ctx, em, issue);
      return issue.id;
    });
  },

  /** Gives the issue to a person or the property company (its status stays; the step records who). */
  assign(ctx: RequestContext, input: AssignIssueInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const issue = await lockedIssue(em, input.issueId);
      if (!isOpen(issue.status)) refuse('issueId', IssuesError.WRONG_STATUS, `An issue that is ${issue.status} is not assigned`);
      const company = input.capacity === AssigneeCapacity.PROPERTY_COMPANY;
      if (company ? !input.propertyCompanyId || input.personId : !input.personId || input.propertyCompanyId)
        refuse(
          company ? 'propertyCompanyId' : 'personId',
          UserErrorCode.REQUIRED,
          company ? 'Name the property company, and no person' : 'Name the person, and no company',
        );
      const person = input.personId ? await findByGlobalId(em, Person, 'Person', input.personId, 'personId') : null;
      const propertyCompany = input.propertyCompanyId
        ? await findByGlobalId(em, PropertyCompany, 'PropertyCompany', input.propertyCompanyId, 'propertyCompanyId')
        : null;
      em.create(IssueAssignment, {
        community: issue.community,
        issue,
        person,
        propertyCompany,
        capacity: input.capacity,
        assignedBy: actorLabel(ctx.principal),
        assignedAt: ctx.clock.now(),
        note: input.note ?? null,
      });
      const who = person ? person.name : propertyCompany!.name;
      record(
        ctx,
        em,
        issue,
        issue.status,
        handlerRole(ctx, issue),
        `assigned to ${who} (${input.capacity})${input.note ? `: ${input.note}` : ''}`,
      );
      return issue.id;
    });
  },

  /** An assignee's action, recorded by a handler as a step in the assignee's capacity. */
  recordAssigneeAction(ctx: RequestContext, input: RecordAssigneeActionInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const issue = await lockedIssue(em, input.issueId);
      // As for assigning: an assignee acts on an open issue; a resolved or closed one is the reporter's to reopen.
      if (!isOpen(issue.status)) refuse('issueId', IssuesError.WRONG_STATUS, `An issue that is ${issue.status} takes no assignee's action`);
      if (!(await em.findOne(IssueAssignment, { issue, capacity: input.capacity })))
        refuse('capacity', UserErrorCode.MISMATCH, `The issue is not assigned to anyone as ${input.capacity}`);
      record(ctx, em, issue, issue.status, input.capacity, input.note);
      return issue.id;
    });
  },

  startMediation(ctx: RequestContext, input: StartMediationInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const issue = await lockedIssue(em, input.issueId);
      if (!isOpen(issue.status)) refuse('issueId', IssuesError.WRONG_STATUS, `An issue that is ${issue.status} is not mediated`);
      const mediator = await findByGlobalId(em, Person, 'Person', input.mediatorId, 'mediatorId');
      em.create(Mediation, { community: issue.community, issue, mediator, startedAt: ctx.clock.now() });
      record(ctx, em, issue, issue.status, handlerRole(ctx, issue), `mediation by ${mediator.name}${input.note ? `: ${input.note}` : ''}`);
      return issue.id;
    });
  },

  endMediation(ctx: RequestContext, input: EndMediationInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const issue = await lockedIssue(em, input.issueId);
      const mediation = await em.findOne(Mediation, { issue, outcome: null });
      if (!mediation) refuse('issueId', IssuesError.NO_MEDIATION, 'The issue has no mediation going on');
      mediation.outcome = input.outcome;
      mediation.outcomeNote = input.note;
      mediation.endedAt = ctx.clock.now();
      record(ctx, em, issue, issue.status, AssigneeCapacity.MEDIATOR, `mediation ${input.outcome}: ${input.note}`);
      return issue.id;
    });
  },

  setSettings(ctx: RequestContext, input: SetIssueSettingsInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const community = await findByGlobalId(em, Community, 'Community', input.communityId, 'communityId');
      let settings = await em.findOne(IssueSettings, { community });
      if (!settings) {
        settings = em.create(IssueSettings, {
          community,
          categories: [...DEFAULT_CATEGORIES],
          sla: { levels: {} },
          reopenDays: DEFAULT_REOPEN_DAYS,
        });
      }
      if (input.categories) {
        if (input.categories.length === 0) refuse('categories', UserErrorCode.REQUIRED, 'Keep at least one category');
        settings.categories = [...new Set(input.categories)];
      }
      if (input.sla) {
        const table: SlaTable = { levels: {}, categories: {} };
        for (const s of input.sla) {
          if (s.category) (table.categories![s.category] ??= {})[s.level] = s.days;
          else table.levels[s.level] = s.days;
        }
        settings.sla = table;
      }
      if (input.reopenDays !== undefined && input.reopenDays !== null) settings.reopenDays = input.reopenDays;
      await em.flush();
      return community.id;
    });
  },

  /**
   * The ladder's timer (a job): when the deadline the job was scheduled for is still the issue's
   * and has passed by the clock, the issue moves up one level and its timer restarts there. The
   * issue's row lock and the unique (issue, missed deadline) index make it happen once, however
   * many workers run the check.
   */
  async escalateIfDue(ctx: RequestContext, payload: EscalationCheck): Promise<void> {
    await mutate(ctx, {}, async (em) => {
      const issue = await em.findOne(ResidentIssue, { id: payload.issueId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!issue || !isOpen(issue.status) || !issue.dueAt || issue.dueAt.toISOString() !== payload.dueAt) return;
      if (ctx.clock.now() < issue.dueAt) {
        await scheduleJob(em, escalationCheck, payload, { runAt: issue.dueAt, key: timerKey(issue.id) });
        return;
      }
      const above = levelAbove(issue.level);
      if (!above) return;
      em.create(Escalation, {
        community: issue.community,
        issue,
        fromLevel: issue.level,
        toLevel: above,
        missedDeadline: issue.dueAt,
        at: ctx.clock.now(),
        actor: 'system',
        note: `SLA at ${issue.level} passed`,
      });
      const from = issue.status;
      const missed = issue.dueAt;
      issue.level = above;
      issue.status = IssueStatus.ESCALATED;
      await em.flush();
      record(ctx, em, issue, from, 'SYSTEM', `SLA passed: escalated to ${above}`, 'system');
      await restartTimer(ctx, em, issue, missed);
    });
  },
};

/** The SLA covers taking in and solving: accepting or starting leaves the level's timer running. */
async function restartTimerUnlessRunning(ctx: RequestContext, em: EntityManager, issue: ResidentIssue, action: IssueAction): Promise<void> {
  if (action === IssueAction.ACCEPT || action === IssueAction.START) return;
  await restartTimer(ctx, em, issue);
}
