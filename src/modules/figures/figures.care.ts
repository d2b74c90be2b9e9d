import type { RequestContext } from '../../context';
import type { ScopeKind } from './figures.loaders';
import { addMonths } from './figures.period';
import { cell, complement, markSmall, raw, type Cell, type Raw } from './figures.suppression';

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

/** The care figures of the months `from` (first day) up to `end` (first day after), suppressed when asked. */
export function computeCare(facts: CareFacts, months: string[], k: number, suppress: boolean): CareFigures {
  const { tagged, linked, links } = facts.coverage;
  const head = {
    tagged: raw(tagged, tagged),
    linked: raw(linked, linked),
    share: raw(rate(linked, tagged), tagged),
    links: raw(links, links),
  };
  const rows = months.map((month) => {
    const f = facts.visits.find((v) => v.month === month);
    return {
      month,
      visits: raw(f?.visits ?? 0, f?.households ?? 0),
      solved: raw(f?.solved ?? 0, f?.solvedHouseholds ?? 0),
      passedOn: raw(f?.passedOn ?? 0, f?.passedOnHouseholds ?? 0),
    };
  });
  if (suppress) {
    // Linked and not linked add up to the tagged households: a small gap is not shown by subtraction either.
    const unlinked = raw(tagged - linked, tagged - linked);
    markSmall([...Object.values(head), unlinked, ...rows.flatMap((r) => [r.visits, r.solved, r.passedOn])], k);
    complement([head.linked, unlinked], head.tagged);
    if (head.tagged.hide || head.linked.hide) head.share.hide = true;
  }
  return {
    specialHouseholds: cell(head.tagged),
    linkedHouseholds: cell(head.linked),
    coverage: cell(head.share),
    activeLinks: cell(head.links),
    months: rows.map((r) => ({ month: r.month, visits: cell(r.visits), solved: cell(r.solved), passedOn: cell(r.passedOn) })),
  };
}

/** Volunteer minutes per month and team, and active volunteers (net minutes above zero in the month). */
export function computeVolunteers(facts: CareFacts, months: string[], k: number, suppress: boolean): VolunteerFigures {
  const out = months.map((month) => {
    const total = facts.volunteers.find((v) => v.month === month);
    const minutes: Raw = raw(total?.minutes ?? 0, total?.volunteers ?? 0);
    const active: Raw = raw(total?.volunteers ?? 0, total?.volunteers ?? 0);
    const teams = facts.teams.filter((t) => t.month === month).map((t) => ({ name: t.teamName, minutes: raw(t.minutes, t.volunteers) }));
    if (suppress) {
      markSmall([minutes, active, ...teams.map((t) => t.minutes)], k);
      complement(
        teams.map((t) => t.minutes),
        minutes,
      );
    }
    return { month, minutes, active, teams };
  });
  return {
    months: out.map((m) => ({
      month: m.month,
      minutes: cell(m.minutes),
      activeVolunteers: cell(m.active),
      teams: m.teams.map((t) => ({ name: t.name, minutes: cell(t.minutes) })),
    })),
  };
}

/** The first days of the months of a period, and the first day after it. */
export function periodBounds(months: string[]): { from: string; end: string } {
  return { from: months[0], end: addMonths(months[months.length - 1], 1) };
}
