import type { RequestContext } from '../../context';
import type { ScopeKind } from './figures.loaders';
import { addMonths } from './figures.period';
import { cell, complement, count, markSmall, raw, type Cell, type Raw } from './figures.suppression';

/*
 * Care and volunteer figures of a scope for the months of a period: care links and the coverage
 * of special-group households, visits and problems solved per month, volunteer minutes per team and
 * month, active volunteers. Counts only; every count of households or persons (and minutes, over the
 * volunteers who served them) is withheld below k from callers above communities, and a team's
 * month is withheld with a second one when the month's total would give it away.
 */

const COMMUNITIES: Record<ScopeKind, string> = {
  DISTRICT: 'select c.id from community c where c.district_id = $1',
  STREET: 'select c.id from community c where c.street_id = $1',
  COMMUNITY: 'select c.id from community c where c.id = $1',
};

interface CoverageFacts {
  tagged: number;
  linked: number;
  links: number;
}

interface VisitMonthFacts {
  month: string;
  visits: number;
  solved: number;
  passedOn: number;
  households: number;
  solvedHouseholds: number;
  passedOnHouseholds: number;
}

interface TeamMonthFacts {
  month: string;
  teamId: number;
  teamName: string;
  minutes: number;
  volunteers: number;
}

interface VolunteerMonthFacts {
  month: string;
  minutes: number;
  volunteers: number;
}

export interface CareFacts {
  coverage: CoverageFacts;
  visits: VisitMonthFacts[];
  teams: TeamMonthFacts[];
  volunteers: VolunteerMonthFacts[];
}

/** Four statements per scope, whatever the number of communities, teams and months. */
export function careFacts(ctx: RequestContext, from: string, end: string) {
  return ctx.loaders.custom<string, CareFacts>(`figures:care:${from}:${end}`, (db, keys) =>
    Promise.all(
      keys.map(async (k) => {
        const [kind, pkText] = k.split(':');
        const params = [Number(pkText), from, end];
        const within = COMMUNITIES[kind as ScopeKind];
        const [coverage, visits, teams, volunteers] = await Promise.all([
          db.query<CoverageFacts>(
            `select coalesce(sum(tagged), 0)::int as tagged, coalesce(sum(linked), 0)::int as linked, coalesce(sum(links), 0)::int as links
               from lianxin_care_coverage(array(${within}))`,
            [params[0]],
          ),
          db.query<VisitMonthFacts>(
            `select date_trunc('month', v.visited_on)::date::text as month, count(*)::int as visits,
                    count(*) filter (where v.outcome = 'SOLVED')::int as solved, count(*) filter (where v.outcome = 'PASSED_ON')::int as "passedOn",
                    count(distinct l.household_id)::int as households,
                    count(distinct l.household_id) filter (where v.outcome = 'SOLVED')::int as "solvedHouseholds",
                    count(distinct l.household_id) filter (where v.outcome = 'PASSED_ON')::int as "passedOnHouseholds"
               from care_visit v join care_link l on l.id = v.link_id
              where v.community_id in (${within}) and v.visited_on >= $2::date and v.visited_on < $3::date
              group by 1 order by 1`,
            params,
          ),
          db.query<TeamMonthFacts>(
            `select date_trunc('month', h.served_on)::date::text as month, t.id as "teamId", t.name as "teamName",
                    sum(h.minutes)::int as minutes, count(distinct h.person_id)::int as volunteers
               from volunteer_hours h join volunteer_team t on t.id = h.team_id
              where h.community_id in (${within}) and h.served_on >= $2::date and h.served_on < $3::date
              group by 1, 2, 3 order by 1, 2`,
            params,
          ),
          db.query<VolunteerMonthFacts>(
            `select month, sum(minutes)::int as minutes, count(*) filter (where minutes > 0)::int as volunteers
               from (select date_trunc('month', h.served_on)::date::text as month, h.person_id, sum(h.minutes) as minutes
                       from volunteer_hours h
                      where h.community_id in (${within}) and h.served_on >= $2::date and h.served_on < $3::date
                      group by 1, 2) p
              group by 1 order by 1`,
            params,
          ),
        ]);
        return { coverage: coverage[0], visits, teams, volunteers };
      }),
    ),
  );
}

/** The same four statements, grouped by community: the rows of a district's or street's breakdown. */
export function careFactsByCommunity(ctx: RequestContext, from: string, end: string) {
  return ctx.loaders.custom<string, Map<number, CareFacts>>(`figures:care-rows:${from}:${end}`, (db, keys) =>
    Promise.all(
      keys.map(async (k) => {
        const [kind, pkText] = k.split(':');
        const params = [Number(pkText), from, end];
        const within = COMMUNITIES[kind as ScopeKind];
        type ByCommunity<T> = T & { communityId: number };
        const [coverage, visits, teams, volunteers] = await Promise.all([
          db.query<ByCommunity<CoverageFacts>>(
            `select community_id as "communityId", tagged, linked, links from lianxin_care_coverage(array(${within}))`,
            [params[0]],
          ),
          db.query<ByCommunity<VisitMonthFacts>>(
            `select v.community_id as "communityId", date_trunc('month', v.visited_on)::date::text as month, count(*)::int as visits,
                    count(*) filter (where v.outcome = 'SOLVED')::int as solved, count(*) filter (where v.outcome = 'PASSED_ON')::int as "passedOn",
                    count(distinct l.household_id)::int as households,
                    count(distinct l.household_id) filter (where v.outcome = 'SOLVED')::int as "solvedHouseholds",
                    count(distinct l.household_id) filter (where v.outcome = 'PASSED_ON')::int as "passedOnHouseholds"
               from care_visit v join care_link l on l.id = v.link_id
              where v.community_id in (${within}) and v.visited_on >= $2::date and v.visited_on < $3::date
              group by 1, 2 order by 1, 2`,
            params,
          ),
          db.query<ByCommunity<TeamMonthFacts>>(
            `select h.community_id as "communityId", date_trunc('month', h.served_on)::date::text as month, t.id as "teamId", t.name as "teamName",
                    sum(h.minutes)::int as minutes, count(distinct h.person_id)::int as volunteers
               from volunteer_hours h join volunteer_team t on t.id = h.team_id
              where h.community_id in (${within}) and h.served_on >= $2::date and h.served_on < $3::date
              group by 1, 2, 3, 4 order by 1, 2, 3`,
            params,
          ),
          db.query<ByCommunity<VolunteerMonthFacts>>(
            `select community_id as "communityId", month, sum(minutes)::int as minutes, count(*) filter (where minutes > 0)::int as volunteers
               from (select h.community_id, date_trunc('month', h.served_on)::date::text as month, h.person_id, sum(h.minutes) as minutes
                       from volunteer_hours h
                      where h.community_id in (${within}) and h.served_on >= $2::date and h.served_on < $3::date
                      group by 1, 2, 3) p
              group by 1, 2 order by 1, 2`,
            params,
          ),
        ]);
        const of = <T extends { communityId: number }>(rows: T[], id: number) => rows.filter((r) => r.communityId === id);
        return new Map(
          coverage.map((c) => [
            c.communityId,
            { coverage: c, visits: of(visits, c.communityId), teams: of(teams, c.communityId), volunteers: of(volunteers, c.communityId) },
          ]),
        );
      }),
    ),
  );
}

export interface CareFigures {
  specialHouseholds: Cell;
  linkedHouseholds: Cell;
  coverage: Cell;
  activeLinks: Cell;
  months: Array<{ month: string; visits: Cell; solved: Cell; passedOn: Cell }>;
}

export interface VolunteerFigures {
  months: Array<{ month: string; minutes: Cell; activeVolunteers: Cell; teams: Array<{ name: string; minutes: Cell }> }>;
}

const rate = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 10_000) / 10_000 : null);

interface CareRaws {
  head: { tagged: Raw; linked: Raw; share: Raw; links: Raw };
  unlinked: Raw;
  rows: Array<{ month: string; visits: Raw; solved: Raw; passedOn: Raw }>;
}

function careRaws(facts: CareFacts, months: string[]): CareRaws {
  const { tagged, linked, links } = facts.coverage;
  return {
    head: { tagged: count(tagged), linked: count(linked), share: raw(rate(linked, tagged), tagged), links: count(links) },
    // Linked and not linked add up to the tagged households: a small gap is not shown by subtraction either.
    unlinked: count(tagged - linked),
    rows: months.map((month) => {
      const f = facts.visits.find((v) => v.month === month);
      return {
        month,
        visits: raw(f?.visits ?? 0, f?.households ?? 0),
        solved: raw(f?.solved ?? 0, f?.solvedHouseholds ?? 0),
        passedOn: raw(f?.passedOn ?? 0, f?.passedOnHouseholds ?? 0),
      };
    }),
  };
}

const careCellsOf = (r: CareRaws) => [...Object.values(r.head), r.unlinked, ...r.rows.flatMap((m) => [m.visits, m.solved, m.passedOn])];

function careWithin(r: CareRaws): void {
  complement([r.head.linked, r.unlinked], r.head.tagged);
  if (r.head.tagged.hide || r.head.linked.hide) r.head.share.hide = true;
}

function careOut(r: CareRaws): CareFigures {
  return {
    specialHouseholds: cell(r.head.tagged),
    linkedHouseholds: cell(r.head.linked),
    coverage: cell(r.head.share),
    activeLinks: cell(r.head.links),
    months: r.rows.map((m) => ({ month: m.month, visits: cell(m.visits), solved: cell(m.solved), passedOn: cell(m.passedOn) })),
  };
}

/** The care figures of the months `from` (first day) up to `end` (first day after), suppressed when asked. */
export function computeCare(facts: CareFacts, months: string[], k: number, suppress: boolean): CareFigures {
  const r = careRaws(facts, months);
  if (suppress) {
    markSmall(careCellsOf(r), k);
    careWithin(r);
  }
  return careOut(r);
}

interface VolunteerRaws {
  months: Array<{ month: string; minutes: Raw; active: Raw; teams: Array<{ teamId: number; name: string; minutes: Raw }> }>;
}

function volunteerRaws(facts: CareFacts, months: string[]): VolunteerRaws {
  return {
    months: months.map((month) => {
      const total = facts.volunteers.find((v) => v.month === month);
      return {
        month,
        minutes: raw(total?.minutes ?? 0, total?.volunteers ?? 0),
        active: count(total?.volunteers ?? 0),
        teams: facts.teams
          .filter((t) => t.month === month)
          .map((t) => ({ teamId: t.teamId, name: t.teamName, minutes: raw(t.minutes, t.volunteers) })),
      };
    }),
  };
}

const volunteerCellsOf = (r: VolunteerRaws) => r.months.flatMap((m) => [m.minutes, m.active, ...m.teams.map((t) => t.minutes)]);

function volunteersWithin(r: VolunteerRaws): void {
  for (const m of r.months)
    complement(
      m.teams.map((t) => t.minutes),
      m.minutes,
    );
}

function volunteersOut(r: VolunteerRaws): VolunteerFigures {
  return {
    months: r.months.map((m) => ({
      month: m.month,
      minutes: cell(m.minutes),
      activeVolunteers: cell(m.active),
      teams: m.teams.map((t) => ({ name: t.name, minutes: cell(t.minutes) })),
    })),
  };
}

/** Volunteer minutes per month and team, and active volunteers (net minutes above zero in the month). */
export function computeVolunteers(facts: CareFacts, months: string[], k: number, suppress: boolean): VolunteerFigures {
  const r = volunteerRaws(facts, months);
  if (suppress) {
    markSmall(volunteerCellsOf(r), k);
    volunteersWithin(r);
  }
  return volunteersOut(r);
}

/**
 * The whole and one row per community, suppressed together: within each (as above), and down each
 * column, where the rows add up to the whole; a team belongs to one community, so its cell in the
 * row and in the whole is one cell. The whole is computed here too, so Figures.care and
 * FiguresRow.care never show what the other withholds.
 */
export function computeCareByCommunity(
  byCommunity: Map<number, CareFacts>,
  months: string[],
  k: number,
  suppress: boolean,
): { total: { care: CareFigures; volunteers: VolunteerFigures }; rows: Map<number, { care: CareFigures; volunteers: VolunteerFigures }> } {
  const ids = [...byCommunity.keys()];
  const care = ids.map((id) => careRaws(byCommunity.get(id)!, months));
  const vol = ids.map((id) => volunteerRaws(byCommunity.get(id)!, months));
  const totalCare = careRaws(sumFacts([...byCommunity.values()]), months);
  const totalVol = volunteerRaws(sumFacts([...byCommunity.values()]), months);
  // The whole's team cells are the rows' own.
  const teamCell = new Map(vol.flatMap((r) => r.months.flatMap((m) => m.teams.map((t) => [`${m.month}:${t.teamId}`, t.minutes] as const))));
  for (const m of totalVol.months) for (const t of m.teams) t.minutes = teamCell.get(`${m.month}:${t.teamId}`) ?? t.minutes;
  if (suppress) {
    for (const r of [totalCare, ...care]) markSmall(careCellsOf(r), k);
    for (const r of [totalVol, ...vol]) markSmall(volunteerCellsOf(r), k);
    for (let pass = 0; pass < 3; pass++) {
      for (const r of [totalCare, ...care]) careWithin(r);
      for (const r of [totalVol, ...vol]) volunteersWithin(r);
      for (const key of ['tagged', 'linked', 'links'] as const)
        complement(
          care.map((r) => r.head[key]),
          totalCare.head[key],
        );
      complement(
        care.map((r) => r.unlinked),
        totalCare.unlinked,
      );
      totalCare.rows.forEach((m, i) => {
        for (const key of ['visits', 'solved', 'passedOn'] as const)
          complement(
            care.map((r) => r.rows[i][key]),
            m[key],
          );
      });
      totalVol.months.forEach((m, i) => {
        for (const key of ['minutes', 'active'] as const)
          complement(
            vol.map((r) => r.months[i][key]),
            m[key],
          );
      });
    }
    for (const r of [totalCare, ...care]) if (r.head.tagged.hide || r.head.linked.hide) r.head.share.hide = true;
  }
  return {
    total: { care: careOut(totalCare), volunteers: volunteersOut(totalVol) },
    rows: new Map(ids.map((id, i) => [id, { care: careOut(care[i]), volunteers: volunteersOut(vol[i]) }])),
  };
}

/** The facts of several communities as one (teams and persons belong to one community each). */
export function sumFacts(list: CareFacts[]): CareFacts {
  const byMonth = <T extends { month: string }>(rows: T[], add: (a: T, b: T) => T) => {
    const m = new Map<string, T>();
    for (const r of rows) m.set(r.month, m.has(r.month) ? add(m.get(r.month)!, r) : { ...r });
    return [...m.values()].sort((a, b) => a.month.localeCompare(b.month));
  };
  return {
    coverage: {
      tagged: list.reduce((s, f) => s + f.coverage.tagged, 0),
      linked: list.reduce((s, f) => s + f.coverage.linked, 0),
      links: list.reduce((s, f) => s + f.coverage.links, 0),
    },
    visits: byMonth(
      list.flatMap((f) => f.visits),
      (a, b) => ({
        month: a.month,
        visits: a.visits + b.visits,
        solved: a.solved + b.solved,
        passedOn: a.passedOn + b.passedOn,
        households: a.households + b.households,
        solvedHouseholds: a.solvedHouseholds + b.solvedHouseholds,
        passedOnHouseholds: a.passedOnHouseholds + b.passedOnHouseholds,
      }),
    ),
    teams: list.flatMap((f) => f.teams).sort((a, b) => a.month.localeCompare(b.month) || a.teamId - b.teamId),
    volunteers: byMonth(
      list.flatMap((f) => f.volunteers),
      (a, b) => ({ month: a.month, minutes: a.minutes + b.minutes, volunteers: a.volunteers + b.volunteers }),
    ),
  };
}

/** The first days of the months of a period, and the first day after it. */
export function periodBounds(months: string[]): { from: string; end: string } {
  return { from: months[0], end: addMonths(months[months.length - 1], 1) };
}
