import type { RequestContext } from '../../context';
import { reachesCommunity } from '../../core/auth/principal';
import { PersonSpec } from '../people/person.loaders';
import { STATION_TIME_ZONE } from './stations-defaults';

export interface StaffedHoursRow {
  openSeconds: number;
  staffedSeconds: number;
  share: number | null;
}

/*
 * 门常开、人常在 in SQL, exactly: a station's opening hours in the period (its weekly slots on each
 * local day from `from` to `to`, as UTC ranges, up to now) intersected with the union of its
 * check-ins (an open one lasts until now). Multiranges merge overlapping presences, so two people
 * at once count once. Opening hours are the ones in force when asked.
 */
const STAFFED_SQL = `
with opening as (
  select sl.station_id,
         range_agg(tstzrange((d::date + sl.opens_at::time) at time zone $4, (d::date + sl.closes_at::time) at time zone $4)) as open
    from station_opening_slot sl
    cross join generate_series($2::date, $3::date, interval '1 day') d
   where sl.station_id = any($1::int[]) and sl.weekday = extract(isodow from d)::int
   group by 1),
presence as (
  select c.station_id, range_agg(tstzrange(c.checked_in_at, coalesce(c.checked_out_at, greatest($5::timestamptz, c.checked_in_at)))) as present
    from station_check_in c
   where c.station_id = any($1::int[]) and c.checked_in_at < ($3::date + 1)::timestamp at time zone $4
     and coalesce(c.checked_out_at, $5::timestamptz) > $2::timestamp at time zone $4
   group by 1),
clipped as (
  select o.station_id, o.open * tstzmultirange(tstzrange(null, $5::timestamptz)) as open, p.present
    from opening o left join presence p using (station_id))
select station_id as "stationId",
       (select coalesce(sum(extract(epoch from upper(r) - lower(r))), 0) from unnest(open) r)::int as "openSeconds",
       (select coalesce(sum(extract(epoch from upper(r) - lower(r))), 0)
          from unnest(open * coalesce(present, '{}'::tstzmultirange)) r)::int as "staffedSeconds"
  from clipped`;

/** Staffed hours per station over local days `from`..`to` (one statement for all the stations of a request level). */
export function staffedHours(ctx: RequestContext, from: string, to: string) {
  const now = ctx.clock.now().toISOString();
  return ctx.loaders.custom<number, StaffedHoursRow>(`stations:staffed:${from}:${to}:${now}`, async (db, stations) => {
    const rows = await db.query<{ stationId: number; openSeconds: number; staffedSeconds: number }>(STAFFED_SQL, [
      stations,
      from,
      to,
      STATION_TIME_ZONE,
      now,
    ]);
    const byStation = new Map(rows.map((r) => [r.stationId, r]));
    return stations.map((s) => {
      const r = byStation.get(s);
      const open = r?.openSeconds ?? 0;
      const staffed = r?.staffedSeconds ?? 0;
      return { openSeconds: open, staffedSeconds: staffed, share: open > 0 ? staffed / open : null };
    });
  });
}

/**
 * The stations among those asked where a person is stationed today: on the station's roster, or
 * posted to a grid posted there. One statement for all the stations of a request level (the
 * check-in rule asks one, a list's `permissions` many).
 */
function stationedToday(ctx: RequestContext, personId: number) {
  const today = ctx.clock.today();
  return ctx.loaders.custom<number, boolean>(`stations:stationed:${personId}:${today}`, async (db, stations) => {
    const rows = await db.query<{ stationId: number }>(
      `select k.id as "stationId" from lianxin_keys($1::int[]) k(id)
        where exists (select 1 from station_roster_entry r
                       where r.station_id = k.id and r.person_id = $2 and r.from_on <= $3::date and (r.until_on is null or r.until_on >= $3::date))
           or exists (select 1 from grid_posting p join grid_unit g on g.id = p.grid_id
                       where g.station_id = k.id and p.person_id = $2 and p.started_on <= $3::date and p.ended_on is null)`,
      [stations, personId, today],
    );
    const stationed = new Set(rows.map((r) => r.stationId));
    return stations.map((s) => stationed.has(s));
  });
}

/**
 * The caller as the person who checks in or out at a station (null: nobody can, in person): signed
 * in as a person, in a community they reach, whose own row the request reads. A check-in names its
 * person, and row-level security's resident lock hides persons from a caller whose roles read no
 * residents (a party member bound only at their branch), their own row included. The check-in and
 * check-out rules, the service and the station's `permissions` all ask this one function.
 */
export async function personAtStation(ctx: RequestContext, station: { communityId: number }): Promise<number | null> {
  const principal = ctx.principal;
  if (principal.kind !== 'user' || principal.personId === null || !reachesCommunity(principal, station.communityId)) return null;
  const person = await ctx.loaders.node(PersonSpec).load(principal.personId);
  return person ? person.pk : null;
}

/** Whether the caller's person is stationed at the station today: on its roster, or posted to a grid posted there. */
export function isStationed(ctx: RequestContext, stationId: number, personId: number): Promise<boolean> {
  return stationedToday(ctx, personId).load(stationId);
}

/**
 * The stations where a person has an open check-in (at most one, by the unique index): what
 * checking in (none anywhere) and checking out (one here) ask. One statement per request.
 */
export function openCheckIns(ctx: RequestContext, personId: number): Promise<number[]> {
  return ctx.loaders
    .custom<number, number[]>('stations:openCheckIns', async (db, persons) => {
      const rows = await db.query<{ personId: number; stationId: number }>(
        `select person_id as "personId", station_id as "stationId" from station_check_in
          where person_id = any($1::int[]) and checked_out_at is null`,
        [persons],
      );
      return persons.map((p) => rows.filter((r) => r.personId === p).map((r) => r.stationId));
    })
    .load(personId);
}
