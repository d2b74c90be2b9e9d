import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Capability } from '../../core/auth/capabilities';
import { mayAct } from '../../core/permissions/rules';
import { actingRole, isReporter } from './issues.access';
import { issueSettings, type ResidentIssueRow } from './issues.loaders';
import { ResidentIssueType } from './issues.types';
import { IssueAction, isOpen, levelAbove, levelBelow, mayTake, withinReopenWindow } from './ladder';

/*
 * What the caller may do with an issue now (`permissions { canX }`, docs/api.md "Per-object
 * permissions"), by the functions the permission tree and the service decide with: the mutation's
 * capability over the issue (mayAct), the handler's rung against the issue's level (actingRole) or
 * the reporter (isReporter), and the ladder's steps, ends and reopening window (ladder.ts). The
 * mutation still decides, and can still refuse what only its input tells (a missing note).
 */

@ObjectType('ResidentIssuePermissions', {
  simpleResolvers: true,
  description: 'What the caller may do with this issue now (see docs/api.md, "Per-object permissions").',
})
export class ResidentIssuePermissionsType {
  @Field({ description: "acceptIssue: a handler at the issue's level, the issue waiting (REPORTED, ESCALATED, REOPENED)." })
  canAccept!: boolean;

  @Field({ description: 'startIssue: a handler at its level, the issue ACCEPTED.' })
  canStart!: boolean;

  @Field({ description: 'resolveIssue: a handler at its level, the issue ACCEPTED or IN_PROGRESS.' })
  canResolve!: boolean;

  @Field({ description: 'rejectIssue: a handler at its level, the issue open.' })
  canReject!: boolean;

  @Field({ description: 'escalateIssue: a handler at its level, the issue open and a level above it.' })
  canEscalate!: boolean;

  @Field({ description: 'handDownIssue: a handler at its level, the issue open and a level below it.' })
  canHandDown!: boolean;

  @Field({ description: 'assignIssue, startMediation: a handler at its level, the issue open.' })
  canAssign!: boolean;

  @Field({ description: 'closeIssue (with the rating): the reporter, the issue RESOLVED.' })
  canClose!: boolean;

  @Field({ description: "reopenIssue: the reporter, the issue RESOLVED or CLOSED, within the community's window." })
  canReopen!: boolean;
}

export async function issuePermissions(ctx: RequestContext, issue: ResidentIssueRow): Promise<ResidentIssuePermissionsType> {
  const handler = mayAct(ctx.principal, Capability.HANDLE_ISSUES, issue) && actingRole(ctx.principal, issue) !== null;
  const reporter = mayAct(ctx.principal, Capability.REPORT_ISSUES, issue) && isReporter(ctx.principal, issue);
  const step = (action: IssueAction) => mayTake(action, issue.status);
  let canReopen = reporter && step(IssueAction.REOPEN) && !!issue.resolvedAt;
  if (canReopen) {
    const { reopenDays } = await issueSettings(ctx).load(issue.communityId);
    canReopen = withinReopenWindow(new Date(issue.resolvedAt!), ctx.clock.now(), reopenDays);
  }
  return {
    canAccept: handler && step(IssueAction.ACCEPT),
    canStart: handler && step(IssueAction.START),
    canResolve: handler && step(IssueAction.RESOLVE),
    canReject: handler && step(IssueAction.REJECT),
    canEscalate: handler && step(IssueAction.ESCALATE) && levelAbove(issue.level) !== null,
    canHandDown: handler && step(IssueAction.HAND_DOWN) && levelBelow(issue.level) !== null,
    canAssign: handler && isOpen(issue.status),
    canClose: reporter && step(IssueAction.CLOSE),
    canReopen,
  };
}

@Resolver(() => ResidentIssueType)
export class IssuePermissionsResolver {
  @FieldResolver(() => ResidentIssuePermissionsType, {
    description: 'What you may do with this issue now, by the rules its mutations apply.',
  })
  permissions(@Root() issue: ResidentIssueRow, @Ctx() ctx: RequestContext) {
    return issuePermissions(ctx, issue);
  }
}
