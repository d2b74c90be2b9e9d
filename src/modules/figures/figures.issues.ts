import type { RequestContext } from '../../context';
import { IssueStatus } from '../issues/issues.enums';
import { addMonths } from './figures.period';
import { cell, complement, link, markSmall, raw, type Cell, type Raw } from './figures.suppression';
import type { ScopeKind, Scope } from './figures.loaders';

/*
 * Residents' issues in the figures (docs/figures.md): the issues reported in a period (UTC months of
 * reported_at), and what became of them as of now. Counted straight from the issues' tables, one
 * statement per scope and period (a GROUPING SETS query gives the breakdown's units, the months and
 * the total at once: a median does not add up from parts, so there is no roll-up to maintain).
 * Counts of issues name nobody and are plain; the ratings are the reporters' (persons): their count
 * and average are withheld below k for officers above communities, with complementary suppression
 * over the breakdown, once per scope and quarter (`quarterRatings`): a quarter's count is its
 * months' sum, so the month answers, the quarter's and the series take their flags from one result.
 */

const WHERE: Record<ScopeKind, string> = {
  DISTRICT: 'c.district_id = $1',
  STREET: 'c.street_id = $1',
  COMMUNITY: 'c.id = $1',
};

const RESOLVED = [IssueStatus.RESOLVED, IssueStatus.CLOSED];

export interface FactRow {
  unit: number | null;
  month: string | null;
  reported: number;
  acceptedWithinSla: number;
  resolved: number;
  resolvedWithinSla: number;
  solvedInCompound: number;
  medianHours: number | null;
  ratings: number;
  ratingSum: number;
}

export interface IssueFigures {
  reported: number;
  acceptedWithinSla: number;
  resolved: number;
  resolvedWithinSla: number;
  solvedInCompound: number;
  medianHoursToResolution: number | null;
  ratings: Cell;
  averageRating: Cell;
}

export interface IssueFiguresPoint extends IssueFigures {
  month: string;
}

/** The figures of one scope and span: per unit of the breakdown, per month, and in total. */
interface IssueFiguresAnswer {
  total: IssueFigures;
  byUnit: Map<number, IssueFigures>;
  byMonth: Map<string, IssueFigures>;
}

/**
 * The facts of a span per unit, per month and in total; with `perUnitMonth` (withheld callers: the
 * span is whole quarters) per unit and month as well, for the quarters' joint suppression.
 */
const SQL = (kind: ScopeKind, unit: 'COMMUNITY' | 'COMPOUND', perUnitMonth: boolean) => `
with i as (
  select r.${unit === 'COMMUNITY' ? 'community_id' : 'compound_id'} as unit,
         to_char(date_trunc('month', r.reported_at at time zone 'UTC'), 'YYYY-MM-DD') as month,
         r.reported_at, r.resolved_at, r.rating, r.status = any($4::text[]) as resolved,
         (select min(s.at) from issue_step s where s.issue_id = r.id and s.to_status = 'ACCEPTED') as accepted_at,
         (select min(e.at) from escalation e where e.issue_id = r.id and e.missed_deadline is not null) as missed_at,
         exists (select 1 from escalation e where e.issue_id = r.id and e.to_level in ('COMMUNITY', 'STREET')) as left_compound
    from resident_issue r join community c on c.id = r.community_id
   where ${WHERE[kind]} and c.archived_at is null
     and r.reported_at >= $2::date and r.reported_at < $3::date)
select unit, month, count(*)::int as reported,
       count(*) filter (where accepted_at is not null and (missed_at is null or accepted_at < missed_at))::int as "acceptedWithinSla",
       count(*) filter (where resolved)::int as resolved,
       count(*) filter (where resolved and missed_at is null)::int as "resolvedWithinSla",
       count(*) filter (where resolved and not left_compound)::int as "solvedInCompound",
       percentile_cont(0.5) within group (order by extract(epoch from resolved_at - reported_at) / 3600.0)
         filter (where resolved and resolved_at is not null) as "medianHours",
       count(rating)::int as ratings, coalesce(sum(rating), 0)::int as "ratingSum"
  from i group by grouping sets ((unit), (month), ()${perUnitMonth ? ', (unit, month)' : ''})`;

function load(
  ctx: RequestContext,
  scope: Scope,
  unit: 'COMMUNITY' | 'COMPOUND',
  from: string,
  to: string,
  perUnitMonth = false,
): Promise<FactRow[]> {
  return ctx.loaders
    .custom<string, FactRow[]>(`figures:issues${perUnitMonth ? '-quarters' : ''}:${unit}:${from}:${to}`, (db, keys) =>
      Promise.all(
        keys.map((k) => {
          const [kind, pk] = k.split(':');
          return db.query<FactRow>(SQL(kind as ScopeKind, unit, perUnitMonth), [Number(pk), from, addMonths(to, 1), RESOLVED]);
        }),
      ),
    )
    .load(`${scope.kind}:${scope.pk}`);
}

function figuresOf(r: FactRow | undefined, ratings: Raw, average: Raw): IssueFigures {
  return {
    reported: r?.reported ?? 0,
    acceptedWithinSla: r?.acceptedWithinSla ?? 0,
    resolved: r?.resolved ?? 0,
    resolvedWithinSla: r?.resolvedWithinSla ?? 0,
    solvedInCompound: r?.solvedInCompound ?? 0,
    medianHoursToResolution: r?.medianHours === null || r?.medianHours === undefined ? null : Math.round(Number(r.medianHours) * 10) / 10,
    ratings: cell(ratings),
    averageRating: cell(average),
  };
}

const ratingsOf = (count: number, sum: number) => ({
  ratings: raw(count, count),
  average: raw(count ? Math.round((sum / count) * 100) / 100 : null, count),
});

/** The withheld cells of a quarter's answers: its three months' (0–2) and the quarter's (3). */
interface QuarterRatings {
  total: Array<{ ratings: Raw; average: Raw }>;
  units: Map<number, Array<{ ratings: Raw; average: Raw }>>;
}

/**
 * One suppression of the ratings per scope and quarter (`rows`: facts per unit and month over a
 * span of whole quarters): the three months' answers and the quarter's, each withheld as an answer
 * is (its units against its total), and every unit's and the total's quarter cell against its three
 * months' cells (`link`: never exactly one withheld among the four). A month's answer, the quarter's
 * and the series take their ratings' flags from here, so none is the quarter less its other months.
 */
export function quarterRatings(rows: FactRow[], quarter: string, k: number): QuarterRatings {
  const months = [quarter, addMonths(quarter, 1), addMonths(quarter, 2)];
  const sums = new Map<number | null, Array<{ count: number; sum: number }>>();
  for (const r of rows) {
    const m = r.month === null ? -1 : months.indexOf(r.month);
    if (m < 0) continue;
    const list = sums.get(r.unit) ?? months.map(() => ({ count: 0, sum: 0 }));
    list[m] = { count: r.ratings, sum: r.ratingSum };
    sums.set(r.unit, list);
  }
  const periodsOf = (unit: number | null) => {
    const list = sums.get(unit) ?? months.map(() => ({ count: 0, sum: 0 }));
    const quarterSum = list.reduce((a, b) => ({ count: a.count + b.count, sum: a.sum + b.sum }), { count: 0, sum: 0 });
    return [...list, quarterSum].map((x) => ratingsOf(x.count, x.sum));
  };
  const total = periodsOf(null);
  const ids = [...sums.keys()].filter((u): u is number => u !== null).sort((a, b) => a - b);
  const units = new Map(ids.map((id) => [id, periodsOf(id)]));
  const cells = [total, ...units.values()].flatMap((list) => list.map((x) => x.ratings));
  markSmall(cells, k);
  const hidden = () => cells.reduce((n, c) => n + (c.hide ? 1 : 0), 0);
  // Each pass withholds more or ends.
  for (let pass = 0, before = -1; pass < 100; pass++) {
    const now = hidden();
    if (now === before) break;
    before = now;
    for (let p = 0; p < 4; p++)
      complement(
        [...units.values()].map((list) => list[p].ratings),
        total[p].ratings,
      );
    for (const list of [total, ...units.values()])
      link(
        list.slice(0, 3).map((x) => x.ratings),
        list[3].ratings,
      );
  }
  for (const list of [total, ...units.values()]) for (const x of list) x.average.hide = x.ratings.hide;
  return { total, units };
}

/** The joint suppression of each quarter, once per loaded rows (the figures and every row share it). */
const jointCache = new WeakMap<FactRow[], Map<string, QuarterRatings>>();
function jointOf(rows: FactRow[], quarter: string, k: number): QuarterRatings {
  let byQuarter = jointCache.get(rows);
  if (!byQuarter) jointCache.set(rows, (byQuarter = new Map()));
  const key = `${quarter}|${k}`;
  let joint = byQuarter.get(key);
  if (!joint) byQuarter.set(key, (joint = quarterRatings(rows, quarter, k)));
  return joint;
}

/** A month's place in its quarter (0–2). */
const MONTH_INDEX = (quarter: string, month: string) => Number(month.slice(5, 7)) - Number(quarter.slice(5, 7));

/** The first day of the quarter a month (its first day) lies in. */
function quarterOf(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return addMonths(`${y}-01-01`, Math.floor((m - 1) / 3) * 3);
}

/** The figures of one period: over the whole scope and per unit of the breakdown. */
export interface IssuePeriodAnswer {
  total: IssueFigures;
  byUnit: Map<number, IssueFigures>;
}

/**
 * The issue figures of `scope` for the months of a period (a month or a quarter), the breakdown's
 * units of kind `unit`, withheld as the caller's answer must be: for withheld callers, from the
 * joint suppression of the period's quarter (the facts of the whole quarter in one statement).
 */
export async function issueFigures(
  ctx: RequestContext,
  scope: Scope,
  unit: 'COMMUNITY' | 'COMPOUND',
  months: string[],
  suppress: { on: boolean; k: number },
): Promise<IssuePeriodAnswer> {
  const from = months[0];
  const to = months[months.length - 1];
  if (!suppress.on) {
    const answer = await issueSpan(ctx, scope, unit, from, to);
    return { total: answer.total, byUnit: answer.byUnit };
  }
  const quarter = quarterOf(from);
  const rows = await load(ctx, scope, unit, quarter, addMonths(quarter, 2), true);
  const joint = jointOf(rows, quarter, suppress.k);
  // A month: its rows per unit and month; the quarter: the span's own (per unit, whole).
  const at = months.length > 1 ? 3 : MONTH_INDEX(quarter, from);
  const month = months.length > 1 ? null : from;
  const mine = rows.filter((r) => r.month === month);
  const total = mine.find((r) => r.unit === null);
  const none = ratingsOf(0, 0);
  return {
    total: figuresOf(total, joint.total[at].ratings, joint.total[at].average),
    byUnit: new Map(
      mine
        .filter((r) => r.unit !== null)
        .map((r) => {
          const cells = joint.units.get(r.unit!)?.[at] ?? none;
          return [r.unit!, figuresOf(r, cells.ratings, cells.average)];
        }),
    ),
  };
}

/**
 * The issue figures of `scope` month by month from `from` to `to` (first days), over the whole
 * scope: for withheld callers, each month as its own answer withholds it (the joint suppression of
 * its quarter; the facts of the whole quarters the span touches in one statement).
 */
export async function issueSeries(
  ctx: RequestContext,
  scope: Scope,
  unit: 'COMMUNITY' | 'COMPOUND',
  from: string,
  to: string,
  suppress: { on: boolean; k: number },
): Promise<Map<string, IssueFigures>> {
  if (!suppress.on) return (await issueSpan(ctx, scope, unit, from, to)).byMonth;
  const rows = await load(ctx, scope, unit, quarterOf(from), addMonths(quarterOf(to), 2), true);
  const out = new Map<string, IssueFigures>();
  for (const r of rows) {
    if (r.unit !== null || r.month === null || r.month < from || r.month > to) continue;
    const quarter = quarterOf(r.month);
    const cells = jointOf(rows, quarter, suppress.k).total[MONTH_INDEX(quarter, r.month)];
    out.set(r.month, figuresOf(r, cells.ratings, cells.average));
  }
  return out;
}

/** The exact issue figures of `scope` for the months `from`..`to` (first days) as one answer. */
async function issueSpan(
  ctx: RequestContext,
  scope: Scope,
  unit: 'COMMUNITY' | 'COMPOUND',
  from: string,
  to: string,
): Promise<IssueFiguresAnswer> {
  const rows = await load(ctx, scope, unit, from, to);
  const of = (r: FactRow) => {
    const { ratings, average } = ratingsOf(r.ratings, r.ratingSum);
    return figuresOf(r, ratings, average);
  };
  const total = rows.find((r) => r.unit === null && r.month === null);
  return {
    total: total ? of(total) : noIssues(),
    byUnit: new Map(rows.filter((r) => r.unit !== null).map((r) => [r.unit!, of(r)])),
    byMonth: new Map(rows.filter((r) => r.month !== null).map((r) => [r.month!, of(r)])),
  };
}

/** An empty month or unit: nothing reported. */
export function noIssues(): IssueFigures {
  return figuresOf(undefined, raw(0, 0), raw(null, 0));
}
