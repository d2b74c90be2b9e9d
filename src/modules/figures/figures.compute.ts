import { dueDate } from '../finance/statement-content';
import { DEFAULT_THRESHOLDS, ratingFlag, ratingScore } from '../services/rating-formula';
import { RatingFlag } from '../services/services.enums';
import type {
  AccountFacts,
  CommunityRules,
  CompoundPeriodFacts,
  FeeMonthRow,
  MonthTotals,
  StatementFacts,
  TallyRow,
} from './figures.loaders';
import { addMonths, monthsBetween, type FiguresPeriod } from './figures.period';
import { complement, count, link, markSmall, raw, type Raw } from './figures.suppression';

/*
 * The figures as arithmetic over the roll-ups' rows: no database, unit-tested. Every count of
 * households or persons (and every rate or sum of money over them) is a Raw cell, so the
 * suppression of figures.suppression.ts can hide it for callers above communities.
 */

export const PROPERTY_MODES = ['NONE', 'COMPANY', 'SELF_MANAGED', 'RED_PROPERTY'] as const;
export type ArrearsBandName = 'NONE' | 'FEW' | 'SOME' | 'MANY';
/** Compounds by how many of their households are in arrears in the period: 0, 1–9, 10–49, 50 and more. */
export const ARREARS_BANDS: Array<{ band: ArrearsBandName; min: number; max: number | null }> = [
  { band: 'NONE', min: 0, max: 0 },
  { band: 'FEW', min: 1, max: 9 },
  { band: 'SOME', min: 10, max: 49 },
  { band: 'MANY', min: 50, max: null },
];
/** Terms ending within this many days of today count as ending soon. */
export const TERM_ENDING_DAYS = 90;

export interface Groups {
  coverage: {
    compounds: number;
    standaloneCompounds: number;
    jointCompounds: number;
    uncoveredCompounds: number;
    graduatedCompounds: number;
    standaloneBranches: number;
    jointBranches: number;
    groupedHouseholds: Raw;
    memberHouseholds: Raw;
    plates: Raw;
  };
  property: { byMode: Array<{ mode: string; compounds: number }>; redPropertyCompounds: number; withoutPropertyManagement: number };
  committees: { sitting: number; compliant: number; termsEndingSoon: number; electionsUnderWay: number; withoutCommittee: number };
  money: { accounts: number; statementsOnTime: number; statementsLate: number; statementsMissing: number; statementsPending: number };
  fees: {
    chargedHouseholds: Raw;
    settledHouseholds: Raw;
    arrearsHouseholds: Raw;
    dueFen: Raw;
    collectedFen: Raw;
    collectionRate: Raw;
    byClass: Array<{ mode: string; compounds: number; chargedHouseholds: Raw; collectionRate: Raw }>;
    arrearsBands: Array<{ band: ArrearsBandName; compounds: number }>;
  };
  services: {
    evaluatedHouseholds: Raw;
    averageRating: Raw;
    ratedCompounds: number;
    redFlags: number;
    yellowFlags: number;
    objections: number;
    objectionsAnswered: number;
  };
  people: { households: Raw; residents: Raw; partyMembers: Raw; externalPartyMembers: Raw };
}

export interface Unit {
  kind: 'STREET' | 'COMMUNITY' | 'COMPOUND';
  pk: number;
  name: string;
  communityId: number;
}

export interface Row {
  unit: Unit;
  groups: Groups;
  /** For rankings: covered ÷ compounds (never personal). */
  coverageShare: number | null;
}

export interface FiguresInput {
  unit: 'COMMUNITY' | 'COMPOUND';
  /** Rows per street as well (a district's figures): withheld together with the communities' rows. */
  streets?: boolean;
  period: FiguresPeriod;
  today: string;
  k: number;
  suppress: boolean;
  /** The scope's compounds with their month rows summed over the period and its quarter (a community's figures). */
  compounds?: CompoundPeriodFacts[];
  /** For a district or a street instead of `compounds`: the same sums per community, per street and whole. */
  tallies?: ScopeTallies;
  accounts: AccountFacts[];
  statements: StatementFacts[];
  rules: CommunityRules[];
  /**
   * The fee flows of the period's quarter per month and unit (`feeMonths`), for suppressed callers:
   * the fees of the answer are then those of the quarter's joint suppression (`quarterFees`).
   */
  quarterFees?: FeeMonthRow[];
}

export interface Computed {
  total: Groups;
  rows: Row[];
  /** One row per street when asked for (else empty). */
  streets: Row[];
}

const rate = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 10_000) / 10_000 : null);

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function accountOpenIn(a: AccountFacts, month: string, next = addMonths(month, 1)): boolean {
  return a.openedOn < next && (a.closedOn === null || a.closedOn >= month);
}

/** Statements owed by the accounts in `months`, by how they were published. */
function statementCounts(
  months: string[],
  today: string,
  rulesOf: Map<number, CommunityRules>,
  accounts: AccountFacts[],
  published: Map<string, string>,
): { onTime: number; late: number; missing: number; pending: number } {
  let onTime = 0;
  let late = 0;
  let missing = 0;
  let pending = 0;
  const nexts = months.map((m) => addMonths(m, 1));
  for (const a of accounts) {
    const dueDay = rulesOf.get(a.communityId)?.statementDueDay ?? 10;
    for (let i = 0; i < months.length; i++) {
      const month = months[i];
      if (!accountOpenIn(a, month, nexts[i])) continue;
      const deadline = dueDate(month, dueDay);
      const on = published.get(`${a.accountId}|${month}`);
      if (on) {
        if (on <= deadline) onTime++;
        else late++;
      } else if (today > deadline) missing++;
      else pending++;
    }
  }
  return { onTime, late, missing, pending };
}

/**
 * What the groups of a set of compounds are computed from: counts and sums over the compounds. For
 * a district or a street these come from PostgreSQL (a row per community, per street and the whole,
 * `scopeTallies`); for a community's rows per compound, and in the unit tests, from `tally`.
 */
export interface Tally {
  compounds: number;
  standalone: number;
  joint: number;
  graduated: number;
  /** Distinct branches (a compound without one counts as one "no branch"), as a Set would. */
  standaloneBranches: number;
  jointBranches: number;
  grouped: number;
  memberHouseholds: number;
  plates: number;
  /** Per PROPERTY_MODES, in that order. */
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
  /** Compounds per ARREARS_BANDS, in that order. */
  bands: number[];
  rated: number;
  red: number;
  yellow: number;
  evaluations: number;
  scoreSum: number;
  evaluatedHouseholds: number;
  objections: number;
  answered: number;
  households: number;
  residents: number;
  partyMembers: number;
  external: number;
}

export function emptyTally(): Tally {
  return {
    compounds: 0,
    standalone: 0,
    joint: 0,
    graduated: 0,
    standaloneBranches: 0,
    jointBranches: 0,
    grouped: 0,
    memberHouseholds: 0,
    plates: 0,
    modes: PROPERTY_MODES.map(() => ({ compounds: 0, charged: 0, collected: 0, due: 0 })),
    sitting: 0,
    compliant: 0,
    ending: 0,
    elections: 0,
    charged: 0,
    settled: 0,
    arrears: 0,
    due: 0,
    collected: 0,
    bands: ARREARS_BANDS.map(() => 0),
    rated: 0,
    red: 0,
    yellow: 0,
    evaluations: 0,
    scoreSum: 0,
    evaluatedHouseholds: 0,
    objections: 0,
    answered: 0,
    households: 0,
    residents: 0,
    partyMembers: 0,
    external: 0,
  };
}

/** A rated compound's flag under its community's thresholds (counted in JavaScript wherever the sums come from). */
export function flagOf(
  rulesOf: Map<number, CommunityRules>,
  communityId: number,
  scoreSum: number,
  evaluations: number,
  objections: number,
  answered: number,
): RatingFlag {
  const score = ratingScore(scoreSum / evaluations, objections, objections - answered);
  return ratingFlag(score, rulesOf.get(communityId) ?? DEFAULT_THRESHOLDS);
}

/** The tally of a set of compounds, in JavaScript. */
export function tally(compounds: CompoundPeriodFacts[], today: string, rulesOf: Map<number, CommunityRules>): Tally {
  const soon = addDays(today, TERM_ENDING_DAYS);
  const t = emptyTally();
  const standaloneBranches = new Set<number | null>();
  const jointBranches = new Set<number | null>();
  const modeIndex = new Map<string, number>(PROPERTY_MODES.map((m, i) => [m, i]));
  for (const c of compounds) {
    if (c.branchKind === 'STANDALONE') {
      t.standalone++;
      standaloneBranches.add(c.branchId);
    } else if (c.branchKind === 'JOINT') {
      t.joint++;
      jointBranches.add(c.branchId);
    }
    if (c.graduated) t.graduated++;
    t.grouped += c.groupedHouseholds;
    t.memberHouseholds += c.memberHouseholds;
    t.plates += c.plates;
    const i = modeIndex.get(c.propertyMode);
    const mode = i === undefined ? undefined : t.modes[i];
    if (mode) mode.compounds++;
    if (c.committeeSitting) t.sitting++;
    if (c.committeeCompliant) t.compliant++;
    if (c.committeeTermEnd !== null && c.committeeTermEnd >= today && c.committeeTermEnd <= soon) t.ending++;
    if (c.electionOpen) t.elections++;
    // Fees of the period (per compound, for classes and bands).
    if (c.periodRows) {
      const cDue = c.chargedFen - c.waivedFen;
      t.charged += c.chargedHouseholds;
      t.settled += c.settledHouseholds;
      t.arrears += c.arrearsHouseholds;
      t.due += cDue;
      t.collected += c.collectedFen;
      if (mode) {
        mode.charged += c.chargedHouseholds;
        mode.collected += c.collectedFen;
        mode.due += cDue;
      }
      if (c.chargedHouseholds > 0)
        ARREARS_BANDS.forEach((b, j) => {
          if (c.arrearsHouseholds >= b.min && (b.max === null || c.arrearsHouseholds <= b.max)) t.bands[j]++;
        });
    }
    // Services of the quarter.
    if (c.quarterRows) {
      t.evaluations += c.evaluations;
      t.scoreSum += c.scoreSum;
      t.objections += c.objections;
      t.answered += c.objectionsAnswered;
      t.evaluatedHouseholds += c.evaluatedHouseholds;
      if (c.evaluations) {
        t.rated++;
        const flag = flagOf(rulesOf, c.communityId, c.scoreSum, c.evaluations, c.objections, c.objectionsAnswered);
        if (flag === RatingFlag.RED) t.red++;
        if (flag === RatingFlag.YELLOW) t.yellow++;
      }
    }
    t.households += c.households;
    t.residents += c.residents;
    t.partyMembers += c.partyMembers;
    t.external += c.externalPartyMembers;
  }
  t.compounds = compounds.length;
  t.standaloneBranches = standaloneBranches.size;
  t.jointBranches = jointBranches.size;
  return t;
}

/** The figure groups of a tally of compounds (and the accounts and statements of their communities). */
function groupsOf(
  input: Pick<FiguresInput, 'period' | 'today'>,
  rulesOf: Map<number, CommunityRules>,
  t: Tally,
  accounts: AccountFacts[],
  statements: StatementFacts[],
): Groups {
  // Statements: each account open in a month of the period owes that month's statement.
  const published = new Map(statements.map((s) => [`${s.accountId}|${s.month}`, s.publishedOn]));
  const st = statementCounts(input.period.months, input.today, rulesOf, accounts, published);
  const nexts = input.period.months.map((m) => addMonths(m, 1));
  const mode = (m: (typeof PROPERTY_MODES)[number]) => t.modes[PROPERTY_MODES.indexOf(m)];

  return {
    coverage: {
      compounds: t.compounds,
      standaloneCompounds: t.standalone,
      jointCompounds: t.joint,
      uncoveredCompounds: t.compounds - t.standalone - t.joint,
      graduatedCompounds: t.graduated,
      standaloneBranches: t.standaloneBranches,
      jointBranches: t.jointBranches,
      groupedHouseholds: count(t.grouped),
      memberHouseholds: count(t.memberHouseholds),
      plates: count(t.plates),
    },
    property: {
      byMode: PROPERTY_MODES.map((m, i) => ({ mode: m, compounds: t.modes[i].compounds })),
      redPropertyCompounds: mode('RED_PROPERTY').compounds,
      withoutPropertyManagement: mode('NONE').compounds,
    },
    committees: {
      sitting: t.sitting,
      compliant: t.compliant,
      termsEndingSoon: t.ending,
      electionsUnderWay: t.elections,
      withoutCommittee: t.compounds - t.sitting,
    },
    money: {
      accounts: accounts.filter((a) => input.period.months.some((m, i) => accountOpenIn(a, m, nexts[i]))).length,
      statementsOnTime: st.onTime,
      statementsLate: st.late,
      statementsMissing: st.missing,
      statementsPending: st.pending,
    },
    fees: {
      chargedHouseholds: count(t.charged),
      settledHouseholds: count(t.settled),
      arrearsHouseholds: count(t.arrears),
      dueFen: raw(t.due, t.charged),
      collectedFen: raw(t.collected, t.charged),
      collectionRate: raw(rate(t.collected, t.due), t.charged),
      byClass: PROPERTY_MODES.map((m, i) => {
        const x = t.modes[i];
        return {
          mode: m,
          compounds: x.compounds,
          chargedHouseholds: count(x.charged),
          collectionRate: raw(rate(x.collected, x.due), x.charged),
        };
      }),
      arrearsBands: ARREARS_BANDS.map((b, i) => ({ band: b.band, compounds: t.bands[i] })),
    },
    services: {
      evaluatedHouseholds: count(t.evaluatedHouseholds),
      averageRating: raw(t.evaluations ? Math.round((t.scoreSum / t.evaluations) * 100) / 100 : null, t.evaluatedHouseholds),
      ratedCompounds: t.rated,
      redFlags: t.red,
      yellowFlags: t.yellow,
      objections: t.objections,
      objectionsAnswered: t.answered,
    },
    people: {
      households: count(t.households),
      residents: count(t.residents),
      partyMembers: count(t.partyMembers),
      externalPartyMembers: count(t.external),
    },
  };
}

/** The additive cells of a group set, by name: the columns complementary suppression walks. */
function columns(g: Groups): Record<string, Raw> {
  return {
    groupedHouseholds: g.coverage.groupedHouseholds,
    memberHouseholds: g.coverage.memberHouseholds,
    plates: g.coverage.plates,
    chargedHouseholds: g.fees.chargedHouseholds,
    settledHouseholds: g.fees.settledHouseholds,
    arrearsHouseholds: g.fees.arrearsHouseholds,
    evaluatedHouseholds: g.services.evaluatedHouseholds,
    households: g.people.households,
    residents: g.people.residents,
    partyMembers: g.people.partyMembers,
    externalPartyMembers: g.people.externalPartyMembers,
    ...Object.fromEntries(g.fees.byClass.map((c) => [`class:${c.mode}`, c.chargedHouseholds])),
  };
}

function allCells(g: Groups): Raw[] {
  return [
    ...Object.values(columns(g)),
    g.fees.dueFen,
    g.fees.collectedFen,
    g.fees.collectionRate,
    g.services.averageRating,
    ...g.fees.byClass.map((c) => c.collectionRate),
  ];
}

/** Within a row: settled + in arrears = charged; the classes add up to the whole. */
function rowComplement(g: Groups): void {
  complement([g.fees.settledHouseholds, g.fees.arrearsHouseholds], g.fees.chargedHouseholds);
  complement(
    g.fees.byClass.map((c) => c.chargedHouseholds),
    g.fees.chargedHouseholds,
  );
}

/** Values that follow from a hidden count are hidden with it. */
function tie(g: Groups): void {
  const f = g.fees;
  if (f.chargedHouseholds.hide)
    for (const r of [f.settledHouseholds, f.arrearsHouseholds, f.dueFen, f.collectedFen, f.collectionRate]) r.hide = true;
  for (const c of f.byClass) if (c.chargedHouseholds.hide) c.collectionRate.hide = true;
  if (g.services.evaluatedHouseholds.hide) g.services.averageRating.hide = true;
}

/** A whole and parts that add up to it, besides the rows against the total (a street and its communities). */
export interface Link {
  whole: Groups;
  parts: Groups[];
}

/** One answer's groups for `suppressJointly`: the total, its rows, the extra rows (streets) and linked partitions. */
export interface SuppressionSet {
  total: Groups;
  rows: Groups[];
  extra?: Groups[];
  links?: Link[];
}

/**
 * Withholds small cells and their complements over the rows and the total, and over linked
 * partitions (`links`: each street against its communities; `extra` rows, the streets, against the
 * total as well), until no group has a single withheld part beside a shown whole.
 */
export function suppress(total: Groups, rows: Groups[], k: number, extra: Groups[] = [], links: Link[] = []): void {
  suppressJointly([{ total, rows, extra, links }], k);
}

/**
 * `suppress` over several answers at once, with `across` (additive groups linking cells of
 * different answers: a quarter's cell and its months') walked as well: among a whole and its parts
 * there is never exactly one withheld cell (a withheld whole beside shown parts is their sum).
 */
export function suppressJointly(sets: SuppressionSet[], k: number, across: Array<{ parts: Raw[]; whole: Raw }> = []): void {
  const all = sets.flatMap((s) => [s.total, ...s.rows, ...(s.extra ?? [])]);
  // The cells are fixed objects whose flags change: gather them and the columns' parts once.
  const cells = all.flatMap(allCells);
  markSmall(cells, k);
  const groups: Array<{ whole: Groups; parts: Groups[] }> = [];
  for (const { total, rows, extra = [], links = [] } of sets) {
    groups.push({ whole: total, parts: rows });
    if (extra.length) groups.push({ whole: total, parts: extra }, ...links);
  }
  const columnsOf = new Map(all.map((g) => [g, columns(g)]));
  const walks: Array<{ parts: Raw[]; whole: Raw }> = [];
  for (const { whole, parts } of groups) {
    const wholeColumns = columnsOf.get(whole) ?? columns(whole);
    const partColumns = parts.map((g) => columnsOf.get(g) ?? columns(g));
    for (const name of Object.keys(wholeColumns)) walks.push({ parts: partColumns.map((c) => c[name]), whole: wholeColumns[name] });
  }
  const hiddenCount = () => {
    let n = 0;
    for (const c of cells) if (c.hide) n++;
    return n;
  };
  // Each pass withholds more or ends; a joint suppression has more to walk before nothing changes.
  const maxPasses = sets.length > 1 ? 100 : 20;
  for (let pass = 0, before = -1; pass < maxPasses; pass++) {
    const now = hiddenCount();
    if (pass >= 3 && now === before) break;
    before = now;
    for (const g of all) {
      rowComplement(g);
      tie(g);
    }
    for (const w of walks) complement(w.parts, w.whole);
    for (const w of across) link(w.parts, w.whole);
  }
  for (const g of all) tie(g);
}

/** Tallies summed in PostgreSQL for a district or a street: the whole, per community and per street. */
export interface ScopeTallies {
  total: Tally;
  communities: Map<number, Tally>;
  streets: Map<number, Tally>;
}

/** The rows of `scopeTallies` as tallies; the rated compounds' flags counted here, with their community's thresholds. */
export function scopeTalliesOf(rows: TallyRow[], rules: CommunityRules[]): ScopeTallies {
  const rulesOf = new Map(rules.map((r) => [r.communityId, r]));
  const out: ScopeTallies = { total: emptyTally(), communities: new Map(), streets: new Map() };
  for (const { level, communityId, streetId, ratings, ...sums } of rows) {
    const t: Tally = { ...sums, red: 0, yellow: 0 };
    for (const [community, scoreSum, evaluations, objections, answered] of ratings) {
      const flag = flagOf(rulesOf, community, scoreSum, evaluations, objections, answered);
      if (flag === RatingFlag.RED) t.red++;
      if (flag === RatingFlag.YELLOW) t.yellow++;
    }
    if (level === 'TOTAL') out.total = t;
    else if (level === 'STREET') out.streets.set(streetId!, t);
    else out.communities.set(communityId!, t);
  }
  return out;
}

/** The figures of a scope: the whole and one row per community (or per compound, for a community). */
export function computeFigures(input: FiguresInput): Computed {
  const computed = computeAnswer(input);
  if (!input.suppress || !input.quarterFees) return computed;
  // Fees: the cells (values and withheld flags) of the quarter's joint suppression, the same for the
  // month's answer, the quarter's and the series; arrears bands count compounds and stay.
  const joint = quarterFees(input.quarterFees, input.period.quarter, input.k, input.unit === 'COMMUNITY' && !!input.streets);
  const at = input.period.months.length > 1 ? 3 : monthsBetween(input.period.quarter, input.period.months[0]) - 1;
  const answer = joint[at];
  const take = (g: Groups, from: Groups | undefined) => {
    g.fees = { ...(from ?? feeGroups(undefined)).fees, arrearsBands: g.fees.arrearsBands };
  };
  take(computed.total, answer.total);
  for (const r of computed.rows) take(r.groups, answer.rows.get(r.unit.pk));
  for (const r of computed.streets) take(r.groups, answer.streets.get(r.unit.pk));
  return computed;
}

/** The fee flows of a unit, in a month or summed over a quarter. */
type FeeSums = Pick<FeeMonthRow, 'charged' | 'settled' | 'arrears' | 'due' | 'collected' | 'modes'>;

/** Groups holding only fees (the rest zero): what the joint suppression of fees walks. */
function feeGroups(s: FeeSums | undefined): Groups {
  const t = emptyTally();
  if (s) {
    t.charged = s.charged;
    t.settled = s.settled;
    t.arrears = s.arrears;
    t.due = s.due;
    t.collected = s.collected;
    s.modes.forEach((m, i) => Object.assign(t.modes[i], m));
  }
  return groupsOf({ period: NO_PERIOD, today: '' }, new Map(), t, [], []);
}
const NO_PERIOD: FiguresPeriod = { label: '', months: [], quarter: '', end: '' };

/** A quarter's fees for one answer: the whole, its rows (communities or compounds) and streets, by id. */
export interface FeeAnswer {
  total: Groups;
  rows: Map<number, Groups>;
  streets: Map<number, Groups>;
}

/** The fee cells compared across periods: a quarter's is the sum of its months'. */
function feeColumns(g: Groups): Raw[] {
  return [g.fees.chargedHouseholds, g.fees.settledHouseholds, g.fees.arrearsHouseholds, ...g.fees.byClass.map((c) => c.chargedHouseholds)];
}

/**
 * One suppression of fees per scope and quarter: the three months' answers and the quarter's
 * (indices 0–2 and 3), each withheld as an answer is (rows against the total, within a row, streets
 * and their communities when `streets`), and every unit's quarter cell against its three months'
 * cells. Rows without a month row in the quarter are zero and change nothing: they are left out.
 * A month's answer, the quarter's and a series take their fee cells from here, so none of their
 * withheld cells is the quarter less its other months.
 */
export function quarterFees(rows: FeeMonthRow[], quarter: string, k: number, streets: boolean): FeeAnswer[] {
  const months = [quarter, addMonths(quarter, 1), addMonths(quarter, 2)];
  const sums = new Map<string, FeeSums[]>(); // `${level}:${id}` → the months' sums
  const rowIds = new Set<number>();
  const streetIds = new Set<number>();
  const streetOf = new Map<number, number>();
  for (const r of rows) {
    const m = months.indexOf(r.month);
    if (m < 0 || (r.level === 'STREET' && !streets)) continue;
    const key = r.level === 'TOTAL' ? 'TOTAL' : `${r.level}:${r.unitId}`;
    const list = sums.get(key) ?? [];
    list[m] = r;
    sums.set(key, list);
    if (r.level === 'ROW') {
      rowIds.add(r.unitId!);
      if (r.streetId !== null) streetOf.set(r.unitId!, r.streetId);
    } else if (r.level === 'STREET') streetIds.add(r.unitId!);
  }
  const quarterOf = (list: FeeSums[]): FeeSums => {
    const q: FeeSums = {
      charged: 0,
      settled: 0,
      arrears: 0,
      due: 0,
      collected: 0,
      modes: PROPERTY_MODES.map(() => ({ charged: 0, collected: 0, due: 0 })),
    };
    for (const s of list) {
      if (!s) continue;
      q.charged += s.charged;
      q.settled += s.settled;
      q.arrears += s.arrears;
      q.due += s.due;
      q.collected += s.collected;
      s.modes.forEach((x, i) => {
        q.modes[i].charged += x.charged;
        q.modes[i].collected += x.collected;
        q.modes[i].due += x.due;
      });
    }
    return q;
  };
  const periodsOf = (key: string): Groups[] => {
    const list = sums.get(key) ?? [];
    return [feeGroups(list[0]), feeGroups(list[1]), feeGroups(list[2]), feeGroups(quarterOf(list))];
  };
  const byId = (ids: Set<number>) => [...ids].sort((a, b) => a - b);
  const total = periodsOf('TOTAL');
  const rowsOf = new Map(byId(rowIds).map((id) => [id, periodsOf(`ROW:${id}`)]));
  const streetsOf = new Map(byId(streetIds).map((id) => [id, periodsOf(`STREET:${id}`)]));
  const answers: FeeAnswer[] = [0, 1, 2, 3].map((p) => ({
    total: total[p],
    rows: new Map([...rowsOf].map(([id, g]) => [id, g[p]])),
    streets: new Map([...streetsOf].map(([id, g]) => [id, g[p]])),
  }));
  const sets: SuppressionSet[] = answers.map((a) => ({
    total: a.total,
    rows: [...a.rows.values()],
    extra: [...a.streets.values()],
    links: [...a.streets].map(([id, whole]) => ({
      whole,
      parts: [...a.rows].filter(([row]) => streetOf.get(row) === id).map(([, g]) => g),
    })),
  }));
  const across: Array<{ parts: Raw[]; whole: Raw }> = [];
  for (const unit of [total, ...rowsOf.values(), ...streetsOf.values()]) {
    const [m1, m2, m3, q] = unit.map(feeColumns);
    q.forEach((whole, i) => across.push({ parts: [m1[i], m2[i], m3[i]], whole }));
  }
  suppressJointly(sets, k, across);
  return answers;
}

function computeAnswer(input: FiguresInput): Computed {
  const rulesOf = new Map(input.rules.map((r) => [r.communityId, r]));
  const tallied = input.tallies;
  const compoundsIn = input.compounds ?? [];
  const tallyOf = (cs: CompoundPeriodFacts[]) => tally(cs, input.today, rulesOf);
  const total = groupsOf(input, rulesOf, tallied ? tallied.total : tallyOf(compoundsIn), input.accounts, input.statements);
  let rows: Row[];
  if (input.unit === 'COMMUNITY') {
    const byCommunity = <T extends { communityId: number }>(xs: T[]) => {
      const m = new Map<number, T[]>();
      for (const x of xs) {
        const list = m.get(x.communityId);
        if (list) list.push(x);
        else m.set(x.communityId, [x]);
      }
      return m;
    };
    const compounds = byCommunity(compoundsIn);
    const accounts = byCommunity(input.accounts);
    const statements = byCommunity(input.statements);
    rows = input.rules.map((r) =>
      row(
        { kind: 'COMMUNITY', pk: r.communityId, name: r.name, communityId: r.communityId },
        groupsOf(
          input,
          rulesOf,
          tallied ? (tallied.communities.get(r.communityId) ?? emptyTally()) : tallyOf(compounds.get(r.communityId) ?? []),
          accounts.get(r.communityId) ?? [],
          statements.get(r.communityId) ?? [],
        ),
      ),
    );
    if (input.streets) {
      const byStreet = new Map<number, { name: string; communities: number[]; rows: Row[] }>();
      input.rules.forEach((r, i) => {
        const s = byStreet.get(r.streetId) ?? { name: r.streetName, communities: [], rows: [] };
        s.communities.push(r.communityId);
        s.rows.push(rows[i]);
        byStreet.set(r.streetId, s);
      });
      const ids = [...byStreet.keys()].sort((a, b) => a - b);
      const pick = <T>(m: Map<number, T[]>, cs: number[]) => cs.flatMap((c) => m.get(c) ?? []);
      const streets = ids.map((id) => {
        const s = byStreet.get(id)!;
        return row(
          { kind: 'STREET', pk: id, name: s.name, communityId: 0 },
          groupsOf(
            input,
            rulesOf,
            tallied ? (tallied.streets.get(id) ?? emptyTally()) : tallyOf(pick(compounds, s.communities)),
            pick(accounts, s.communities),
            pick(statements, s.communities),
          ),
        );
      });
      if (input.suppress)
        suppress(
          total,
          rows.map((r) => r.groups),
          input.k,
          streets.map((r) => r.groups),
          ids.map((id, i) => ({ whole: streets[i].groups, parts: byStreet.get(id)!.rows.map((r) => r.groups) })),
        );
      return { total, rows, streets };
    }
  } else {
    // Accounts and statements belong to the community (an account may be pooled by a joint branch).
    rows = compoundsIn.map((c) =>
      row(
        { kind: 'COMPOUND', pk: c.compoundId, name: c.compoundName, communityId: c.communityId },
        groupsOf(input, rulesOf, tallyOf([c]), [], []),
      ),
    );
  }
  if (input.suppress)
    suppress(
      total,
      rows.map((r) => r.groups),
      input.k,
    );
  return { total, rows, streets: [] };
}

function row(unit: Unit, groups: Groups): Row {
  const c = groups.coverage;
  return { unit, groups, coverageShare: c.compounds ? rate(c.standaloneCompounds + c.jointCompounds, c.compounds) : null };
}

export interface SeriesPoint {
  month: string;
  chargedHouseholds: Raw;
  settledHouseholds: Raw;
  arrearsHouseholds: Raw;
  dueFen: Raw;
  collectedFen: Raw;
  collectionRate: Raw;
  statementsOnTime: number;
  statementsLate: number;
  statementsMissing: number;
  objections: number;
  objectionsAnswered: number;
}

export interface SeriesInput {
  today: string;
  k: number;
  suppress: boolean;
  /** The scope's month rows summed per month (months without a row are zero). */
  totals: MonthTotals[];
  accounts: AccountFacts[];
  statements: StatementFacts[];
  rules: CommunityRules[];
  /**
   * For suppressed callers: the fee flows per month and unit over the whole quarters the series
   * touches (`feeMonths`); each point's fee cells are then its month's in the quarter's joint
   * suppression (`quarterFees`), as the month's own answer shows them.
   */
  quarterFees?: FeeMonthRow[];
  /** A district's (streets linked in the joint suppression). */
  streets?: boolean;
}

/** Monthly points from `from` to `to` over the whole scope. */
export function computeSeries(input: SeriesInput, from: string, to: string): SeriesPoint[] {
  const rulesOf = new Map(input.rules.map((r) => [r.communityId, r]));
  const totals = new Map(input.totals.map((t) => [t.month, t]));
  const published = new Map(input.statements.map((s) => [`${s.accountId}|${s.month}`, s.publishedOn]));
  const points: SeriesPoint[] = [];
  for (let i = 0; i < monthsBetween(from, to); i++) {
    const month = addMonths(from, i);
    const t = totals.get(month);
    const charged = t?.chargedHouseholds ?? 0;
    const due = t?.dueFen ?? 0;
    const collected = t?.collectedFen ?? 0;
    const st = statementCounts([month], input.today, rulesOf, input.accounts, published);
    points.push({
      month,
      chargedHouseholds: count(charged),
      settledHouseholds: raw(t?.settledHouseholds ?? 0, t?.settledHouseholds ?? 0),
      arrearsHouseholds: raw(t?.arrearsHouseholds ?? 0, t?.arrearsHouseholds ?? 0),
      dueFen: raw(due, charged),
      collectedFen: raw(collected, charged),
      collectionRate: raw(rate(collected, due), charged),
      statementsOnTime: st.onTime,
      statementsLate: st.late,
      statementsMissing: st.missing,
      objections: t?.objections ?? 0,
      objectionsAnswered: t?.objectionsAnswered ?? 0,
    });
  }
  if (input.suppress) {
    // Withheld as the months' and quarters' own answers are: from their joint suppression.
    if (!input.quarterFees) throw new Error('a withheld series needs the fee flows of its quarters (feeMonths)');
    const quarterRows = input.quarterFees;
    const quarters = new Map<string, FeeAnswer[]>();
    for (const p of points) {
      const quarter = quarterOfMonth(p.month);
      let joint = quarters.get(quarter);
      if (!joint) quarters.set(quarter, (joint = quarterFees(quarterRows, quarter, input.k, !!input.streets)));
      const f = joint[monthsBetween(quarter, p.month) - 1].total.fees;
      Object.assign(p, {
        chargedHouseholds: f.chargedHouseholds,
        settledHouseholds: f.settledHouseholds,
        arrearsHouseholds: f.arrearsHouseholds,
        dueFen: f.dueFen,
        collectedFen: f.collectedFen,
        collectionRate: f.collectionRate,
      });
    }
  }
  return points;
}

/** The first day of the quarter a month (its first day) lies in. */
export function quarterOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return addMonths(`${y}-01-01`, Math.floor((m - 1) / 3) * 3);
}
