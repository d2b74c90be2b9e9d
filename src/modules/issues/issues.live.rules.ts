import { Capability, roleHas } from '../../core/auth/capabilities';
import { NotFoundError } from '../../core/errors/errors';
import { fields } from '../../core/permissions/fields';
import { allow, predicate, refusal, type ShieldRule as IRule } from '../../core/permissions/rules';
import { rowOf } from '../../core/permissions/targets';
import { CompoundSpec } from '../places/compound.loaders';
import { maySeeIssue } from './issues.access';
import { ResidentIssueSpec } from './issues.loaders';

/*
 * Following issues live: callers who report or handle issues somewhere. A named issue must be one
 * they may see, a named compound one they reach; otherwise NOT_FOUND, as for a missing ID. Each
 * event is filtered again by the issue's own visibility (issues.live.ts). Checked again at each
 * event: a refusal then ends the subscription, once (core/live/ws-server.ts).
 */

const followsIssues = predicate(
  'issues:follow',
  'the caller reports or handles issues; a named issue is one they may see, a named compound one they reach',
  async (args, ctx) => {
    const { principal } = ctx;
    const mayFollow = principal.bindings.some(
      (b) => roleHas(b.role, Capability.REPORT_ISSUES) || roleHas(b.role, Capability.HANDLE_ISSUES),
    );
    if (!mayFollow) return refusal(ctx);
    if (args.issueId !== undefined && args.issueId !== null) {
      const issue = await rowOf(ctx, ResidentIssueSpec, args.issueId);
      if (!issue || !maySeeIssue(principal, issue)) return new NotFoundError('ResidentIssue', { argument: 'issueId' });
    }
    if (args.compoundId !== undefined && args.compoundId !== null) {
      if (!(await rowOf(ctx, CompoundSpec, args.compoundId))) return new NotFoundError('Compound', { argument: 'compoundId' });
    }
    return true;
  },
);

export const issuesLiveRules: Record<string, Record<string, IRule>> = {
  Subscription: { issueChanged: followsIssues },
  IssueChangedEvent: fields(allow, 'issue', 'step', 'kind'),
};
