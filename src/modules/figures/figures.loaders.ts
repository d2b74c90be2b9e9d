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

/** Month rows of the scope from `from` to `to` (first days of months), as numbers. */
export async function monthFacts(ctx: RequestContext, scope: Scope, from: string, to: string): Promise<MonthFacts[]> {
  const rows = await perScope<Record<string, string | number>>(
    ctx,
    'months',
    (kind) => `
    select m.compound_id as "compoundId", m.community_id as "communityId", m.month::text as month,
           m.charged_fen::text as "chargedFen", m.waived_fen::text as "waivedFen", m.collected_fen::text as "collectedFen",
           m.charged_households as "chargedHouseholds", m.settled_households as "settledHouseholds",
           m.arrears_households as "arrearsHouseholds", m.evaluations, m.evaluated_households as "evaluatedHouseholds",
           m.score_sum as "scoreSum", m.objections, m.objections_answered as "objectionsAnswered"
      from lianxin_figures_month m
      join community c on c.id = m.community_id
      join lianxin_figures_compound f on f.compound_id = m.compound_id
     where ${WHERE[kind]} and c.archived_at is null and not f.archived and m.month >= $2::date and m.month <= $3::date`,
    [from, to],
  ).load(key(scope));
  return rows.map((r) => ({
    ...(r as unknown as MonthFacts),
    chargedFen: Number(r.chargedFen),
    waivedFen: Number(r.waivedFen),
    collectedFen: Number(r.collectedFen),
  }));
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
           c.yellow_flag_below_score as "yellowFlagBelowScore", c.name
      from community c where ${WHERE[kind]} and c.archived_at is null order by c.id`,
  ).load(key(scope));
}
