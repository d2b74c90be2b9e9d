import type { RequestContext } from '../../context';
import { ResidentIssueSpec, type ResidentIssueRow } from '../issues/issues.loaders';
import { personOf } from './occurrence.access';
import { MeetingAttendanceSpec, MeetingOccurrenceSpec, type MeetingAttendanceRow, type MeetingOccurrenceRow } from './occurrence.loaders';
import { startOf } from './occurrence-times';

/* Batched reads that do not fit the loaders' shapes: one statement per level whatever its width. */

/** A community's meetings between two local days (inclusive), by start. */
export function occurrencesOfCommunity(
  ctx: RequestContext,
  communityPk: number,
  from: string,
  to: string,
): Promise<MeetingOccurrenceRow[]> {
  const after = startOf(from, '00:00');
  const before = new Date(startOf(to, '00:00').getTime() + 86_400_000);
  return ctx.loaders
    .custom<number, MeetingOccurrenceRow[]>(`meetings:ofCommunity:${after.toISOString()}:${before.toISOString()}`, async (db, keys) => {
      const rows = MeetingOccurrenceSpec.hydrate(
        await db.query<MeetingOccurrenceRow>(
          `select ${MeetingOccurrenceSpec.select} from meeting_occurrence t
            where t.community_id = any($1::int[]) and t.starts_at >= $2 and t.starts_at < $3 order by t.starts_at, t.id`,
          [keys, after, before],
        ),
      );
      return keys.map((k) => rows.filter((r) => r.communityId === k));
    })
    .load(communityPk);
}

/** The issues taken in during each meeting, in the order they were recorded. */
export function issuesTakenIn(ctx: RequestContext, occurrencePk: number): Promise<ResidentIssueRow[]> {
  return ctx.loaders
    .custom<number, ResidentIssueRow[]>('meetings:issuesTakenIn', async (db, keys) => {
      const rows = ResidentIssueSpec.hydrate(
        await db.query<ResidentIssueRow & { parentKey: number }>(
          `select ${ResidentIssueSpec.select}, i.occurrence_id as "parentKey" from meeting_issue_intake i
             join resident_issue t on t.id = i.issue_id where i.occurrence_id = any($1::int[]) order by i.id`,
          [keys],
        ),
      );
      return keys.map((k) => rows.filter((r) => r.parentKey === k));
    })
    .load(occurrencePk);
}

/** The meeting a proposal's transition was taken at, if a meeting's decision took it. */
export function occurrenceOfTransition(ctx: RequestContext, transitionPk: number): Promise<MeetingOccurrenceRow | null> {
  return ctx.loaders
    .custom<number, MeetingOccurrenceRow | null>('meetings:ofTransition', async (db, keys) => {
      const rows = MeetingOccurrenceSpec.hydrate(
        await db.query<MeetingOccurrenceRow & { parentKey: number }>(
          `select ${MeetingOccurrenceSpec.select}, d.proposal_transition_id as "parentKey" from meeting_decision d
             join meeting_occurrence t on t.id = d.occurrence_id where d.proposal_transition_id = any($1::int[])`,
          [keys],
        ),
      );
      return keys.map((k) => rows.find((r) => r.parentKey === k) ?? null);
    })
    .load(transitionPk);
}

/** The meeting a check-in token names (under row-level security), and whether `personPk` is on its register. */
export async function meetingByToken(
  ctx: RequestContext,
  token: string,
  personPk: number | null,
): Promise<{ occurrencePk: number; invited: boolean } | null> {
  if (!token || token.length > 64) return null;
  const rows = await ctx.db.query<{ id: number; invited: boolean }>(
    `select o.id, exists (select 1 from meeting_attendance a where a.occurrence_id = o.id and a.person_id = $2) as invited
       from meeting_occurrence o where o.check_in_token = $1`,
    [token, personPk ?? -1],
  );
  return rows[0] ? { occurrencePk: rows[0].id, invited: rows[0].invited } : null;
}

/** The caller's own line of a meeting's register (null: not invited), from the register's loader. */
export async function ownAttendance(ctx: RequestContext, occurrence: MeetingOccurrenceRow): Promise<MeetingAttendanceRow | null> {
  const me = personOf(ctx.principal);
  const rows = await ctx.loaders.allBy(MeetingAttendanceSpec, 'occurrence_id').load(occurrence.pk);
  return rows.find((r) => r.personId === me) ?? null;
}
