import type { RequestContext } from '../../context';
import { IssueStatus } from '../issues/issues.enums';
import { addMonths } from './figures.period';
import { cell, complement, markSmall, raw, type Cell, type Raw } from './figures.suppression';
import type { ScopeKind, Scope } from './figures.loaders';

/*
 * Residents' issues in the figures (docs/figures.md): the issues reported in a period (UTC months of
 * reported_at), and what became of them as of now. Counted straight from the issues' tables, one
 * statement per scope and period (a GROUPING SETS query gives the breakdown's units, the months and
 * the total at once: a median does not add up from parts, so there is no roll-up to maintain).
 * Counts of issues name nobody and are plain; the ratings are the reporters' (persons): their count
 * and average are withheld below k for officers above communities, with complementary suppression
 * over the breakdown.
 */

const WHERE: Record<ScopeKind, string> = {
  DISTRICT: 'c.district_id = $1',
  STREET: 'c.street_id = $1',
  COMMUNITY: 'c.id = $1',
};

const RESOLVED = [IssueStatus.RESOLVED, IssueStatus.CLOSED];

interface FactRow {
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
export interface IssueFiguresAnswer {
  total: IssueFigures;
  byUnit: Map<number, IssueFigures>;
  byMonth: Map<string, IssueFigures>;
}

const SQL = (kind: ScopeKind, unit: 'COMMUNITY' | 'COMPOUND') => `
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
  from i group by grouping sets ((unit), (month), ())`;

function load(ctx: RequestContext, scope: Scope, unit: 'COMMUNITY' | 'COMPOUND', from: string, to: string): Promise<FactRow[]> {
  return ctx.loaders
    .custom<string, FactRow[]>(`figures:issues:${unit}:${from}:${to}`, (db, keys) =>
      Promise.all(
        keys.map((k) => {
          const [kind, pk] = k.split(':');
          return db.query<FactRow>(SQL(kind as ScopeKind, unit), [Number(pk), from, addMonths(to, 1), RESOLVED]);
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

/**
 * The issue figures of `scope` for the months `from`..`to` (first days), the breakdown's units of
 * kind `unit`, withheld as the caller's answer must be.
 */
export async function issueFigures(
  ctx: RequestContext,
  scope: Scope,
  unit: 'COMMUNITY' | 'COMPOUND',
  from: string,
  to: string,
  suppress: { on: boolean; k: number },
): Promise<IssueFiguresAnswer> {
  const rows = await load(ctx, scope, unit, from, to);
  const raws = rows.map((r) => {
    const ratings = raw(r.ratings, r.ratings);
    const average = raw(r.ratings ? Math.round((r.ratingSum / r.ratings) * 100) / 100 : null, r.ratings);
    return { r, ratings, average };
  });
  const total = raws.find((x) => x.r.unit === null && x.r.month === null);
  const units = raws.filter((x) => x.r.unit !== null);
  const months = raws.filter((x) => x.r.month !== null);
  if (suppress.on) {
    markSmall(
      raws.flatMap((x) => [x.ratings]),
      suppress.k,
    );
    // Months of the span and units of the breakdown each add up to the total.
    complement(
      units.map((x) => x.ratings),
      total?.ratings ?? null,
    );
    complement(
      months.map((x) => x.ratings),
      total?.ratings ?? null,
    );
    for (const x of raws) x.average.hide = x.ratings.hide;
  }
  const empty = () => figuresOf(undefined, raw(0, 0), raw(null, 0));
  return {
    total: total ? figuresOf(total.r, total.ratings, total.average) : empty(),
    byUnit: new Map(units.map((x) => [x.r.unit!, figuresOf(x.r, x.ratings, x.average)])),
    byMonth: new Map(months.map((x) => [x.r.month!, figuresOf(x.r, x.ratings, x.average)])),
  };
}

/** An empty month or unit: nothing reported. */
export function noIssues(): IssueFigures {
  return figuresOf(undefined, raw(0, 0), raw(null, 0));
}
