import type { RequestContext } from '../../context';
import { staffedHours } from '../stations/staffed-hours.loaders';
import { MEETS_STANDARD } from '../stations/stations.loaders';
import type { ScopeKind } from './figures.loaders';
import { addMonths } from './figures.period';

/*
 * Service stations of a scope: how many, how many meet the standard now, and 门常开、人常在 as the
 * share of their opening hours in the period with someone checked in. Counts of stations and hours
 * of opening are about places, not persons, so nothing here is withheld below k.
 */

const COMMUNITIES: Record<ScopeKind, string> = {
  DISTRICT: 'select c.id from community c where c.district_id = $1',
  STREET: 'select c.id from community c where c.street_id = $1',
  COMMUNITY: 'select c.id from community c where c.id = $1',
};

export interface StationFigures {
  stations: number;
  meetingStandard: number;
  openSeconds: number;
  staffedSeconds: number;
  staffedShare: number | null;
}

interface StationFact {
  pk: number;
  communityId: number;
  compoundId: number | null;
  meets: boolean;
  openSeconds: number;
  staffedSeconds: number;
}

export interface StationScopeFacts {
  total: StationFigures;
  /** Per community (rows of a district or street) and per compound (rows of a community). */
  byCommunity: Map<number, StationFigures>;
  byCompound: Map<number, StationFigures>;
}

export const noStations = (): StationFigures => ({
  stations: 0,
  meetingStandard: 0,
  openSeconds: 0,
  staffedSeconds: 0,
  staffedShare: null,
});

function sum(facts: StationFact[]): StationFigures {
  const open = facts.reduce((a, f) => a + f.openSeconds, 0);
  const staffed = facts.reduce((a, f) => a + f.staffedSeconds, 0);
  return {
    stations: facts.length,
    meetingStandard: facts.filter((f) => f.meets).length,
    openSeconds: open,
    staffedSeconds: staffed,
    staffedShare: open > 0 ? Math.round((staffed / open) * 10_000) / 10_000 : null,
  };
}

function grouped(facts: StationFact[], key: (f: StationFact) => number | null): Map<number, StationFigures> {
  const groups = new Map<number, StationFact[]>();
  for (const f of facts) {
    const k = key(f);
    if (k === null) continue;
    groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  return new Map([...groups].map(([k, v]) => [k, sum(v)]));
}

/** Two statements per scope (the stations, then their staffed hours), whatever the number of rows. */
export function stationFacts(ctx: RequestContext, months: string[]) {
  const from = months[0];
  // staffedHours takes local days inclusive: up to the last day of the period's last month.
  const last = new Date(Date.parse(`${addMonths(months[months.length - 1], 1)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return ctx.loaders.custom<string, StationScopeFacts>(`figures:stations:${from}:${last}`, (db, keys) =>
    Promise.all(
      keys.map(async (k) => {
        const [kind, pkText] = k.split(':');
        const stations = await db.query<{ pk: number; communityId: number; compoundId: number | null; meets: boolean }>(
          `select t.id as pk, t.community_id as "communityId", t.compound_id as "compoundId", ${MEETS_STANDARD} as meets
             from service_station t where t.community_id in (${COMMUNITIES[kind as ScopeKind]}) order by t.id`,
          [Number(pkText)],
        );
        const hours = stations.length ? await staffedHours(ctx, from, last).loadMany(stations.map((s) => s.pk)) : [];
        const facts = stations.map((s, i) => {
          const h = hours[i];
          if (h instanceof Error) throw h;
          return { ...s, openSeconds: h.openSeconds, staffedSeconds: h.staffedSeconds };
        });
        return {
          total: sum(facts),
          byCommunity: grouped(facts, (f) => f.communityId),
          byCompound: grouped(facts, (f) => f.compoundId),
        };
      }),
    ),
  );
}
