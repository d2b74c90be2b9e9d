import { Capability } from '../../core/auth/capabilities';
import type { RequestContext } from '../../context';
import { defineNode, unarchivedColumns, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';
import type { AssigneeCapacity, IssueLevel, IssuePriority, IssueStatus, IssueSubject, MediationOutcome } from './issues.enums';
import { DEFAULT_CATEGORIES, DEFAULT_REOPEN_DAYS, type SlaTable } from './ladder';

/* How issues, their steps and escalations are read. */

export interface ResidentIssueRow extends TenantRow {
  householdId: number | null;
  qrPointId: number | null;
  compoundId: number;
  path: string;
  orgPath: string | null;
  subject: IssueSubject;
  spot: string | null;
  category: string;
  priority: IssuePriority;
  text: string;
  location: string | null;
  photos: string[];
  nameVisible: boolean;
  reporterUserId: number;
  reporterName: string;
  status: IssueStatus;
  level: IssueLevel;
  dueAt: string | null;
  reportedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  rejectionReason: string | null;
  rating: number | null;
  ratingComment: string | null;
}

export const ResidentIssueSpec = registerNodeSpec(
  defineNode<ResidentIssueRow>({
    type: 'ResidentIssue',
    table: 'resident_issue',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      householdId: 't.household_id',
      qrPointId: 't.qr_point_id',
      compoundId: 't.compound_id',
      path: 't.path::text',
      orgPath: 't.org_path::text',
      subject: 't.subject',
      spot: 't.spot',
      category: 't.category',
      priority: 't.priority',
      text: 't.text',
      location: 't.location',
      photos: 't.photos',
      nameVisible: 't.name_visible',
      reporterUserId: 't.reporter_user_id',
      reporterName: 't.reporter_name',
      status: 't.status',
      level: 't.level',
      dueAt: 't.due_at',
      reportedAt: 't.reported_at',
      resolvedAt: 't.resolved_at',
      closedAt: 't.closed_at',
      rejectionReason: 't.rejection_reason',
      rating: 't.rating',
      ratingComment: 't.rating_comment',
    },
  }),
  Capability.HANDLE_ISSUES,
);

export interface IssueStepRow extends TenantRow {
  issueId: number;
  fromStatus: IssueStatus | null;
  toStatus: IssueStatus;
  level: IssueLevel;
  actor: string;
  role: string;
  at: string;
  note: string | null;
}

export const IssueStepSpec = defineNode<IssueStepRow>({
  type: 'IssueStep',
  table: 'issue_step',
  archivable: false,
  columns: {
    ...unarchivedColumns,
    communityId: 't.community_id',
    issueId: 't.issue_id',
    fromStatus: 't.from_status',
    toStatus: 't.to_status',
    level: 't.level',
    actor: 't.actor',
    role: 't.role',
    at: 't.at',
    note: 't.note',
  },
});

export interface EscalationRow extends TenantRow {
  issueId: number;
  fromLevel: IssueLevel;
  toLevel: IssueLevel;
  missedDeadline: string | null;
  at: string;
  actor: string;
  note: string | null;
}

export const EscalationSpec = defineNode<EscalationRow>({
  type: 'Escalation',
  table: 'escalation',
  archivable: false,
  columns: {
    ...unarchivedColumns,
    communityId: 't.community_id',
    issueId: 't.issue_id',
    fromLevel: 't.from_level',
    toLevel: 't.to_level',
    missedDeadline: 't.missed_deadline',
    at: 't.at',
    actor: 't.actor',
    note: 't.note',
  },
});

export interface IssueSettingsValue {
  communityId: number;
  categories: readonly string[];
  sla: SlaTable | null;
  reopenDays: number;
}

/** A community's issue settings (the defaults where it has set none), one statement per request level. */
export function issueSettings(ctx: RequestContext) {
  return ctx.loaders.custom<number, IssueSettingsValue>('issues:settings', async (db, keys) => {
    const rows = await db.query<{ communityId: number; categories: string[]; sla: SlaTable; reopenDays: number }>(
      `select community_id as "communityId", categories, sla, reopen_days as "reopenDays" from issue_settings where community_id = any($1::int[])`,
      [keys],
    );
    const byCommunity = new Map(rows.map((r) => [r.communityId, r]));
    return keys.map(
      (k) => byCommunity.get(k) ?? { communityId: k, categories: DEFAULT_CATEGORIES, sla: null, reopenDays: DEFAULT_REOPEN_DAYS },
    );
  });
}

export interface IssueAssignmentRow extends TenantRow {
  issueId: number;
  personId: number | null;
  propertyCompanyId: number | null;
  capacity: AssigneeCapacity;
  assignedBy: string;
  assignedAt: string;
  note: string | null;
}

export const IssueAssignmentSpec = defineNode<IssueAssignmentRow>({
  type: 'IssueAssignment',
  table: 'issue_assignment',
  archivable: false,
  columns: {
    ...unarchivedColumns,
    communityId: 't.community_id',
    issueId: 't.issue_id',
    personId: 't.person_id',
    propertyCompanyId: 't.property_company_id',
    capacity: 't.capacity',
    assignedBy: 't.assigned_by',
    assignedAt: 't.assigned_at',
    note: 't.note',
  },
});

export interface MediationRow extends TenantRow {
  issueId: number;
  mediatorId: number;
  startedAt: string;
  outcome: MediationOutcome | null;
  outcomeNote: string | null;
  endedAt: string | null;
}

export const MediationSpec = defineNode<MediationRow>({
  type: 'Mediation',
  table: 'mediation',
  archivable: false,
  columns: {
    ...unarchivedColumns,
    communityId: 't.community_id',
    issueId: 't.issue_id',
    mediatorId: 't.mediator_id',
    startedAt: 't.started_at',
    outcome: 't.outcome',
    outcomeNote: 't.outcome_note',
    endedAt: 't.ended_at',
  },
});
