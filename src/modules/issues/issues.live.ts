import { Args, ArgsType, Ctx, Field, ID, ObjectType, registerEnumType, Resolver, Root, Subscription } from 'type-graphql';
import type { RequestContext } from '../../context';
import { decodeGlobalId } from '../../core/ids/global-id';
import type { LiveEvent } from '../../core/live/listener';
import { liveEvents } from '../../core/live/stream';
import { Capability, roleHas } from '../../core/auth/capabilities';
import { reachesCommunity, type Principal } from '../../core/auth/principal';
import { maySeeIssue } from './issues.access';
import { IssueStatus } from './issues.enums';
import { IssueStepSpec, ResidentIssueSpec, type IssueStepRow, type ResidentIssueRow } from './issues.loaders';
import { IssueStepType, ResidentIssueType } from './issues.types';

/*
 * Live updates of issues: every committed step is announced (a trigger's NOTIFY, with ids only),
 * and each subscriber gets it only if they may see the issue, re-read in their own transaction
 * under their own grant, by the rule that lists and node(id:) use.
 */

export const ISSUE_TOPIC = 'issue';

/** What changed, read from the step. */
export enum IssueChangeKind {
  REPORTED = 'REPORTED',
  STATUS_CHANGED = 'STATUS_CHANGED',
  ESCALATED = 'ESCALATED',
  NOTED = 'NOTED',
}

registerEnumType(IssueChangeKind, {
  name: 'IssueChangeKind',
  description: 'What a step did to an issue.',
  valuesConfig: {
    REPORTED: { description: 'The issue was reported.' },
    STATUS_CHANGED: { description: 'A handler or the reporter moved it to another status (accepted, resolved, closed, handed down…).' },
    ESCALATED: { description: 'It moved up the ladder, by hand or because its SLA passed.' },
    NOTED: { description: 'Its status stayed; something was recorded (an assignment, an assignee’s action, a mediation).' },
  },
});

function kindOf(step: IssueStepRow): IssueChangeKind {
  if (step.fromStatus === null) return IssueChangeKind.REPORTED;
  // An escalated issue that escalates again moves one more level up: still an escalation.
  if (step.toStatus === IssueStatus.ESCALATED) return IssueChangeKind.ESCALATED;
  return step.fromStatus === step.toStatus ? IssueChangeKind.NOTED : IssueChangeKind.STATUS_CHANGED;
}

interface IssueChange {
  issue: ResidentIssueRow;
  step: IssueStepRow;
  kind: IssueChangeKind;
}

@ObjectType('IssueChangedEvent', { simpleResolvers: true, description: 'A committed change to an issue the subscriber may see.' })
export class IssueChangedEventType {
  @Field(() => ResidentIssueType, { description: 'The issue as it stands after the change.' })
  issue!: ResidentIssueRow;

  @Field(() => IssueStepType, { description: 'The step that changed it.' })
  step!: IssueStepRow;

  @Field(() => IssueChangeKind, { description: 'What the step did.' })
  kind!: IssueChangeKind;
}

@ArgsType()
export class IssueChangedArgs {
  @Field(() => ID, { nullable: true, description: 'Only issues of this compound.' })
  compoundId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this issue.' })
  issueId?: string | null;
}

/** The primary key behind an argument the permission rule has checked (it exists and is visible). */
const pkArg = (id: string | null | undefined): number | undefined => (id ? decodeGlobalId(id)?.pk : undefined);

/** The compound a scope lies in or is (its path has a `cp<id>` label), if it is that narrow. */
function compoundOfPath(path: string): number | null {
  const label = /(?:^|\.)cp(\d+)(?:\.|$)/.exec(path);
  return label ? Number(label[1]) : null;
}

/**
 * Whether a role that reports or handles issues placed the subscriber within the event's compound:
 * for roles bound at a compound or below (a grid worker, a resident), that compound only; for the
 * others, the community (the ids say no more). What the subscription had a stake in once its
 * subscriber lost the right to it: a former grid worker's subscription ends at the next change in
 * their compound, and hears nothing of the compounds they never handled.
 */
function placedWithin(principal: Principal, event: LiveEvent): boolean {
  if (!reachesCommunity(principal, event.communityId)) return false;
  if (principal.allCommunities) return true;
  return principal.bindings.some((b) => {
    if (!roleHas(b.role, Capability.REPORT_ISSUES) && !roleHas(b.role, Capability.HANDLE_ISSUES)) return false;
    const compound = compoundOfPath(b.path);
    return compound === null ? b.communityId === null || b.communityId === event.communityId : compound === event.compoundId;
  });
}

/**
 * The events worth a transaction: of the named compound or issue, in a community the subscriber
 * reaches (a reporter's own household is in one of theirs).
 */
function issueEvents(ctx: RequestContext, args: IssueChangedArgs) {
  const principal = ctx.principal;
  const compoundId = pkArg(args.compoundId);
  const issueId = pkArg(args.issueId);
  const accept = (event: LiveEvent) =>
    reachesCommunity(principal, event.communityId) &&
    (compoundId === undefined || event.compoundId === compoundId) &&
    (issueId === undefined || event.issueId === issueId);
  return liveEvents(ctx, ISSUE_TOPIC, accept, (event) => accept(event) && placedWithin(principal, event));
}

@Resolver()
export class IssueLiveResolver {
  @Subscription(() => IssueChangedEventType, {
    nullable: true,
    description:
      'Each committed change (step) of an issue the caller may see: their own reports, and those their role handles on the ladder. Over WebSocket only (see docs/api.md, Subscriptions).',
    subscribe: ({ args, context }) => issueEvents(context as RequestContext, args as IssueChangedArgs),
  })
  async issueChanged(@Root() event: LiveEvent, @Args() _args: IssueChangedArgs, @Ctx() ctx: RequestContext): Promise<IssueChange | null> {
    const issue = await ctx.loaders.node(ResidentIssueSpec).load(Number(event.issueId));
    if (!issue || !maySeeIssue(ctx.principal, issue)) return null;
    const step = await ctx.loaders.node(IssueStepSpec).load(Number(event.stepId));
    if (!step || step.issueId !== issue.pk) return null;
    return { issue, step, kind: kindOf(step) };
  }
}
