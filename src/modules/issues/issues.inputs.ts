import { ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { GlobalId, IntRange, Text, TextList } from '../../core/validation/rules';
import { AssigneeCapacity, IssueLevel, IssuePriority, IssueSubject, MediationOutcome } from './issues.enums';
import { IssueSettingsType, ResidentIssueType } from './issues.types';

@InputType({ description: 'A resident reports an issue for their household.' })
export class ReportIssueInput {
  @Field(() => ID, { description: "The reporter's household (their home: the issue is placed there)." })
  @GlobalId()
  householdId!: string;

  @Field(() => IssueSubject, { description: 'What it is about.' })
  subject!: IssueSubject;

  @Field(() => String, { nullable: true, description: 'The public spot, for SPOT issues only.' })
  @Text({ max: 100, nullable: true })
  spot?: string | null;

  @Field({ description: "One of the community's categories." })
  @Text({ max: 50 })
  category!: string;

  @Field(() => IssuePriority, { nullable: true, description: 'NORMAL unless given.' })
  priority?: IssuePriority | null;

  @Field({ description: 'What is wrong.' })
  @Text({ max: 2000, multiline: true })
  text!: string;

  @Field(() => String, { nullable: true, description: 'Where exactly, in words.' })
  @Text({ max: 200, nullable: true })
  location?: string | null;

  @Field(() => [String], { nullable: true, description: 'Photo URLs or storage keys (at most 9).' })
  @TextList(9, 500)
  photos?: string[] | null;

  @Field({ description: 'Whether handlers may see the reporter’s name.' })
  nameVisible!: boolean;
}

@InputType({ description: 'A handler’s step on an issue (accept, start, resolve, escalate, hand down).' })
export class IssueStepInput {
  @Field(() => ID, { description: 'The issue.' })
  @GlobalId()
  issueId!: string;

  @Field(() => String, { nullable: true, description: 'A note for the record (required to escalate or hand down).' })
  @Text({ max: 1000, nullable: true, multiline: true })
  note?: string | null;
}

@InputType({ description: 'Rejecting an issue, with the reason.' })
export class RejectIssueInput {
  @Field(() => ID, { description: 'The issue.' })
  @GlobalId()
  issueId!: string;

  @Field({ description: 'Why (e.g. out of scope).' })
  @Text({ max: 500, multiline: true })
  reason!: string;
}

@InputType({ description: 'The reporter closes a resolved issue and rates the resolution.' })
export class CloseIssueInput {
  @Field(() => ID, { description: 'The issue.' })
  @GlobalId()
  issueId!: string;

  @Field(() => Int, { description: '1 (poor) to 5 (excellent).' })
  @IntRange(1, 5, false)
  rating!: number;

  @Field(() => String, { nullable: true, description: 'A comment with the rating.' })
  @Text({ max: 500, nullable: true, multiline: true })
  comment?: string | null;
}

@InputType({ description: 'The reporter reopens an issue within the window after its resolution.' })
export class ReopenIssueInput {
  @Field(() => ID, { description: 'The issue.' })
  @GlobalId()
  issueId!: string;

  @Field({ description: 'Why it is not solved.' })
  @Text({ max: 1000, multiline: true })
  note!: string;
}

@InputType({ description: 'Days at a level (for a category, or for every category).' })
export class IssueSlaInput {
  @Field(() => IssueLevel, { description: 'The level.' })
  level!: IssueLevel;

  @Field(() => String, { nullable: true, description: 'A category; null for every category.' })
  @Text({ max: 50, nullable: true })
  category?: string | null;

  @Field(() => Int, { description: 'Days, 1 to 60.' })
  @IntRange(1, 60, false)
  days!: number;
}

@InputType({ description: "A community's issue settings; what is left out keeps its current value." })
export class SetIssueSettingsInput {
  @Field(() => ID, { description: 'The community.' })
  @GlobalId()
  communityId!: string;

  @Field(() => [String], { nullable: true, description: 'The categories residents choose from (at most 30).' })
  @TextList(30, 50)
  categories?: string[] | null;

  @Field(() => [IssueSlaInput], { nullable: true, description: 'SLA days; replaces the whole table.' })
  @ValidateNested({ each: true })
  sla?: IssueSlaInput[] | null;

  @Field(() => Int, { nullable: true, description: 'Days after resolution within which the reporter may reopen (0–90).' })
  @IntRange(0, 90)
  reopenDays?: number | null;
}

export const ResidentIssuePayload = PayloadType('ResidentIssuePayload', 'issue', ResidentIssueType, 'The issue after the step.');
export const IssueSettingsPayload = PayloadType(
  'IssueSettingsPayload',
  'settings',
  IssueSettingsType,
  "The community's issue settings after the change.",
);

@InputType({ description: 'Gives an issue to a person or to the property company.' })
export class AssignIssueInput {
  @Field(() => ID, { description: 'The issue.' })
  @GlobalId()
  issueId!: string;

  @Field(() => AssigneeCapacity, { description: 'In which capacity.' })
  capacity!: AssigneeCapacity;

  @Field(() => ID, { nullable: true, description: 'The person (every capacity but PROPERTY_COMPANY).' })
  @GlobalId(true)
  personId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The property company (PROPERTY_COMPANY only).' })
  @GlobalId(true)
  propertyCompanyId?: string | null;

  @Field(() => String, { nullable: true, description: 'What is asked of them.' })
  @Text({ max: 1000, nullable: true, multiline: true })
  note?: string | null;
}

@InputType({ description: "What an assignee did, recorded by a handler as a step in the assignee's capacity." })
export class RecordAssigneeActionInput {
  @Field(() => ID, { description: 'The issue.' })
  @GlobalId()
  issueId!: string;

  @Field(() => AssigneeCapacity, { description: 'The capacity of an assignment of the issue.' })
  capacity!: AssigneeCapacity;

  @Field({ description: 'What they did (e.g. 实地查看).' })
  @Text({ max: 1000, multiline: true })
  note!: string;
}

@InputType({ description: 'Takes a dispute of an issue to a mediator.' })
export class StartMediationInput {
  @Field(() => ID, { description: 'The issue.' })
  @GlobalId()
  issueId!: string;

  @Field(() => ID, { description: "The mediator (a person of the community: the people's mediator)." })
  @GlobalId()
  mediatorId!: string;

  @Field(() => String, { nullable: true, description: 'What is in dispute.' })
  @Text({ max: 1000, nullable: true, multiline: true })
  note?: string | null;
}

@InputType({ description: "Records how the issue's open mediation ended." })
export class EndMediationInput {
  @Field(() => ID, { description: 'The issue.' })
  @GlobalId()
  issueId!: string;

  @Field(() => MediationOutcome, { description: 'How it ended.' })
  outcome!: MediationOutcome;

  @Field({ description: 'What was agreed (or why not).' })
  @Text({ max: 1000, multiline: true })
  note!: string;
}

@ObjectType('AcceptIssuePayload', {
  simpleResolvers: true,
})
export class AcceptIssuePayload extends ResidentIssuePayload {}

@ObjectType('AssignIssuePayload', {
  simpleResolvers: true,
})
export class AssignIssuePayload extends ResidentIssuePayload {}

@ObjectType('CloseIssuePayload', {
  simpleResolvers: true,
})
export class CloseIssuePayload extends ResidentIssuePayload {}

@ObjectType('EndMediationPayload', {
  simpleResolvers: true,
})
export class EndMediationPayload extends ResidentIssuePayload {}

@ObjectType('EscalateIssuePayload', {
  simpleResolvers: true,
})
export class EscalateIssuePayload extends ResidentIssuePayload {}

@ObjectType('HandDownIssuePayload', {
  simpleResolvers: true,
})
export class HandDownIssuePayload extends ResidentIssuePayload {}

@ObjectType('RecordAssigneeActionPayload', {
  simpleResolvers: true,
})
export class RecordAssigneeActionPayload extends ResidentIssuePayload {}

@ObjectType('RejectIssuePayload', {
  simpleResolvers: true,
})
export class RejectIssuePayload extends ResidentIssuePayload {}

@ObjectType('ReopenIssuePayload', {
  simpleResolvers: true,
})
export class ReopenIssuePayload extends ResidentIssuePayload {}

@ObjectType('ReportIssuePayload', {
  simpleResolvers: true,
})
export class ReportIssuePayload extends ResidentIssuePayload {}

@ObjectType('ResolveIssuePayload', {
  simpleResolvers: true,
})
export class ResolveIssuePayload extends ResidentIssuePayload {}

@ObjectType('StartIssuePayload', {
  simpleResolvers: true,
})
export class StartIssuePayload extends ResidentIssuePayload {}

@ObjectType('StartMediationPayload', {
  simpleResolvers: true,
})
export class StartMediationPayload extends ResidentIssuePayload {}

@ObjectType('SetIssueSettingsPayload', {
  simpleResolvers: true,
})
export class SetIssueSettingsPayload extends IssueSettingsPayload {}

@InputType('AcceptIssueInput', { description: 'What the `acceptIssue` mutation takes.' })
export class AcceptIssueInput extends IssueStepInput {}

@InputType('EscalateIssueInput', { description: 'What the `escalateIssue` mutation takes.' })
export class EscalateIssueInput extends IssueStepInput {}

@InputType('HandDownIssueInput', { description: 'What the `handDownIssue` mutation takes.' })
export class HandDownIssueInput extends IssueStepInput {}

@InputType('ResolveIssueInput', { description: 'What the `resolveIssue` mutation takes.' })
export class ResolveIssueInput extends IssueStepInput {}

@InputType('StartIssueInput', { description: 'What the `startIssue` mutation takes.' })
export class StartIssueInput extends IssueStepInput {}
