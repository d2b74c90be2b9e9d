import { Capability } from '../../core/auth/capabilities';
import { defineNode, unarchivedColumns, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';
import type { RequestContext } from '../../context';
import type { VolunteerTeamKind } from './volunteers.enums';

/** A team sits where its compound is, or at its community. */
const TEAM_PATH = (team: string) =>
  `coalesce((select c.path::text from compound c where c.id = ${team}.compound_id), (select m.path::text from community m where m.id = ${team}.community_id))`;
const TEAM_ORG_PATH = (team: string) => `(select c.org_path::text from compound c where c.id = ${team}.compound_id)`;

export interface VolunteerTeamRow extends TenantRow {
  compoundId: number | null;
  name: string;
  kind: VolunteerTeamKind;
  leaderId: number | null;
  path: string | null;
  orgPath: string | null;
}

export const VolunteerTeamSpec = registerNodeSpec(
  defineNode<VolunteerTeamRow>({
    type: 'VolunteerTeam',
    table: 'volunteer_team',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      compoundId: 't.compound_id',
      name: 't.name',
      kind: 't.kind',
      leaderId: 't.leader_id',
      path: TEAM_PATH('t'),
      orgPath: TEAM_ORG_PATH('t'),
    },
  }),
);

export interface VolunteerActivityRow extends TenantRow {
  teamId: number;
  title: string;
  startsAt: string;
  durationMinutes: number;
  recurrence: string | null;
  place: string | null;
  checkInCode: string;
  path: string | null;
  orgPath: string | null;
}

export const VolunteerActivitySpec = registerNodeSpec(
  defineNode<VolunteerActivityRow>({
    type: 'VolunteerActivity',
    table: 'volunteer_activity',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      teamId: 't.team_id',
      title: 't.title',
      startsAt: 't.starts_at',
      durationMinutes: 't.duration_minutes',
      recurrence: 't.recurrence',
      place: 't.place',
      checkInCode: 't.check_in_code',
      path: `(select ${TEAM_PATH('v')} from volunteer_team v where v.id = t.team_id)`,
      orgPath: `(select ${TEAM_ORG_PATH('v')} from volunteer_team v where v.id = t.team_id)`,
    },
  }),
);

export interface VolunteerAttendanceRow extends TenantRow {
  activityId: number;
  personId: number;
  occursOn: string;
  signedUpAt: string | null;
  checkedInAt: string | null;
  checkedOutAt: string | null;
  path: string | null;
  orgPath: string | null;
}

export const VolunteerAttendanceSpec = registerNodeSpec(
  defineNode<VolunteerAttendanceRow>({
    type: 'VolunteerAttendance',
    table: 'volunteer_attendance',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      activityId: 't.activity_id',
      personId: 't.person_id',
      occursOn: 't.occurs_on',
      signedUpAt: 't.signed_up_at',
      checkedInAt: 't.checked_in_at',
      checkedOutAt: 't.checked_out_at',
      path: '(select p.path::text from person p where p.id = t.person_id)',
      orgPath: '(select p.org_path::text from person p where p.id = t.person_id)',
    },
  }),
  Capability.READ_PERSONS,
);

/** An entry is about one person: placed where the person is. */
export interface VolunteerHoursRow extends TenantRow {
  teamId: number;
  personId: number;
  activityId: number | null;
  servedOn: string;
  minutes: number;
  reversesId: number | null;
  reason: string | null;
  recordedBy: string;
  path: string | null;
  orgPath: string | null;
}

export const VolunteerHoursSpec = registerNodeSpec(
  defineNode<VolunteerHoursRow>({
    type: 'VolunteerHours',
    table: 'volunteer_hours',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      teamId: 't.team_id',
      personId: 't.person_id',
      activityId: 't.activity_id',
      servedOn: 't.served_on',
      minutes: 't.minutes',
      reversesId: 't.reverses_id',
      reason: 't.reason',
      recordedBy: 't.recorded_by',
      path: '(select p.path::text from person p where p.id = t.person_id)',
      orgPath: '(select p.org_path::text from person p where p.id = t.person_id)',
    },
  }),
  Capability.READ_PERSONS,
);

export interface VolunteerHonourRow extends TenantRow {
  compoundId: number | null;
  teamId: number | null;
  personId: number | null;
  title: string;
  awardedBy: string;
  awardedOn: string;
  path: string | null;
}

export const VolunteerHonourSpec = registerNodeSpec(
  defineNode<VolunteerHonourRow>({
    type: 'VolunteerHonour',
    table: 'volunteer_honour',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      communityId: 't.community_id',
      compoundId: 't.compound_id',
      teamId: 't.team_id',
      personId: 't.person_id',
      title: 't.title',
      awardedBy: 't.awarded_by',
      awardedOn: 't.awarded_on',
      path: '(select m.path::text from community m where m.id = t.community_id)',
    },
  }),
);

/** Total minutes per team or person (one statement for all the keys of a request level). */
export function minutesBy(ctx: RequestContext, by: 'team_id' | 'person_id') {
  return ctx.loaders.custom<number, number>(`volunteers:minutes:${by}`, async (db, keys) => {
    const rows = await db.query<{ k: number; minutes: number }>(
      `select ${by} as k, sum(minutes)::int as minutes from volunteer_hours where ${by} = any($1::int[]) group by 1`,
      [keys],
    );
    const byKey = new Map(rows.map((r) => [r.k, r.minutes]));
    return keys.map((k) => byKey.get(k) ?? 0);
  });
}

export interface VolunteerMonthRow {
  month: string;
  minutes: number;
  volunteers: number;
}

/**
 * Minutes served and active volunteers (distinct persons with hours) per month, for communities: one
 * statement for all of them (a district read model can call it with its communities' ids).
 */
export function volunteerMonths(ctx: RequestContext, from: string, to: string) {
  return ctx.loaders.custom<number, VolunteerMonthRow[]>(`volunteers:months:${from}:${to}`, async (db, communities) => {
    const rows = await db.query<{ community: number; month: string; minutes: number; volunteers: number }>(
      `select h.community_id as community, date_trunc('month', h.served_on)::date::text as month, sum(h.minutes)::int as minutes,
              count(distinct h.person_id)::int as volunteers
         from volunteer_hours h where h.community_id = any($1::int[]) and h.served_on >= $2::date and h.served_on <= $3::date
        group by 1, 2 order by 1, 2`,
      [communities, from, to],
    );
    return communities.map((c) =>
      rows.filter((r) => r.community === c).map((r) => ({ month: r.month, minutes: r.minutes, volunteers: r.volunteers })),
    );
  });
}
