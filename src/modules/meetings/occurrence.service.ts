import { randomBytes } from 'node:crypto';
import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { actorLabel } from '../../core/auth/principal';
import { dbOf } from '../../core/data/db';
import { registerUniqueConstraint } from '../../core/graphql/constraints';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { toGlobalId } from '../../core/ids/global-id';
import { refuse, UserErrorCode, type UserError } from '../../core/validation/user-error';
import { ExpenditureProposal } from '../finance/expenditure-proposal.entity';
import { ProposalStep } from '../finance/finance.enums';
import { spendingService } from '../finance/spending.service';
import { Community } from '../geography/community.entity';
import { issuesService } from '../issues/issues.service';
import { IssueAction } from '../issues/ladder';
import { ResidentIssue } from '../issues/resident-issue.entity';
import { Person } from '../people/person.entity';
import { Compound } from '../places/compound.entity';
import { MeetingAgendaItem } from './meeting-agenda-item.entity';
import { MeetingAttendance } from './meeting-attendance.entity';
import { MeetingDecision } from './meeting-decision.entity';
import { MeetingIssueIntake } from './meeting-issue-intake.entity';
import { MeetingOccurrence } from './meeting-occurrence.entity';
import { MeetingSchedule } from './meeting-schedule.entity';
import { MeetingsError } from './meetings.errors';
import type {
  AddMeetingAgendaItemInput,
  CreateMeetingOccurrenceInput,
  InviteToMeetingInput,
  MaterializeMeetingOccurrencesInput,
  RecordAttendanceInput,
  RecordIssueTakenInInput,
  RecordMeetingDecisionInput,
  RecordMeetingMinutesInput,
  SetMeetingStatusInput,
} from './occurrence.inputs';
import { AttendanceStatus, kindOfSchedule, type MeetingProposalStep, MeetingStatus } from './occurrence.enums';
import { hasStarted, mayLeaveStatus, takesInIssues } from './occurrence.states';
import { localDay } from '../../core/time/calendar';
import { checkInOpen, endOf, startOf } from './occurrence-times';
import { occurrences } from './recurrence';

registerUniqueConstraint('meeting_issue_intake_once', 'issueId', 'The issue is already recorded as taken in at this meeting');
registerUniqueConstraint('meeting_attendance_once_per_person', 'personId', 'The person is already on this meeting’s register');
registerUniqueConstraint(
  'meeting_occurrence_once_per_start',
  'meetingScheduleId',
  'Someone materialised these meetings at the same moment; try again',
);

const DEFAULT_MINUTES = 120;
const MAX_INVITES = 200;

/** A random token for the meeting's QR code: unguessable, unique (a unique index backs it). */
const newToken = () => randomBytes(24).toString('base64url');

function findOccurrence(em: EntityManager, id: string): Promise<MeetingOccurrence> {
  return findByGlobalId(em, MeetingOccurrence, 'MeetingOccurrence', id, 'occurrenceId');
}

/** Another module's refusal, as this mutation's, under the field that asked for the step (null: it went through). */
function passOn(field: string, outcome: MutationOutcome<number>): MutationOutcome<number> | null {
  if (outcome.userErrors.length === 0 && outcome.value !== null) return null;
  return { value: null, userErrors: outcome.userErrors.map((e): UserError => ({ ...e, field: [field, ...e.field] })) };
}

async function latestId(ctx: RequestContext, query: string, pk: number): Promise<number> {
  const [row] = await ctx.db.query<{ id: number }>(query, [pk]);
  return row.id;
}

const PROPOSAL_STEPS: Record<MeetingProposalStep, ProposalStep.DISCUSS | ProposalStep.REVIEW | ProposalStep.RESOLVE> = {
  DISCUSS: ProposalStep.DISCUSS,
  REVIEW: ProposalStep.REVIEW,
  RESOLVE: ProposalStep.RESOLVE,
};

/** Meetings: occurrences, their agenda, attendance and check-in, minutes, decisions and office-hour intake. */
export const occurrenceService = {
  /** The schedule's meetings in the window, created where missing (idempotent: one per schedule and start). */
  materialize(ctx: RequestContext, input: MaterializeMeetingOccurrencesInput): Promise<MutationOutcome<number[]>> {
    return mutate(ctx, input, async (em) => {
      const schedule = await findByGlobalId(em, MeetingSchedule, 'MeetingSchedule', input.meetingScheduleId, 'meetingScheduleId');
      if (input.to < input.from || Date.parse(input.to) - Date.parse(input.from) > 366 * 86_400_000)
        refuse('to', UserErrorCode.DATE_ORDER, 'The window ends after it starts, at most 366 days later');
      const days = occurrences(schedule.rule, {
        startsOn: schedule.startsOn,
        from: input.from,
        to: input.to,
        nextWorkingDay: schedule.nextWorkingDay,
        holidays: schedule.holidays,
      });
      const db = dbOf(em);
      const existing = await db.query<{ startsAt: Date }>(
        'select starts_at as "startsAt" from meeting_occurrence where schedule_id = $1 and starts_at = any($2::timestamptz[])',
        [schedule.id, days.map((d) => startOf(d, schedule.startTime).toISOString())],
      );
      const have = new Set(existing.map((r) => new Date(r.startsAt).getTime()));
      for (const day of days) {
        const startsAt = startOf(day, schedule.startTime);
        if (have.has(startsAt.getTime())) continue;
        em.create(MeetingOccurrence, {
          community: schedule.community,
          schedule,
          compound: schedule.compound ?? null,
          kind: kindOfSchedule(schedule.kind, input.kind),
          title: schedule.title,
          startsAt,
          endsAt: endOf(startsAt, input.durationMinutes ?? DEFAULT_MINUTES),
          place: input.place ?? null,
          status: MeetingStatus.SCHEDULED,
          checkInToken: newToken(),
        });
      }
      await em.flush();
      const rows = await db.query<{ id: number }>(
        'select id from meeting_occurrence where schedule_id = $1 and starts_at = any($2::timestamptz[]) order by starts_at',
        [schedule.id, days.map((d) => startOf(d, schedule.startTime).toISOString())],
      );
      return rows.map((r) => r.id);
    });
  },

  /** A one-off meeting (an assembly, an extra joint meeting). */
  create(ctx: RequestContext, input: CreateMeetingOccurrenceInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const community = await findByGlobalId(em, Community, 'Community', input.communityId, 'communityId');
      const compound = input.compoundId ? await findByGlobalId(em, Compound, 'Compound', input.compoundId, 'compoundId') : null;
      if (compound && compound.community.id !== community.id)
        refuse('compoundId', UserErrorCode.MISMATCH, 'The compound is not of this community');
      if (input.endsAt.getTime() <= input.startsAt.getTime()) refuse('endsAt', UserErrorCode.DATE_ORDER, 'A meeting ends after it starts');
      const occurrence = em.create(MeetingOccurrence, {
        community,
        schedule: null,
        compound,
        kind: input.kind,
        title: input.title,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        place: input.place ?? null,
        status: MeetingStatus.SCHEDULED,
        checkInToken: newToken(),
      });
      await em.flush();
      return occurrence.id;
    });
  },

  setStatus(ctx: RequestContext, input: SetMeetingStatusInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const occurrence = await findOccurrence(em, input.occurrenceId);
      if (input.status === MeetingStatus.HELD && !hasStarted(occurrence.startsAt, ctx.clock.now()))
        refuse('status', MeetingsError.MEETING_NOT_HELD, 'The meeting has not started yet');
      if (!mayLeaveStatus(occurrence.status) && input.status !== MeetingStatus.HELD)
        refuse('status', UserErrorCode.INVALID, 'The meeting was held; its record stands');
      occurrence.status = input.status;
      return occurrence.id;
    });
  },

  addAgendaItem(ctx: RequestContext, input: AddMeetingAgendaItemInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const occurrence = await findOccurrence(em, input.occurrenceId);
      const issue = input.issueId ? await findByGlobalId(em, ResidentIssue, 'ResidentIssue', input.issueId, 'issueId') : null;
      const proposal = input.proposalId
        ? await findByGlobalId(em, ExpenditureProposal, 'ExpenditureProposal', input.proposalId, 'proposalId')
        : null;
      const count = await em.count(MeetingAgendaItem, { occurrence });
      em.create(MeetingAgendaItem, {
        community: occurrence.community,
        occurrence,
        position: count + 1,
        title: input.title,
        issue,
        proposal,
      });
      return occurrence.id;
    });
  },

  invite(ctx: RequestContext, input: InviteToMeetingInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const occurrence = await findOccurrence(em, input.occurrenceId);
      if (input.personIds.length === 0 || input.personIds.length > MAX_INVITES)
        refuse('personIds', UserErrorCode.OUT_OF_RANGE, `Invite 1 to ${MAX_INVITES} persons at a time`);
      const persons = [];
      for (const id of input.personIds) persons.push(await findByGlobalId(em, Person, 'Person', id, 'personIds'));
      const invited = await em.find(MeetingAttendance, { occurrence, person: { $in: persons.map((p) => p.id) } });
      const already = new Set(invited.map((a) => a.person.id));
      for (const person of persons) {
        if (already.has(person.id)) continue;
        already.add(person.id);
        em.create(MeetingAttendance, { community: occurrence.community, occurrence, person, status: AttendanceStatus.INVITED });
      }
      return occurrence.id;
    });
  },

  recordAttendance(ctx: RequestContext, input: RecordAttendanceInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const occurrence = await findOccurrence(em, input.occurrenceId);
      const person = await findByGlobalId(em, Person, 'Person', input.personId, 'personId');
      if ((input.status === AttendanceStatus.PROXY) !== !!input.proxyPersonId)
        refuse('proxyPersonId', UserErrorCode.REQUIRED, 'Name the proxy for PROXY, and only for it');
      const proxy = input.proxyPersonId ? await findByGlobalId(em, Person, 'Person', input.proxyPersonId, 'proxyPersonId') : null;
      if (proxy && proxy.id === person.id) refuse('proxyPersonId', UserErrorCode.MISMATCH, 'A person is not their own proxy');
      const row =
        (await em.findOne(MeetingAttendance, { occurrence, person })) ??
        em.create(MeetingAttendance, { community: occurrence.community, occurrence, person, status: AttendanceStatus.INVITED });
      row.status = input.status;
      row.proxy = proxy ? ref(proxy) : null;
      return occurrence.id;
    });
  },

  /** 扫码签到: the invited caller is present in person (the rule found their invitation by the token). */
  checkIn(ctx: RequestContext, token: string): Promise<MutationOutcome<number>> {
    return mutate(ctx, { token }, async (em) => {
      const occurrence = await em.findOneOrFail(MeetingOccurrence, { checkInToken: token });
      if (occurrence.status === MeetingStatus.CANCELLED) refuse('token', MeetingsError.MEETING_CANCELLED, 'The meeting was cancelled');
      if (!checkInOpen(occurrence.startsAt, occurrence.endsAt, ctx.clock.now()))
        refuse('token', MeetingsError.CHECK_IN_CLOSED, 'Check-in is open from an hour before the meeting until it ends');
      const personId = ctx.principal.kind === 'user' ? ctx.principal.personId : null;
      const row = await em.findOneOrFail(MeetingAttendance, { occurrence, person: personId ?? -1 });
      row.status = AttendanceStatus.PRESENT;
      row.proxy = null;
      row.checkedInAt ??= ctx.clock.now();
      return occurrence.id;
    });
  },

  recordMinutes(ctx: RequestContext, input: RecordMeetingMinutesInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const occurrence = await findOccurrence(em, input.occurrenceId);
      if (occurrence.status !== MeetingStatus.HELD) refuse('occurrenceId', MeetingsError.MEETING_NOT_HELD, 'Mark the meeting held first');
      occurrence.minutes = input.minutes;
      occurrence.minutesRecordedBy = actorLabel(ctx.principal);
      occurrence.minutesRecordedAt = ctx.clock.now();
      return occurrence.id;
    });
  },

  /**
   * A decision; with `resolvesIssue` it resolves the agenda item's issue through the issues service
   * (its ladder and steps apply), with `proposalStep` it takes the spending step through the finance
   * service, citing this meeting, its register and votes. The other module's step runs in its own
   * savepoint between checking the decision and recording it (savepoints do not nest here), so a
   * decision moves one thing at most: a refusal there leaves nothing behind.
   */
  async recordDecision(ctx: RequestContext, input: RecordMeetingDecisionInput): Promise<MutationOutcome<number>> {
    const checked = await mutate(ctx, input, async (em) => {
      const occurrence = await findOccurrence(em, input.occurrenceId);
      if (occurrence.status !== MeetingStatus.HELD) refuse('occurrenceId', MeetingsError.MEETING_NOT_HELD, 'Mark the meeting held first');
      const item = input.agendaItemId
        ? await findByGlobalId(em, MeetingAgendaItem, 'MeetingAgendaItem', input.agendaItemId, 'agendaItemId')
        : null;
      if (item && item.occurrence.id !== occurrence.id)
        refuse('agendaItemId', UserErrorCode.MISMATCH, 'The agenda item is of another meeting');
      if (input.resolvesIssue && input.proposalStep)
        refuse('proposalStep', UserErrorCode.INVALID, 'A decision moves an issue or a proposal, not both: record two decisions');
      if (input.resolvesIssue && !item?.issue) refuse('resolvesIssue', MeetingsError.NOTHING_LINKED, 'The agenda item has no issue');
      if (input.proposalStep && !item?.proposal) refuse('proposalStep', MeetingsError.NOTHING_LINKED, 'The agenda item has no proposal');
      const register = (await dbOf(em).one<{ eligible: number; attendance: number }>(
        `select count(*)::int as eligible, (count(*) filter (where status in ('PRESENT', 'PROXY')))::int as attendance
           from meeting_attendance where occurrence_id = $1`,
        [occurrence.id],
      ))!;
      return {
        occurrenceId: occurrence.id,
        title: occurrence.title,
        day: localDay(occurrence.startsAt),
        issuePk: item?.issue?.id ?? null,
        proposalPk: item?.proposal?.id ?? null,
        register,
      };
    });
    if (!checked.value) return { value: null, userErrors: checked.userErrors };
    const { occurrenceId, title, day, issuePk, proposalPk, register } = checked.value;

    let moved: { issueStep?: number; proposalTransition?: number } = {};
    if (input.resolvesIssue && issuePk !== null) {
      const outcome = await issuesService.act(
        ctx,
        { issueId: toGlobalId('ResidentIssue', issuePk), note: input.text.slice(0, 1000) },
        IssueAction.RESOLVE,
      );
      const refused = passOn('resolvesIssue', outcome);
      if (refused) return refused;
      moved = { issueStep: await latestId(ctx, 'select max(id) as id from issue_step where issue_id = $1', issuePk) };
    }
    if (input.proposalStep && proposalPk !== null) {
      const outcome = await spendingService.advance(ctx, PROPOSAL_STEPS[input.proposalStep], {
        proposalId: toGlobalId('ExpenditureProposal', proposalPk),
        meeting: `${title} ${day}`.slice(0, 200),
        meetingOn: day,
        eligible: register.eligible || null,
        attendance: register.eligible ? register.attendance : null,
        votesFor: input.votesFor ?? null,
        votesAgainst: input.votesAgainst ?? null,
        abstentions: input.abstentions ?? null,
        comment: input.text.slice(0, 1000),
      });
      const refused = passOn('proposalStep', outcome);
      if (refused) return refused;
      moved = {
        proposalTransition: await latestId(ctx, 'select max(id) as id from proposal_transition where proposal_id = $1', proposalPk),
      };
    }
    return mutate(ctx, input, async (em) => {
      const occurrence = await em.findOneOrFail(MeetingOccurrence, { id: occurrenceId });
      const item = input.agendaItemId
        ? await findByGlobalId(em, MeetingAgendaItem, 'MeetingAgendaItem', input.agendaItemId, 'agendaItemId')
        : null;
      em.create(MeetingDecision, {
        community: occurrence.community,
        occurrence,
        agendaItem: item,
        text: input.text,
        votesFor: input.votesFor ?? null,
        votesAgainst: input.votesAgainst ?? null,
        abstentions: input.abstentions ?? null,
        issueStep: moved.issueStep ?? null,
        proposalTransition: moved.proposalTransition ?? null,
        recordedBy: actorLabel(ctx.principal),
        recordedAt: ctx.clock.now(),
      });
      return occurrence.id;
    });
  },

  /** 坐班, 逢三说事: an issue taken in during this meeting. */
  recordIssueTakenIn(ctx: RequestContext, input: RecordIssueTakenInInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const occurrence = await findOccurrence(em, input.occurrenceId);
      if (!takesInIssues(occurrence.kind))
        refuse('occurrenceId', MeetingsError.NOT_AN_INTAKE_MEETING, 'Issues are taken in at an office hour or 逢三说事');
      if (occurrence.status === MeetingStatus.CANCELLED)
        refuse('occurrenceId', MeetingsError.MEETING_CANCELLED, 'The office hour was cancelled');
      const issue = await findByGlobalId(em, ResidentIssue, 'ResidentIssue', input.issueId, 'issueId');
      em.create(MeetingIssueIntake, { community: occurrence.community, occurrence, issue, recordedBy: actorLabel(ctx.principal) });
      return occurrence.id;
    });
  },
};
