import type { RequestContext } from '../../context';

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
