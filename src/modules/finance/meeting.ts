import { UserErrorCode, userError, type UserError } from '../../core/validation/user-error';
import { FinanceError } from './finance.errors';

/*
 * A voting meeting's figures (审议 by the party-member assembly, 决议 by the building heads): they
 * must add up, and above the community's quorum threshold the meeting must be recorded, two thirds
 * of those eligible must attend, and a majority of those attending must vote for. Pure.
 */

/** What a step's input says about its meeting. */
export interface MeetingFigures {
  meeting?: string | null;
  eligible?: number | null;
  attendance?: number | null;
  votesFor?: number | null;
  votesAgainst?: number | null;
  abstentions?: number | null;
}

/** Meeting figures: consistent, and when the amount needs it, a quorum and a carried vote. */
export function meetingErrors(input: MeetingFigures, quorumRequired: boolean): UserError[] {
  const errors: UserError[] = [];
  const { eligible, attendance, votesFor, votesAgainst, abstentions } = input;
  if (eligible != null && attendance != null && attendance > eligible)
    errors.push(userError('attendance', UserErrorCode.OUT_OF_RANGE, 'More attended than were eligible'));
  if (attendance != null && (votesFor ?? 0) + (votesAgainst ?? 0) + (abstentions ?? 0) > attendance) {
    errors.push(userError('votesFor', UserErrorCode.OUT_OF_RANGE, 'More votes than people attending'));
  }
  if (quorumRequired) {
    for (const [field, value] of Object.entries({ meeting: input.meeting, eligible, attendance, votesFor })) {
      if (value == null)
        errors.push(userError(field, UserErrorCode.REQUIRED, `Above the community's quorum threshold the meeting's ${field} is required`));
    }
    if (!errors.length && attendance! * 3 < eligible! * 2) {
      errors.push(
        userError(
          'attendance',
          FinanceError.QUORUM_NOT_MET,
          `${attendance} of ${eligible} attended; the quorum is two thirds (${Math.ceil((eligible! * 2) / 3)})`,
        ),
      );
    }
    if (!errors.length && votesFor! * 2 <= attendance!) {
      errors.push(
        userError(
          'votesFor',
          FinanceError.NOT_CARRIED,
          `${votesFor} of ${attendance} attending voted for; a majority of those attending is needed`,
        ),
      );
    }
  } else if (votesFor != null && votesAgainst != null && votesFor <= votesAgainst) {
    errors.push(
      userError(
        'votesFor',
        FinanceError.NOT_CARRIED,
        `${votesFor} for and ${votesAgainst} against does not carry; record a rejection instead`,
      ),
    );
  }
  return errors;
}
