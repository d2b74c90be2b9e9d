import type { RequestContext } from '../../context';
import { ARREARS_BANDS, PROPERTY_MODES } from './figures.compute';

/*
 * The figures' reads: the roll-ups of one scope (a district, a street or a community), one
 * statement each however many communities and compounds it holds. Rows carry counts and sums only.
 */

export type ScopeKind = 'DISTRICT' | 'STREET' | 'COMMUNITY';

export interface Scope {
  kind: ScopeKind;
  pk: number;
}

const WHERE: Record<ScopeKind, string> = {
  DISTRICT: 'c.district_id = $1',
  STREET: 'c.street_id = $1',
  COMMUNITY: 'c.id = $1',
};

export interface CompoundFacts {
  compoundId: number;
  compoundName: string;
  communityId: number;
  communityName: string;
  propertyMode: string;
  branchKind: 'STANDALONE' | 'JOINT' | 'NONE';
  branchId: number | null;
  graduated: boolean;
  households: number;
  groupedHouseholds: number;
  residents: number;
  partyMembers: number;
  externalPartyMembers: number;
  memberHouseholds: number;
  plates: number;
  committeeSitting: boolean;
  committeeCompliant: boolean;
  committeeTermEnd: string | null;
  electionOpen: boolean;
}

export interface MonthFacts {
  compoundId: number;
  communityId: number;
  month: string;
  chargedFen: number;
  waivedFen: number;
  collectedFen: number;
  chargedHouseholds: number;
  settledHouseholds: number;
  arrearsHouseholds: number;
  evaluations: number;
  evaluatedHouseholds: number;
  scoreSum: number;
  objections: number;
  objectionsAnswered: number;
}

export interface AccountFacts {
  accountId: number;
  communityId: number;
  openedOn: string;
  closedOn: string | null;
}

export interface StatementFacts {
  accountId: number;
  communityId: number;
  month: string;
  publishedOn: string;
}

export interface CommunityRules {
  communityId: number;
  name: string;
  streetId: number;
  streetName: string;
  statementDueDay: number;
  redFlagMinScore: number;
  yellowFlagBelowScore: number;
}

const key = (s: Scope) => `${s.kind}:${s.pk}`;
const unkey = (k: string): [ScopeKind, number] => {
  const [kind, pk] = k.split(':');
  return [kind as ScopeKind, Number(pk)];
};

/** Loads, per scope key, with one statement for each scope asked for in a request level. */
function perScope<T>(ctx: RequestContext, name: string, sql: (kind: ScopeKind) => string, extra: unknown[] = []) {
  return ctx.loaders.custom<string, T[]>(`figures:${name}:${extra.join(',')}`, (db, keys) =>
    Promise.all(
      keys.map((k) => {
        const [kind, pk] = unkey(k);
        return db.query<T & object>(sql(kind), [pk, ...extra]);
      }),
    ),
  );
}

export function compoundFacts(ctx: RequestContext, scope: Scope): Promise<CompoundFacts[]> {
  return perScope<CompoundFacts>(
    ctx,
    'compounds',
    (kind) => `
    select f.compound_id as "compoundId", cp.name as "compoundName", f.community_id as "communityId", c.name as "communityName",
           f.property_mode as "propertyMode", f.branch_kind as "branchKind", f.branch_id as "branchId", f.graduated,
           f.households, f.grouped_households as "groupedHouseholds", f.residents, f.party_members as "partyMembers",
           f.external_party_members as "externalPartyMembers", f.member_households as "memberHouseholds", f.plates,
           f.committee_sitting as "committeeSitting", f.committee_compliant as "committeeCompliant",
           f.committee_term_end::text as "committeeTermEnd", f.election_open as "electionOpen"
      from lianxin_figures_compound f
      join community c on c.id = f.community_id
      join compound cp on cp.id = f.compound_id
     where ${WHERE[kind]} and c.archived_at is null and not f.archived
     order by c.id, f.compound_id`,
  ).load(key(scope));
}

/** A compound's month rows summed over the period (fees) and over its quarter (services). */
export interface CompoundPeriodFacts extends CompoundFacts {
  chargedFen: number;
  waivedFen: number;
  collectedFen: number;
  chargedHouseholds: number;
  settledHouseholds: number;
  arrearsHouseholds: number;
  /** Whether the compound has a month row in the period at all. */
  periodRows: boolean;
  /** Over the quarter. */
  evaluations: number;
  scoreSum: number;
  objections: number;
  objectionsAnswered: number;
  /** Whether the compound has a month row in the quarter at all. */
  quarterRows: boolean;
  /** Households that evaluated, from the quarter's first month (where evaluations are kept). */
  evaluatedHouseholds: number;
}

/**
 * The scope's compounds with their month rows summed in PostgreSQL: the period's months
 * [periodFrom, periodTo] and the quarter's [quarterFrom, quarterTo] (first days of months), grouped
 * in the statement: one row per compound instead of a row per compound and month.
 */
export async function compoundPeriodFacts(
  ctx: RequestContext,
  scope: Scope,
  periodFrom: string,
  periodTo: string,
  quarterFrom: string,
  quarterTo: string,
): Promise<CompoundPeriodFacts[]> {
  const rows = await perScope<Record<string, unknown>>(
    ctx,
    'compound-period',
    (kind) => `
    with m as (
      select x.compound_id,
             sum(x.charged_fen) filter (where x.p) as charged_fen,
             sum(x.waived_fen) filter (where x.p) as waived_fen,
             sum(x.collected_fen) filter (where x.p) as collected_fen,
             sum(x.charged_households) filter (where x.p)::int as charged_households,
             sum(x.settled_households) filter (where x.p)::int as settled_households,
             sum(x.arrears_households) filter (where x.p)::int as arrears_households,
             bool_or(x.p) as period_rows,
             sum(x.evaluations) filter (where x.q)::int as evaluations,
             sum(x.score_sum) filter (where x.q)::int as score_sum,
             sum(x.objections) filter (where x.q)::int as objections,
             sum(x.objections_answered) filter (where x.q)::int as objections_answered,
             bool_or(x.q) as quarter_rows,
             sum(x.evaluated_households) filter (where x.month = $4::date)::int as evaluated_households
        from (select mm.*, mm.month between $2::date and $3::date as p, mm.month between $4::date and $5::date as q
                from lianxin_figures_month mm
                join community c on c.id = mm.community_id
               where ${WHERE[kind]} and mm.month >= least($2::date, $4::date) and mm.month <= greatest($3::date, $5::date)) x
       group by x.compound_id
    )
    select f.compound_id as "compoundId", cp.name as "compoundName", f.community_id as "communityId", c.name as "communityName",
           f.property_mode as "propertyMode", f.branch_kind as "branchKind", f.branch_id as "branchId", f.graduated,
           f.households, f.grouped_households as "groupedHouseholds", f.residents, f.party_members as "partyMembers",
           f.external_party_members as "externalPartyMembers", f.member_households as "memberHouseholds", f.plates,
           f.committee_sitting as "committeeSitting", f.committee_compliant as "committeeCompliant",
           f.committee_term_end::text as "committeeTermEnd", f.election_open as "electionOpen",
           coalesce(m.charged_fen, 0)::text as "chargedFen", coalesce(m.waived_fen, 0)::text as "waivedFen",
           coalesce(m.collected_fen, 0)::text as "collectedFen", coalesce(m.charged_households, 0) as "chargedHouseholds",
           coalesce(m.settled_households, 0) as "settledHouseholds", coalesce(m.arrears_households, 0) as "arrearsHouseholds",
           coalesce(m.period_rows, false) as "periodRows", coalesce(m.evaluations, 0) as evaluations,
           coalesce(m.score_sum, 0) as "scoreSum", coalesce(m.objections, 0) as objections,
           coalesce(m.objections_answered, 0) as "objectionsAnswered", coalesce(m.quarter_rows, false) as "quarterRows",
           coalesce(m.evaluated_households, 0) as "evaluatedHouseholds"
      from lianxin_figures_compound f
      join community c on c.id = f.community_id
      join compound cp on cp.id = f.compound_id
      left join m on m.compound_id = f.compound_id
     where ${WHERE[kind]} and c.archived_at is null and not f.archived
     order by c.id, f.compound_id`,
    [periodFrom, periodTo, quarterFrom, quarterTo],
  ).load(key(scope));
  return rows.map((r) => ({
    ...(r as unknown as CompoundPeriodFacts),
    chargedFen: Number(r.chargedFen),
    waivedFen: Number(r.waivedFen),
    collectedFen: Number(r.collectedFen),
  }));
}

/** The scope's month rows summed per month from `from` to `to` (the series): a row per month with any. */
export interface MonthTotals {
  month: string;
  dueFen: number;
  collectedFen: number;
  chargedHouseholds: number;
  settledHouseholds: number;
  arrearsHouseholds: number;
  objections: number;
  objectionsAnswered: number;
}

export async function monthTotals(ctx: RequestContext, scope: Scope, from: string, to: string): Promise<MonthTotals[]> {
  const rows = await perScope<Record<string, unknown>>(
    ctx,
    'month-totals',
    (kind) => `
    select m.month::text as month, sum(m.charged_fen - m.waived_fen)::text as "dueFen", sum(m.collected_fen)::text as "collectedFen",
           sum(m.charged_households)::int as "chargedHouseholds", sum(m.settled_households)::int as "settledHouseholds",
           sum(m.arrears_households)::int as "arrearsHouseholds", sum(m.objections)::int as objections,
           sum(m.objections_answered)::int as "objectionsAnswered"
      from lianxin_figures_month m
      join community c on c.id = m.community_id
      join lianxin_figures_compound f on f.compound_id = m.compound_id
     where ${WHERE[kind]} and c.archived_at is null and not f.archived and m.month >= $2::date and m.month <= $3::date
     group by m.month`,
    [from, to],
  ).load(key(scope));
  return rows.map((r) => ({ ...(r as unknown as MonthTotals), dueFen: Number(r.dueFen), collectedFen: Number(r.collectedFen) }));
}

export function accountFacts(ctx: RequestContext, scope: Scope): Promise<AccountFacts[]> {
  return perScope<AccountFacts>(
    ctx,
    'accounts',
    (kind) => `
    select a.account_id as "accountId", a.community_id as "communityId", a.opened_on::text as "openedOn", a.closed_on::text as "closedOn"
      from lianxin_figures_account a join community c on c.id = a.community_id
     where ${WHERE[kind]} and c.archived_at is null`,
  ).load(key(scope));
}

export function statementFacts(ctx: RequestContext, scope: Scope, from: string, to: string): Promise<StatementFacts[]> {
  return perScope<StatementFacts>(
    ctx,
    'statements',
    (kind) => `
    select s.account_id as "accountId", s.community_id as "communityId", s.month::text as month, s.published_on::text as "publishedOn"
      from lianxin_figures_statement s join community c on c.id = s.community_id
     where ${WHERE[kind]} and c.archived_at is null and s.month >= $2::date and s.month <= $3::date`,
    [from, to],
  ).load(key(scope));
}

export function communityRules(ctx: RequestContext, scope: Scope): Promise<CommunityRules[]> {
  return perScope<CommunityRules>(
    ctx,
    'rules',
    (kind) => `
    select c.id as "communityId", c.statement_due_day as "statementDueDay", c.red_flag_min_score as "redFlagMinScore",
           c.yellow_flag_below_score as "yellowFlagBelowScore", c.name, c.street_id as "streetId", s.name as "streetName"
      from community c join street s on s.id = c.street_id where ${WHERE[kind]} and c.archived_at is null order by c.id`,
  ).load(key(scope));
}

/** One row of `scopeTallies`: a community's compounds, a street's or the whole scope's, counted and summed. */
export interface TallyRow {
  level: 'COMMUNITY' | 'STREET' | 'TOTAL';
  communityId: number | null;
  streetId: number | null;
  compounds: number;
  standalone: number;
  joint: number;
  graduated: number;
  standaloneBranches: number;
  jointBranches: number;
  grouped: number;
  memberHouseholds: number;
  plates: number;
  /** Per PROPERTY_MODES, in that order: compounds, charged households, collected and due fen. */
  modes: Array<{ compounds: number; charged: number; collected: number; due: number }>;
  sitting: number;
  compliant: number;
  ending: number;
  elections: number;
  charged: number;
  settled: number;
  arrears: number;
  due: number;
  collected: number;
  bands: number[];
  rated: number;
  evaluations: number;
  scoreSum: number;
  evaluatedHouseholds: number;
  objections: number;
  answered: number;
  households: number;
  residents: number;
  partyMembers: number;
  external: number;
  /** The rated compounds' community, score sum, evaluations, objections and answered objections (flags are counted in JavaScript). */
  ratings: Array<[number, number, number, number, number]>;
}

const SQL_MODES = PROPERTY_MODES.map((mode, i) => {
  const f = `f.property_mode = '${mode}'`;
  return `count(*) filter (where ${f})::int as mode${i}, coalesce(sum(m.charged_households) filter (where ${f}), 0)::int as charged${i},
          coalesce(sum(m.collected_fen) filter (where ${f}), 0)::text as collected${i},
          coalesce(sum(m.charged_fen - m.waived_fen) filter (where ${f}), 0)::text as due${i}`;
}).join(',\n          ');
const SQL_BANDS = ARREARS_BANDS.map(
  (b, i) =>
    `count(*) filter (where m.charged_households > 0 and m.arrears_households >= ${b.min}${b.max === null ? '' : ` and m.arrears_households <= ${b.max}`})::int as band${i}`,
).join(',\n          ');

/**
 * A district's or a street's compounds with their month rows summed over the period
 * [periodFrom, periodTo] and the quarter [quarterFrom, quarterTo], then counted and summed in
 * PostgreSQL per community, per street and over the whole scope (grouping sets): ~20 rows reach
 * Node instead of a row per compound. Terms ending in [today, soon] count as ending soon. The same
 * arithmetic as `tally` in figures.compute.ts, which a test compares it with.
 */
export async function scopeTallies(
  ctx: RequestContext,
  scope: Scope,
  periodFrom: string,
  periodTo: string,
  quarterFrom: string,
  quarterTo: string,
  today: string,
  soon: string,
): Promise<TallyRow[]> {
  const rows = await perScope<Record<string, unknown>>(
    ctx,
    'scope-tallies',
    (kind) => `
    with m as (
      select x.compound_id,
             sum(x.charged_fen) filter (where x.p) as charged_fen,
             sum(x.waived_fen) filter (where x.p) as waived_fen,
             sum(x.collected_fen) filter (where x.p) as collected_fen,
             sum(x.charged_households) filter (where x.p)::int as charged_households,
             sum(x.settled_households) filter (where x.p)::int as settled_households,
             sum(x.arrears_households) filter (where x.p)::int as arrears_households,
             sum(x.evaluations) filter (where x.q)::int as evaluations,
             sum(x.score_sum) filter (where x.q)::int as score_sum,
             sum(x.objections) filter (where x.q)::int as objections,
             sum(x.objections_answered) filter (where x.q)::int as objections_answered,
             sum(x.evaluated_households) filter (where x.month = $4::date)::int as evaluated_households
        from (select mm.*, mm.month between $2::date and $3::date as p, mm.month between $4::date and $5::date as q
                from lianxin_figures_month mm
                join community c on c.id = mm.community_id
               where ${WHERE[kind]} and mm.month >= least($2::date, $4::date) and mm.month <= greatest($3::date, $5::date)) x
       group by x.compound_id
    )
    select grouping(c.id, c.street_id) as level, c.id as "communityId", c.street_id as "streetId",
          count(*)::int as compounds,
          count(*) filter (where f.branch_kind = 'STANDALONE')::int as standalone,
          count(*) filter (where f.branch_kind = 'JOINT')::int as joint,
          count(*) filter (where f.graduated)::int as graduated,
          (count(distinct f.branch_id) filter (where f.branch_kind = 'STANDALONE')
            + (count(*) filter (where f.branch_kind = 'STANDALONE' and f.branch_id is null) > 0)::int)::int as "standaloneBranches",
          (count(distinct f.branch_id) filter (where f.branch_kind = 'JOINT')
            + (count(*) filter (where f.branch_kind = 'JOINT' and f.branch_id is null) > 0)::int)::int as "jointBranches",
          coalesce(sum(f.grouped_households), 0)::int as grouped,
          coalesce(sum(f.member_households), 0)::int as "memberHouseholds",
          coalesce(sum(f.plates), 0)::int as plates,
          ${SQL_MODES},
          count(*) filter (where f.committee_sitting)::int as sitting,
          count(*) filter (where f.committee_compliant)::int as compliant,
          count(*) filter (where f.committee_term_end >= $6::date and f.committee_term_end <= $7::date)::int as ending,
          count(*) filter (where f.election_open)::int as elections,
          coalesce(sum(m.charged_households), 0)::int as charged,
          coalesce(sum(m.settled_households), 0)::int as settled,
          coalesce(sum(m.arrears_households), 0)::int as arrears,
          coalesce(sum(m.charged_fen - m.waived_fen), 0)::text as due,
          coalesce(sum(m.collected_fen), 0)::text as collected,
          ${SQL_BANDS},
          count(*) filter (where m.evaluations <> 0)::int as rated,
          coalesce(sum(m.evaluations), 0)::int as evaluations,
          coalesce(sum(m.score_sum), 0)::int as "scoreSum",
          coalesce(sum(m.evaluated_households), 0)::int as "evaluatedHouseholds",
          coalesce(sum(m.objections), 0)::int as objections,
          coalesce(sum(m.objections_answered), 0)::int as answered,
          coalesce(sum(f.households), 0)::int as households,
          coalesce(sum(f.residents), 0)::int as residents,
          coalesce(sum(f.party_members), 0)::int as "partyMembers",
          coalesce(sum(f.external_party_members), 0)::int as external,
          string_agg(concat_ws(',', c.id, m.score_sum, m.evaluations, coalesce(m.objections, 0), coalesce(m.objections_answered, 0)), ';')
            filter (where m.evaluations <> 0) as ratings
      from lianxin_figures_compound f
      join community c on c.id = f.community_id
      join compound cp on cp.id = f.compound_id
      left join m on m.compound_id = f.compound_id
     where ${WHERE[kind]} and c.archived_at is null and not f.archived
     group by grouping sets ((c.id, c.street_id), (c.street_id), ())`,
    [periodFrom, periodTo, quarterFrom, quarterTo, today, soon],
  ).load(key(scope));
  const LEVELS = { 0: 'COMMUNITY', 2: 'STREET', 3: 'TOTAL' } as const;
  return rows.map((r) => {
    const n = (k: string) => r[k] as number;
    return {
      level: LEVELS[r.level as 0 | 2 | 3],
      communityId: r.communityId as number | null,
      streetId: r.streetId as number | null,
      compounds: n('compounds'),
      standalone: n('standalone'),
      joint: n('joint'),
      graduated: n('graduated'),
      standaloneBranches: n('standaloneBranches'),
      jointBranches: n('jointBranches'),
      grouped: n('grouped'),
      memberHouseholds: n('memberHouseholds'),
      plates: n('plates'),
      modes: PROPERTY_MODES.map((_, i) => ({
        compounds: n(`mode${i}`),
        charged: n(`charged${i}`),
        collected: Number(r[`collected${i}`]),
        due: Number(r[`due${i}`]),
      })),
      sitting: n('sitting'),
      compliant: n('compliant'),
      ending: n('ending'),
      elections: n('elections'),
      charged: n('charged'),
      settled: n('settled'),
      arrears: n('arrears'),
      due: Number(r.due),
      collected: Number(r.collected),
      bands: ARREARS_BANDS.map((_, i) => n(`band${i}`)),
      rated: n('rated'),
      evaluations: n('evaluations'),
      scoreSum: n('scoreSum'),
      evaluatedHouseholds: n('evaluatedHouseholds'),
      objections: n('objections'),
      answered: n('answered'),
      households: n('households'),
      residents: n('residents'),
      partyMembers: n('partyMembers'),
      external: n('external'),
      ratings: r.ratings
        ? (r.ratings as string).split(';').map((x) => x.split(',').map(Number) as [number, number, number, number, number])
        : [],
    };
  });
}

/** The fee flows of one unit and month (`feeMonths`): what the quarter's suppression links. */
export interface FeeMonthRow {
  /** ROW: a community of a district or street, a compound of a community; STREET (a district's); TOTAL: the whole. */
  level: 'ROW' | 'STREET' | 'TOTAL';
  /** The community or compound (ROW), the street (STREET), null (TOTAL). */
  unitId: number | null;
  /** A ROW's street (a district's or street's communities), else null. */
  streetId: number | null;
  month: string;
  charged: number;
  settled: number;
  arrears: number;
  due: number;
  collected: number;
  /** Per PROPERTY_MODES, in that order. */
  modes: Array<{ charged: number; collected: number; due: number }>;
  objections: number;
  objectionsAnswered: number;
}

const SQL_FEE_MODES = PROPERTY_MODES.map((mode, i) => {
  const f = `f.property_mode = '${mode}'`;
  return `coalesce(sum(m.charged_households) filter (where ${f}), 0)::int as charged${i},
          coalesce(sum(m.collected_fen) filter (where ${f}), 0)::text as collected${i},
          coalesce(sum(m.charged_fen - m.waived_fen) filter (where ${f}), 0)::text as due${i}`;
}).join(',\n          ');

/**
 * The scope's month rows from `from` to `to` (first days of months) summed per month and unit —
 * per community, per street and the whole for a district or a street, per compound and the whole
 * for a community (grouping sets): one statement, whatever the span. The same compounds, month rows
 * and property modes as `scopeTallies` and `compoundPeriodFacts`, so a quarter is its months' sum.
 */
export async function feeMonths(ctx: RequestContext, scope: Scope, from: string, to: string): Promise<FeeMonthRow[]> {
  const rows = await perScope<Record<string, unknown>>(
    ctx,
    'fee-months',
    (kind) => {
      const perCompound = kind === 'COMMUNITY';
      const sets = perCompound ? '(m.month, f.compound_id), (m.month)' : '(m.month, c.id, c.street_id), (m.month, c.street_id), (m.month)';
      return `
    select m.month::text as month,
           ${perCompound ? `case when grouping(f.compound_id) = 0 then 'ROW' else 'TOTAL' end` : `case grouping(c.id, c.street_id) when 0 then 'ROW' when 2 then 'STREET' else 'TOTAL' end`} as level,
           ${perCompound ? 'f.compound_id' : 'coalesce(c.id, c.street_id)'} as "unitId",
           ${perCompound ? 'null::int' : 'case when grouping(c.id) = 0 then c.street_id end'} as "streetId",
           coalesce(sum(m.charged_households), 0)::int as charged,
           coalesce(sum(m.settled_households), 0)::int as settled,
           coalesce(sum(m.arrears_households), 0)::int as arrears,
           coalesce(sum(m.charged_fen - m.waived_fen), 0)::text as due,
           coalesce(sum(m.collected_fen), 0)::text as collected,
           ${SQL_FEE_MODES},
           coalesce(sum(m.objections), 0)::int as objections,
           coalesce(sum(m.objections_answered), 0)::int as "objectionsAnswered"
      from lianxin_figures_month m
      join community mc on mc.id = m.community_id
      join lianxin_figures_compound f on f.compound_id = m.compound_id
      join community c on c.id = f.community_id
      join compound cp on cp.id = f.compound_id
     where ${WHERE[kind].replace('c.', 'mc.')} and ${WHERE[kind]} and c.archived_at is null and not f.archived
       and m.month >= $2::date and m.month <= $3::date
     group by grouping sets (${sets})`;
    },
    [from, to],
  ).load(key(scope));
  return rows.map((r) => ({
    level: r.level as FeeMonthRow['level'],
    unitId: (r.unitId as number | null) ?? null,
    streetId: (r.streetId as number | null) ?? null,
    month: r.month as string,
    charged: r.charged as number,
    settled: r.settled as number,
    arrears: r.arrears as number,
    due: Number(r.due),
    collected: Number(r.collected),
    modes: PROPERTY_MODES.map((_, i) => ({
      charged: r[`charged${i}`] as number,
      collected: Number(r[`collected${i}`]),
      due: Number(r[`due${i}`]),
    })),
    objections: r.objections as number,
    objectionsAnswered: r.objectionsAnswered as number,
  }));
}
