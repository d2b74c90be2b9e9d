import { dueDate } from '../finance/statement-content';
import { DEFAULT_THRESHOLDS, ratingFlag, ratingScore } from '../services/rating-formula';
import { RatingFlag } from '../services/services.enums';
import type { AccountFacts, CommunityRules, CompoundFacts, MonthFacts, StatementFacts } from './figures.loaders';
import { addMonths, monthsBetween, type FiguresPeriod } from './figures.period';
import { complement, count, markSmall, raw, type Raw } from './figures.suppression';

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
  kind: 'COMMUNITY' | 'COMPOUND';
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
  period: FiguresPeriod;
  today: string;
  k: number;
  suppress: boolean;
  compounds: CompoundFacts[];
  /** Month rows of the months of the period's quarter (and of the period). */
  months: MonthFacts[];
  accounts: AccountFacts[];
  statements: StatementFacts[];
  rules: CommunityRules[];
}

export interface Computed {
  total: Groups;
  rows: Row[];
}

const rate = (num: number, den: number) => (den > 0 ? Math.round((num / den) * 10_000) / 10_000 : null);
const sum = <T>(xs: T[], f: (x: T) => number) => xs.reduce((a, x) => a + f(x), 0);

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function accountOpenIn(a: AccountFacts, month: string): boolean {
  return a.openedOn < addMonths(month, 1) && (a.closedOn === null || a.closedOn >= month);
}

/** The figure groups of a set of compounds (and the accounts and statements of their communities). */
function groupsOf(input: FiguresInput, compounds: CompoundFacts[], accounts: AccountFacts[], statements: StatementFacts[]): Groups {
  const ids = new Set(compounds.map((c) => c.compoundId));
  const periodMonths = new Set(input.period.months);
  const quarterMonths = new Set([input.period.quarter, addMonths(input.period.quarter, 1), addMonths(input.period.quarter, 2)]);
  const months = input.months.filter((m) => ids.has(m.compoundId));
  const inPeriod = months.filter((m) => periodMonths.has(m.month));
  const inQuarter = months.filter((m) => quarterMonths.has(m.month));
  const rulesOf = new Map(input.rules.map((r) => [r.communityId, r]));

  const standalone = compounds.filter((c) => c.branchKind === 'STANDALONE');
  const joint = compounds.filter((c) => c.branchKind === 'JOINT');
  const soon = addDays(input.today, TERM_ENDING_DAYS);

  // Fees per compound (for classes and bands).
  const feesOf = new Map<number, { due: number; collected: number; charged: number; arrears: number }>();
  for (const m of inPeriod) {
    const f = feesOf.get(m.compoundId) ?? { due: 0, collected: 0, charged: 0, arrears: 0 };
    f.due += m.chargedFen - m.waivedFen;
    f.collected += m.collectedFen;
    f.charged += m.chargedHouseholds;
    f.arrears += m.arrearsHouseholds;
    feesOf.set(m.compoundId, f);
  }
  const charged = sum(inPeriod, (m) => m.chargedHouseholds);
  const due = sum(inPeriod, (m) => m.chargedFen - m.waivedFen);
  const collected = sum(inPeriod, (m) => m.collectedFen);

  // Services per compound for the quarter.
  const serviceOf = new Map<number, { evaluations: number; scoreSum: number; objections: number; answered: number; communityId: number }>();
  for (const m of inQuarter) {
    const s = serviceOf.get(m.compoundId) ?? { evaluations: 0, scoreSum: 0, objections: 0, answered: 0, communityId: m.communityId };
    s.evaluations += m.evaluations;
    s.scoreSum += m.scoreSum;
    s.objections += m.objections;
    s.answered += m.objectionsAnswered;
    serviceOf.set(m.compoundId, s);
  }
  let red = 0;
  let yellow = 0;
  let rated = 0;
  for (const s of serviceOf.values()) {
    if (!s.evaluations) continue;
    rated++;
    const score = ratingScore(s.scoreSum / s.evaluations, s.objections, s.objections - s.answered);
    const flag = ratingFlag(score, rulesOf.get(s.communityId) ?? DEFAULT_THRESHOLDS);
    if (flag === RatingFlag.RED) red++;
    if (flag === RatingFlag.YELLOW) yellow++;
  }
  const evaluations = sum([...serviceOf.values()], (s) => s.evaluations);
  const scoreSum = sum([...serviceOf.values()], (s) => s.scoreSum);
  const evaluatedHouseholds = sum(
    inQuarter.filter((m) => m.month === input.period.quarter),
    (m) => m.evaluatedHouseholds,
  );

  // Statements: each account open in a month of the period owes that month's statement.
  const published = new Map(statements.map((s) => [`${s.accountId}|${s.month}`, s.publishedOn]));
  let onTime = 0;
  let late = 0;
  let missing = 0;
  let pending = 0;
  for (const a of accounts) {
    const dueDay = rulesOf.get(a.communityId)?.statementDueDay ?? 10;
    for (const month of input.period.months) {
      if (!accountOpenIn(a, month)) continue;
      const deadline = dueDate(month, dueDay);
      const on = published.get(`${a.accountId}|${month}`);
      if (on) {
        if (on <= deadline) onTime++;
        else late++;
      } else if (input.today > deadline) missing++;
      else pending++;
    }
  }

  const households = sum(compounds, (c) => c.households);
  return {
    coverage: {
      compounds: compounds.length,
      standaloneCompounds: standalone.length,
      jointCompounds: joint.length,
      uncoveredCompounds: compounds.length - standalone.length - joint.length,
      graduatedCompounds: compounds.filter((c) => c.graduated).length,
      standaloneBranches: new Set(standalone.map((c) => c.branchId)).size,
      jointBranches: new Set(joint.map((c) => c.branchId)).size,
      groupedHouseholds: count(sum(compounds, (c) => c.groupedHouseholds)),
      memberHouseholds: count(sum(compounds, (c) => c.memberHouseholds)),
      plates: count(sum(compounds, (c) => c.plates)),
    },
    property: {
      byMode: PROPERTY_MODES.map((mode) => ({ mode, compounds: compounds.filter((c) => c.propertyMode === mode).length })),
      redPropertyCompounds: compounds.filter((c) => c.propertyMode === 'RED_PROPERTY').length,
      withoutPropertyManagement: compounds.filter((c) => c.propertyMode === 'NONE').length,
    },
    committees: {
      sitting: compounds.filter((c) => c.committeeSitting).length,
      compliant: compounds.filter((c) => c.committeeCompliant).length,
      termsEndingSoon: compounds.filter(
        (c) => c.committeeTermEnd !== null && c.committeeTermEnd >= input.today && c.committeeTermEnd <= soon,
      ).length,
      electionsUnderWay: compounds.filter((c) => c.electionOpen).length,
      withoutCommittee: compounds.filter((c) => !c.committeeSitting).length,
    },
    money: {
      accounts: accounts.filter((a) => input.period.months.some((m) => accountOpenIn(a, m))).length,
      statementsOnTime: onTime,
      statementsLate: late,
      statementsMissing: missing,
      statementsPending: pending,
    },
    fees: {
      chargedHouseholds: count(charged),
      settledHouseholds: count(sum(inPeriod, (m) => m.settledHouseholds)),
      arrearsHouseholds: count(sum(inPeriod, (m) => m.arrearsHouseholds)),
      dueFen: raw(due, charged),
      collectedFen: raw(collected, charged),
      collectionRate: raw(rate(collected, due), charged),
      byClass: PROPERTY_MODES.map((mode) => {
        const cs = compounds.filter((c) => c.propertyMode === mode);
        const fs = cs.map((c) => feesOf.get(c.compoundId)).filter((f) => f !== undefined);
        const n = sum(fs, (f) => f.charged);
        return {
          mode,
          compounds: cs.length,
          chargedHouseholds: count(n),
          collectionRate: raw(
            rate(
              sum(fs, (f) => f.collected),
              sum(fs, (f) => f.due),
            ),
            n,
          ),
        };
      }),
      arrearsBands: ARREARS_BANDS.map((b) => ({
        band: b.band,
        compounds: [...feesOf.values()].filter((f) => f.charged > 0 && f.arrears >= b.min && (b.max === null || f.arrears <= b.max)).length,
      })),
    },
    services: {
      evaluatedHouseholds: count(evaluatedHouseholds),
      averageRating: raw(evaluations ? Math.round((scoreSum / evaluations) * 100) / 100 : null, evaluatedHouseholds),
      ratedCompounds: rated,
      redFlags: red,
      yellowFlags: yellow,
      objections: sum(inQuarter, (m) => m.objections),
      objectionsAnswered: sum(inQuarter, (m) => m.objectionsAnswered),
    },
    people: {
      households: count(households),
      residents: count(sum(compounds, (c) => c.residents)),
      partyMembers: count(sum(compounds, (c) => c.partyMembers)),
      externalPartyMembers: count(sum(compounds, (c) => c.externalPartyMembers)),
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

export function suppress(total: Groups, rows: Groups[], k: number): void {
  for (const g of [total, ...rows]) {
    markSmall(allCells(g), k);
  }
  for (let pass = 0; pass < 3; pass++) {
    for (const g of [total, ...rows]) {
      rowComplement(g);
      tie(g);
    }
    const totalColumns = columns(total);
    const rowColumns = rows.map(columns);
    for (const name of Object.keys(totalColumns))
      complement(
        rowColumns.map((c) => c[name]),
        totalColumns[name],
      );
  }
  for (const g of [total, ...rows]) tie(g);
}

/** The figures of a scope: the whole and one row per community (or per compound, for a community). */
export function computeFigures(input: FiguresInput): Computed {
  const total = groupsOf(input, input.compounds, input.accounts, input.statements);
  let rows: Row[];
  if (input.unit === 'COMMUNITY') {
    rows = input.rules.map((r) => {
      const compounds = input.compounds.filter((c) => c.communityId === r.communityId);
      return row(
        { kind: 'COMMUNITY', pk: r.communityId, name: r.name, communityId: r.communityId },
        groupsOf(
          input,
          compounds,
          input.accounts.filter((a) => a.communityId === r.communityId),
          input.statements.filter((s) => s.communityId === r.communityId),
        ),
      );
    });
  } else {
    // Accounts and statements belong to the community (an account may be pooled by a joint branch).
    rows = input.compounds.map((c) =>
      row({ kind: 'COMPOUND', pk: c.compoundId, name: c.compoundName, communityId: c.communityId }, groupsOf(input, [c], [], [])),
    );
  }
  if (input.suppress)
    suppress(
      total,
      rows.map((r) => r.groups),
      input.k,
    );
  return { total, rows };
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

/** Monthly points from `from` to `to` over the whole scope. */
export function computeSeries(input: Omit<FiguresInput, 'period' | 'unit'>, from: string, to: string): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  for (let i = 0; i < monthsBetween(from, to); i++) {
    const month = addMonths(from, i);
    const g = groupsOf(
      { ...input, unit: 'COMMUNITY', period: { label: month.slice(0, 7), months: [month], quarter: month, end: addMonths(month, 1) } },
      input.compounds,
      input.accounts,
      input.statements,
    );
    const ms = input.months.filter((m) => m.month === month);
    points.push({
      month,
      chargedHouseholds: g.fees.chargedHouseholds,
      settledHouseholds: g.fees.settledHouseholds,
      arrearsHouseholds: g.fees.arrearsHouseholds,
      dueFen: g.fees.dueFen,
      collectedFen: g.fees.collectedFen,
      collectionRate: g.fees.collectionRate,
      statementsOnTime: g.money.statementsOnTime,
      statementsLate: g.money.statementsLate,
      statementsMissing: g.money.statementsMissing,
      objections: sum(ms, (m) => m.objections),
      objectionsAnswered: sum(ms, (m) => m.objectionsAnswered),
    });
  }
  if (input.suppress) suppressSeries(points, input.k);
  return points;
}

/** The months of one quarter add up to the quarter's figure: a hidden month takes a second with it. */
export function suppressSeries(points: SeriesPoint[], k: number): void {
  const keys = ['chargedHouseholds', 'settledHouseholds', 'arrearsHouseholds'] as const;
  for (const p of points) markSmall([...keys.map((key) => p[key]), p.dueFen, p.collectedFen, p.collectionRate], k);
  const byQuarter = new Map<string, SeriesPoint[]>();
  for (const p of points) {
    const [y, m] = p.month.split('-').map(Number);
    const q = `${y}-${Math.floor((m - 1) / 3)}`;
    byQuarter.set(q, [...(byQuarter.get(q) ?? []), p]);
  }
  for (let pass = 0; pass < 3; pass++) {
    for (const p of points) {
      complement([p.settledHouseholds, p.arrearsHouseholds], p.chargedHouseholds);
      if (p.chargedHouseholds.hide)
        for (const r of [p.settledHouseholds, p.arrearsHouseholds, p.dueFen, p.collectedFen, p.collectionRate]) r.hide = true;
    }
    // The quarter's total is shown elsewhere (figures for the quarter): treat it as shown.
    for (const ps of byQuarter.values())
      for (const key of keys)
        complement(
          ps.map((p) => p[key]),
          raw(0, 0),
        );
  }
  for (const p of points)
    if (p.chargedHouseholds.hide)
      for (const r of [p.settledHouseholds, p.arrearsHouseholds, p.dueFen, p.collectedFen, p.collectionRate]) r.hide = true;
}
