import { chain } from 'graphql-shield';
import { Capability } from '../../core/auth/capabilities';
import { fields, NODE_FIELDS, payload, connection } from '../../core/permissions/fields';
import {
  allow,
  authenticated,
  below,
  mutation,
  overPerson,
  predicate,
  refusal,
  type ShieldRule as IRule,
} from '../../core/permissions/rules';
import { registerNodeReadCheck } from '../../core/graphql/node';
import { NotFoundError } from '../../core/errors/errors';
import { field, inputOf, rowOf } from '../../core/permissions/targets';
import { CommunitySpec } from '../geography/community.loaders';
import { HouseholdSpec } from '../places/household.loaders';
import { actingRole, isReporter, maySeeIssue } from './issues.access';
import { ResidentIssueSpec, type ResidentIssueRow } from './issues.loaders';

const { REPORT_ISSUES, HANDLE_ISSUES, CONFIGURE_ISSUES, READ_PERSONS } = Capability;

/*
 * An issue is its reporter's and its handlers': handlers act at the issue's level or one above it
 * (ladder.ts), officers above the community only on what reached the street. Lists filter by the
 * same rule (issues.access.ts); node(id:) answers from it too.
 */

registerNodeReadCheck(ResidentIssueSpec, (principal, row: ResidentIssueRow) => maySeeIssue(principal, row));

async function issueOf(args: Record<string, unknown>, ctx: Parameters<typeof rowOf>[0]): Promise<ResidentIssueRow | null> {
  return rowOf(ctx, ResidentIssueSpec, inputOf(args).issueId);
}

const handlerAtLevel = predicate(
  'issues:handlerAtLevel',
  "a handler's rung of the ladder fits the issue's level (its own or one below; the street only for issues at the street)",
  async (args, ctx) => {
    const issue = await issueOf(args, ctx);
    if (!issue) return new NotFoundError('ResidentIssue', { field: ['input', 'issueId'] });
    return actingRole(ctx.principal, issue) ? true : refusal(ctx);
  },
);

const reporterOnly = predicate('issues:reporter', 'the caller reported the issue', async (args, ctx) => {
  const issue = await issueOf(args, ctx);
  if (!issue) return new NotFoundError('ResidentIssue', { field: ['input', 'issueId'] });
  return isReporter(ctx.principal, issue) ? true : refusal(ctx);
});

const handlerStep = (name: string): IRule => chain(mutation(name, HANDLE_ISSUES, field(ResidentIssueSpec, 'issueId')), handlerAtLevel);
const reporterStep = (name: string): IRule => chain(mutation(name, REPORT_ISSUES, field(ResidentIssueSpec, 'issueId')), reporterOnly);

export const issuesRules: Record<string, Record<string, IRule>> = {
  Query: { residentIssues: authenticated, myIssues: authenticated },
  Community: { issueSettings: below(HANDLE_ISSUES) },
  ResidentIssue: {
    ...NODE_FIELDS,
    ...fields(
      allow,
      'subject',
      'spot',
      'category',
      'priority',
      'text',
      'location',
      'photos',
      'nameVisible',
      'status',
      'level',
      'dueAt',
      'reportedAt',
      'resolvedAt',
      'closedAt',
      'rejectionReason',
      'rating',
      'ratingComment',
      'reporterName',
      'steps',
      'escalations',
      'assignments',
      'mediations',
      'callbackPhone',
      'permissions',
    ),
  },
  ResidentIssuePermissions: fields(
    allow,
    'canAccept',
    'canStart',
    'canResolve',
    'canReject',
    'canEscalate',
    'canHandDown',
    'canAssign',
    'canClose',
    'canReopen',
  ),
  IssueStep: fields(allow, 'fromStatus', 'toStatus', 'level', 'actor', 'role', 'at', 'note'),
  Escalation: fields(allow, 'fromLevel', 'toLevel', 'missedDeadline', 'at', 'actor', 'note'),
  IssueAssignment: {
    ...fields(allow, 'capacity', 'assignedBy', 'assignedAt', 'note', 'propertyCompany'),
    person: overPerson(READ_PERSONS, 'personId'),
  },
  Mediation: { ...fields(allow, 'startedAt', 'outcome', 'outcomeNote', 'endedAt'), mediator: overPerson(READ_PERSONS, 'mediatorId') },
  IssueSettings: fields(allow, 'categories', 'sla', 'reopenDays'),
  IssueSla: fields(allow, 'level', 'category', 'days'),
  ...connection('ResidentIssue'),
  ...payload('AcceptIssuePayload', 'issue'),
  ...payload('AssignIssuePayload', 'issue'),
  ...payload('CloseIssuePayload', 'issue'),
  ...payload('EndMediationPayload', 'issue'),
  ...payload('EscalateIssuePayload', 'issue'),
  ...payload('HandDownIssuePayload', 'issue'),
  ...payload('RecordAssigneeActionPayload', 'issue'),
  ...payload('RejectIssuePayload', 'issue'),
  ...payload('ReopenIssuePayload', 'issue'),
  ...payload('ReportIssuePayload', 'issue'),
  ...payload('ResolveIssuePayload', 'issue'),
  ...payload('StartIssuePayload', 'issue'),
  ...payload('StartMediationPayload', 'issue'),
  ...payload('SetIssueSettingsPayload', 'settings'),
};

export const issuesMutationRules: Record<string, IRule> = {
  reportIssue: mutation('reportIssue', REPORT_ISSUES, field(HouseholdSpec, 'householdId')),
  acceptIssue: handlerStep('acceptIssue'),
  startIssue: handlerStep('startIssue'),
  resolveIssue: handlerStep('resolveIssue'),
  rejectIssue: handlerStep('rejectIssue'),
  escalateIssue: handlerStep('escalateIssue'),
  handDownIssue: handlerStep('handDownIssue'),
  assignIssue: handlerStep('assignIssue'),
  recordAssigneeAction: handlerStep('recordAssigneeAction'),
  startMediation: handlerStep('startMediation'),
  endMediation: handlerStep('endMediation'),
  closeIssue: reporterStep('closeIssue'),
  reopenIssue: reporterStep('reopenIssue'),
  setIssueSettings: mutation('setIssueSettings', CONFIGURE_ISSUES, field(CommunitySpec, 'communityId')),
};
