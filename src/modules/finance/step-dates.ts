import type { EntityManager } from '@mikro-orm/postgresql';
import { dbOf } from '../../core/data/db';
import { refuse, userError, UserErrorCode, type UserError } from '../../core/validation/user-error';
import type { ExpenditureProposal } from './expenditure-proposal.entity';

/*
 * The dates of a proposal's steps follow the proposal: a meeting (商议, 审议, 决议, a rejection) or
 * a payment is dated on or after the day the spend was proposed, on or after the latest date of an
 * earlier step, and not after today. Days are the community's local calendar days: the communities
 * are all in China, one offset all year (UTC+8, no daylight saving), as the meetings module reckons
 * a meeting's day. "Today" is the request's clock (a test puts it on any day). Triggers on
 * proposal_transition and ledger_entry hold the order for every writer (not "today": the
 * database's clock is not the request's); a refusal of theirs becomes the same user error.
 */

/** The latest date recorded by a step of the proposal so far (its proposal day when none). */
export async function latestStepDay(em: EntityManager, proposal: ExpenditureProposal): Promise<{ day: string; what: string }> {
  const rows = await dbOf(em).query<{ day: string | null; step: string | null }>(
    `select meeting_on::text as day, step from proposal_transition
      where proposal_id = $1 and meeting_on is not null order by meeting_on desc, id desc limit 1`,
    [proposal.id],
  );
  const last = rows[0];
  if (last?.day && last.day > proposal.proposedOn)
    return { day: last.day, what: `its ${last.step!.toLowerCase()} step is dated ${last.day}` };
  return { day: proposal.proposedOn, what: `it was proposed on ${proposal.proposedOn}` };
}

/**
 * Refuses `day` for the next step of `proposal` (on `field`): in the future (OUT_OF_RANGE), or before
 * the proposal or an earlier step of it (DATE_ORDER).
 */
export async function assertStepDay(
  em: EntityManager,
  proposal: ExpenditureProposal,
  day: string,
  field: string,
  today: string,
): Promise<void> {
  if (day > today) refuse(field, UserErrorCode.OUT_OF_RANGE, `${day} is in the future (today is ${today}); a step is recorded once taken`);
  const latest = await latestStepDay(em, proposal);
  if (day < latest.day)
    refuse(field, UserErrorCode.DATE_ORDER, `This step cannot be dated ${day}: ${latest.what}; a step is dated on or after it`);
}

/** The user error for a refusal of the step-date triggers (a write that raced past the service's check). */
export function stepDateRefusal(err: unknown, field: string): UserError | null {
  const { constraint, message } = err as { constraint?: string; message?: string };
  if (
    constraint === 'proposal_transition_before_proposal' ||
    constraint === 'proposal_transition_before_previous_step' ||
    constraint === 'ledger_entry_before_proposal' ||
    constraint === 'ledger_entry_before_proposal_steps'
  ) {
    return userError(
      field,
      UserErrorCode.DATE_ORDER,
      `A step of a proposal is dated on or after the proposal and its earlier steps (${message ?? ''})`,
    );
  }
  return null;
}
