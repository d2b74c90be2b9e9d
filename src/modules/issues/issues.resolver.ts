import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { payloadOf } from '../../core/graphql/payload';
import { allOf, related, rootConnection } from '../../core/graphql/relations';
import { PageArgs } from '../../core/pagination/page-args';
import { CommunitySpec, type CommunityRow } from '../geography/community.loaders';
import { CommunityType } from '../geography/geography.types';
import { ownIssuesFilter, visibleIssuesFilter } from './issues.access';
import { IssueLevel, IssueStatus } from './issues.enums';
import {
  AssignIssueInput,
  EndMediationInput,
  RecordAssigneeActionInput,
  StartMediationInput,
  CloseIssueInput,
  SetIssueSettingsPayload,
  AcceptIssueInput,
  EscalateIssueInput,
  HandDownIssueInput,
  ResolveIssueInput,
  StartIssueInput,
  RejectIssueInput,
  ReopenIssueInput,
  ReportIssueInput,
  AcceptIssuePayload,
  AssignIssuePayload,
  CloseIssuePayload,
  EndMediationPayload,
  EscalateIssuePayload,
  HandDownIssuePayload,
  RecordAssigneeActionPayload,
  RejectIssuePayload,
  ReopenIssuePayload,
  ReportIssuePayload,
  ResolveIssuePayload,
  StartIssuePayload,
  StartMediationPayload,
  SetIssueSettingsInput,
} from './issues.inputs';
import {
  EscalationSpec,
  IssueAssignmentSpec,
  issueSettings,
  IssueStepSpec,
  MediationSpec,
  ResidentIssueSpec,
  type IssueAssignmentRow,
  type MediationRow,
  type ResidentIssueRow,
} from './issues.loaders';
import { PersonSpec } from '../people/person.loaders';
import { PersonType } from '../people/people.types';
import { PropertyCompanySpec } from '../services/services.loaders';
import { PropertyCompanyType } from '../services/services.types';
import { issuesService } from './issues.service';
import {
  EscalationType,
  IssueAssignmentType,
  IssueSettingsType,
  IssueStepType,
  MediationType,
  ResidentIssueConnection,
  ResidentIssueType,
} from './issues.types';
import { DEFAULT_SLA_DAYS, IssueAction, LEVELS } from './ladder';

@ArgsType()
class ResidentIssuesArgs extends PageArgs {
  @Field(() => IssueStatus, { nullable: true, description: 'Only issues in this status.' })
  status?: IssueStatus | null;

  @Field(() => IssueLevel, { nullable: true, description: 'Only issues at this level.' })
  level?: IssueLevel | null;
}

function issuesPage(ctx: RequestContext, args: ResidentIssuesArgs, scope: ReturnType<typeof visibleIssuesFilter>) {
  const filter = allOf(
    scope,
    args.status ? { key: `status:${args.status}`, sql: 't.status = $1', params: [args.status] } : undefined,
    args.level ? { key: `level:${args.level}`, sql: 't.level = $1', params: [args.level] } : undefined,
  );
  return rootConnection(ctx, ResidentIssueConnection, ResidentIssueSpec, args, filter);
}

@Resolver(() => ResidentIssueType)
export class ResidentIssueResolver {
  @Query(() => ResidentIssueConnection, {
    description:
      'The issues the caller may see: their own reports, and those their role handles on the ladder (street officers: only what reached the street).',
  })
  residentIssues(@Args() args: ResidentIssuesArgs, @Ctx() ctx: RequestContext) {
    return issuesPage(ctx, args, visibleIssuesFilter(ctx.principal));
  }

  @Query(() => ResidentIssueConnection, { description: "The caller's own reports, oldest first." })
  myIssues(@Args() args: ResidentIssuesArgs, @Ctx() ctx: RequestContext) {
    return issuesPage(ctx, args, ownIssuesFilter(ctx.principal));
  }

  @FieldResolver(() => [IssueStepType], { description: 'Every step, oldest first.' })
  steps(@Root() issue: ResidentIssueRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(IssueStepSpec, 'issue_id').load(issue.pk);
  }

  @FieldResolver(() => [EscalationType], { description: 'Its moves between levels, oldest first.' })
  escalations(@Root() issue: ResidentIssueRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(EscalationSpec, 'issue_id').load(issue.pk);
  }

  @FieldResolver(() => [IssueAssignmentType], { description: 'Who it was given to, oldest first.' })
  assignments(@Root() issue: ResidentIssueRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(IssueAssignmentSpec, 'issue_id').load(issue.pk);
  }

  @FieldResolver(() => [MediationType], { description: 'Its mediations, oldest first.' })
  mediations(@Root() issue: ResidentIssueRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(MediationSpec, 'issue_id').load(issue.pk);
  }

  @Mutation(() => AssignIssuePayload, { description: 'Gives an open issue to a person or to the property company.' })
  async assignIssue(@Arg('input', { description: 'The issue and the assignee.' }) input: AssignIssueInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'issue', ResidentIssueSpec, await issuesService.assign(ctx, input));
  }

  @Mutation(() => RecordAssigneeActionPayload, { description: "Records what an assignee did, as a step in the assignee's capacity." })
  async recordAssigneeAction(
    @Arg('input', { description: 'The issue, the capacity and what was done.' }) input: RecordAssigneeActionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'issue', ResidentIssueSpec, await issuesService.recordAssigneeAction(ctx, input));
  }

  @Mutation(() => StartMediationPayload, { description: 'Takes a dispute of an open issue to a mediator (调解).' })
  async startMediation(
    @Arg('input', { description: 'The issue and the mediator.' }) input: StartMediationInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'issue', ResidentIssueSpec, await issuesService.startMediation(ctx, input));
  }

  @Mutation(() => EndMediationPayload, { description: "Records the outcome of the issue's open mediation." })
  async endMediation(@Arg('input', { description: 'The issue and the outcome.' }) input: EndMediationInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'issue', ResidentIssueSpec, await issuesService.endMediation(ctx, input));
  }

  @Mutation(() => ReportIssuePayload, { description: 'A resident reports an issue for their household; it waits at the building group.' })
  async reportIssue(@Arg('input', { description: 'The report.' }) input: ReportIssueInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'issue', ResidentIssueSpec, await issuesService.report(ctx, input));
  }

  @Mutation(() => AcceptIssuePayload, {
    description: 'A handler at its level takes the issue in (its SLA keeps running until resolved).',
  })
  async acceptIssue(@Arg('input', { description: 'The issue and a note.' }) input: AcceptIssueInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'issue', ResidentIssueSpec, await issuesService.act(ctx, input, IssueAction.ACCEPT));
  }

  @Mutation(() => StartIssuePayload, { description: 'Work on an accepted issue has started.' })
  async startIssue(@Arg('input', { description: 'The issue and a note.' }) input: StartIssueInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'issue', ResidentIssueSpec, await issuesService.act(ctx, input, IssueAction.START));
  }

  @Mutation(() => ResolveIssuePayload, { description: 'The handler reports the issue solved; its timer stops.' })
  async resolveIssue(
    @Arg('input', { description: 'The issue and how it was solved.' }) input: ResolveIssueInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'issue', ResidentIssueSpec, await issuesService.act(ctx, input, IssueAction.RESOLVE));
  }

  @Mutation(() => RejectIssuePayload, { description: 'Refuses an open issue with a reason (e.g. out of scope).' })
  async rejectIssue(@Arg('input', { description: 'The issue and the reason.' }) input: RejectIssueInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'issue', ResidentIssueSpec, await issuesService.act(ctx, input, IssueAction.REJECT));
  }

  @Mutation(() => EscalateIssuePayload, {
    description: 'Moves an open issue one level up by hand (a note is required); the timer restarts there.',
  })
  async escalateIssue(@Arg('input', { description: 'The issue and why.' }) input: EscalateIssueInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'issue', ResidentIssueSpec, await issuesService.act(ctx, input, IssueAction.ESCALATE));
  }

  @Mutation(() => HandDownIssuePayload, {
    description: 'Hands an open issue one level down (a note is required); it waits there to be taken in.',
  })
  async handDownIssue(@Arg('input', { description: 'The issue and why.' }) input: HandDownIssueInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'issue', ResidentIssueSpec, await issuesService.act(ctx, input, IssueAction.HAND_DOWN));
  }

  @Mutation(() => CloseIssuePayload, { description: 'The reporter closes a resolved issue and rates the resolution.' })
  async closeIssue(@Arg('input', { description: 'The issue and the rating.' }) input: CloseIssueInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'issue', ResidentIssueSpec, await issuesService.close(ctx, input));
  }

  @Mutation(() => ReopenIssuePayload, { description: 'The reporter reopens a resolved (or closed) issue within the community’s window.' })
  async reopenIssue(@Arg('input', { description: 'The issue and why.' }) input: ReopenIssueInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'issue', ResidentIssueSpec, await issuesService.reopen(ctx, input));
  }
}

@Resolver(() => CommunityType)
export class CommunityIssuesResolver {
  @FieldResolver(() => IssueSettingsType, { description: "The community's issue categories, SLAs and reopening window." })
  async issueSettings(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    const s = await issueSettings(ctx).load(community.pk);
    const sla = LEVELS.map((level) => ({
      level,
      category: null as string | null,
      days: s.sla?.levels?.[level] ?? DEFAULT_SLA_DAYS[level],
    }));
    for (const [category, levels] of Object.entries(s.sla?.categories ?? {}))
      for (const [level, days] of Object.entries(levels)) sla.push({ level: level as IssueLevel, category, days: days });
    return { categories: s.categories, sla, reopenDays: s.reopenDays };
  }

  @Mutation(() => SetIssueSettingsPayload, { description: "Sets a community's issue categories, SLAs and reopening window." })
  async setIssueSettings(@Arg('input', { description: 'The settings.' }) input: SetIssueSettingsInput, @Ctx() ctx: RequestContext) {
    const outcome = await issuesService.setSettings(ctx, input);
    if (outcome.value === null) return { settings: null, userErrors: outcome.userErrors };
    const community = await ctx.loaders.node(CommunitySpec).load(outcome.value);
    return { settings: community ? await this.issueSettings(community, ctx) : null, userErrors: [] };
  }
}

@Resolver(() => IssueAssignmentType)
export class IssueAssignmentResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: 'The person (for those who may read them).' })
  person(@Root() assignment: IssueAssignmentRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, assignment.personId);
  }

  @FieldResolver(() => PropertyCompanyType, { nullable: true, description: 'The property company.' })
  propertyCompany(@Root() assignment: IssueAssignmentRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PropertyCompanySpec, assignment.propertyCompanyId);
  }
}

@Resolver(() => MediationType)
export class MediationResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: 'The mediator (for those who may read them).' })
  mediator(@Root() mediation: MediationRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, mediation.mediatorId);
  }
}
