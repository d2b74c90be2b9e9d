import { hidden, masked, maskPhone } from '../../core/auth/personal-data';
import { IssuePermissionsResolver } from './issues.permissions';
import { CompoundQrPointsResolver, QrReportResolver } from './qr/qr.resolver';
import { qrMutationRules, qrRules } from './qr/qr.rules';
import { defineModule } from '../../core/module';
import { isReporter } from './issues.access';
import type { ResidentIssueRow } from './issues.loaders';
import { AnonymousReport } from './anonymous-report.entity';
import { IssueQrPoint } from './issue-qr-point.entity';
import { Escalation } from './escalation.entity';
import { IssueSettings } from './issue-settings.entity';
import { IssueStep } from './issue-step.entity';
import { IssuesError } from './issues.errors';
import { CommunityIssuesResolver, IssueAssignmentResolver, MediationResolver, ResidentIssueResolver } from './issues.resolver';
import { IssueAssignment } from './issue-assignment.entity';
import { Mediation } from './mediation.entity';
import { issuesMutationRules, issuesRules } from './issues.rules';
import { IssueLiveResolver } from './issues.live';
import { issuesLiveRules } from './issues.live.rules';
import { escalationCheck } from './issues.service';
import { ResidentIssue } from './resident-issue.entity';

/** Residents' issues (诉求): reporting, the escalation ladder on timers, assignment and mediation, closing with a rating. */
export const issuesModule = defineModule({
  name: 'issues',
  entities: [ResidentIssue, IssueStep, Escalation, IssueSettings, IssueAssignment, Mediation, IssueQrPoint, AnonymousReport],
  resolvers: [
    ResidentIssueResolver,
    CommunityIssuesResolver,
    IssueAssignmentResolver,
    MediationResolver,
    IssueLiveResolver,
    QrReportResolver,
    CompoundQrPointsResolver,
    IssuePermissionsResolver,
  ],
  permissions: { ...issuesRules, ...issuesLiveRules, ...qrRules, Mutation: { ...issuesMutationRules, ...qrMutationRules } },
  userErrors: IssuesError,
  // The reporter's name is their household's personal data: no duty of care (a street officer), no name.
  personalData: [
    // Nor when the reporter did not let handlers see it (nameVisible), whatever their duty.
    {
      type: 'ResidentIssue',
      field: 'reporterName',
      of: 'household',
      otherwise: hidden,
      onlyIf: {
        describe: 'the reporter let handlers see it (`nameVisible`) or the caller is the reporter',
        holds: (principal, row) => (row as ResidentIssueRow).nameVisible || isReporter(principal, row as ResidentIssueRow),
      },
    },
    // An anonymous reporter's phone is personal data of the place the report is about.
    { type: 'ResidentIssue', field: 'callbackPhone', of: 'household', otherwise: masked((p) => maskPhone(p) ?? p, 'masked: 138****1234') },
  ],
  jobs: [escalationCheck],
});
