import { Field, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../core/pagination/connection';
import type { ResidentIssueRow } from './issues.loaders';
import { Node } from '../../core/graphql/node';
import { NodeFields } from '../../core/graphql/node-fields';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { AssigneeCapacity, IssueLevel, IssuePriority, IssueStatus, IssueSubject, MediationOutcome } from './issues.enums';

@ObjectType('ResidentIssue', {
  implements: Node,
  simpleResolvers: true,
  description: '诉求: an issue a resident reported, and where it stands on the escalation ladder.',
})
export class ResidentIssueType extends NodeFields {
  @Field(() => IssueSubject, { description: 'What it is about.' })
  subject!: IssueSubject;

  @Field(() => String, { nullable: true, description: 'The public spot, for SPOT issues (e.g. 红哨子雕像旁).' })
  spot!: string | null;

  @Field({ description: "One of the community's issue categories." })
  category!: string;

  @Field(() => IssuePriority, { description: 'NORMAL or URGENT (half the SLA).' })
  priority!: IssuePriority;

  @Field({ description: 'What the resident reported.' })
  text!: string;

  @Field(() => String, { nullable: true, description: 'Where exactly, in words.' })
  location!: string | null;

  @Field(() => [String], { description: 'Photo URLs or storage keys.' })
  photos!: string[];

  @Field({ description: 'Whether the reporter lets handlers see their name.' })
  nameVisible!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'The reporter’s name: for the reporter, and for handlers with a duty of care when the reporter let them see it.',
  })
  reporterName!: string | null;

  @Field(() => IssueStatus, { description: 'Where the issue stands.' })
  status!: IssueStatus;

  @Field(() => IssueLevel, { description: 'The rung of the ladder it stands at.' })
  level!: IssueLevel;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When the level's SLA runs out and the issue escalates; null when no timer runs.",
  })
  dueAt!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was reported.' })
  reportedAt!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it was last resolved.' })
  resolvedAt!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When the reporter closed it.' })
  closedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected.' })
  rejectionReason!: string | null;

  @Field(() => Int, { nullable: true, description: "The reporter's rating of the resolution, 1–5." })
  rating!: number | null;

  @Field(() => String, { nullable: true, description: "The reporter's comment with the rating." })
  ratingComment!: string | null;
}

@ObjectType('IssueStep', {
  simpleResolvers: true,
  description: 'One recorded step of an issue: who, in which role, when, to which status, at which level, and why.',
})
export class IssueStepType {
  @Field(() => IssueStatus, { nullable: true, description: 'The status before (null for the report itself).' })
  fromStatus!: IssueStatus | null;

  @Field(() => IssueStatus, { description: 'The status after.' })
  toStatus!: IssueStatus;

  @Field(() => IssueLevel, { description: 'The level after.' })
  level!: IssueLevel;

  @Field({ description: 'The login that took the step, or `system` for the ladder timer.' })
  actor!: string;

  @Field({ description: 'The role it was taken in (RESIDENT, GROUP_LEADER…, SYSTEM).' })
  role!: string;

  @Field(() => DateTimeScalar, { description: 'When.' })
  at!: string;

  @Field(() => String, { nullable: true, description: 'The note given with it.' })
  note!: string | null;
}

@ObjectType('Escalation', {
  simpleResolvers: true,
  description: 'An issue moved between levels of the ladder, by hand or because its SLA passed.',
})
export class EscalationType {
  @Field(() => IssueLevel, { description: 'From this level.' })
  fromLevel!: IssueLevel;

  @Field(() => IssueLevel, { description: 'To this level (lower when handed down).' })
  toLevel!: IssueLevel;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'The deadline that passed (automatic escalations); null when moved by hand.',
  })
  missedDeadline!: string | null;

  @Field(() => DateTimeScalar, { description: 'When.' })
  at!: string;

  @Field({ description: 'Who moved it (`system` for the timer).' })
  actor!: string;

  @Field(() => String, { nullable: true, description: 'The note given with it.' })
  note!: string | null;
}

@ObjectType('IssueSla', {
  simpleResolvers: true,
  description: 'Days an issue may wait at a level before it escalates (for a category, or every category).',
})
export class IssueSlaType {
  @Field(() => IssueLevel, { description: 'The level.' })
  level!: IssueLevel;

  @Field(() => String, { nullable: true, description: 'The category; null for every category without its own.' })
  category!: string | null;

  @Field(() => Int, { description: 'Days.' })
  days!: number;
}

@ObjectType('IssueSettings', { simpleResolvers: true, description: "A community's issue settings (the defaults until it sets its own)." })
export class IssueSettingsType {
  @Field(() => [String], { description: 'The categories residents choose from.' })
  categories!: string[];

  @Field(() => [IssueSlaType], { description: 'SLA days per level (and per category where set).' })
  sla!: IssueSlaType[];

  @Field(() => Int, { description: 'Days after resolution within which the reporter may reopen.' })
  reopenDays!: number;
}

export const ResidentIssueConnection = ConnectionType<ResidentIssueRow>(ResidentIssueType, 'ResidentIssue');

@ObjectType('IssueAssignment', {
  simpleResolvers: true,
  description: 'An issue given to a person (secretary, leader, grid worker, volunteer, mediator) or to the property company.',
})
export class IssueAssignmentType {
  @Field(() => AssigneeCapacity, { description: 'In which capacity.' })
  capacity!: AssigneeCapacity;

  @Field({ description: 'The login that assigned it.' })
  assignedBy!: string;

  @Field(() => DateTimeScalar, { description: 'When.' })
  assignedAt!: string;

  @Field(() => String, { nullable: true, description: 'What was asked of them.' })
  note!: string | null;
}

@ObjectType('Mediation', { simpleResolvers: true, description: '调解: a dispute taken to a mediator, and how it ended.' })
export class MediationType {
  @Field(() => DateTimeScalar, { description: 'When the mediation began.' })
  startedAt!: string;

  @Field(() => MediationOutcome, { nullable: true, description: 'How it ended; null while it goes on.' })
  outcome!: MediationOutcome | null;

  @Field(() => String, { nullable: true, description: 'What was agreed (or why not).' })
  outcomeNote!: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When it ended.' })
  endedAt!: string | null;
}
