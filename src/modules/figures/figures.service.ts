import type { RequestContext } from '../../context';
import { Capability } from '../../core/auth/capabilities';
import { can, type Placed } from '../../core/auth/principal';
import { BadUserInputError } from '../../core/errors/errors';
import { toGlobalId } from '../../core/ids/global-id';
import {
  addDays,
  computeFigures,
  computeSeries,
  quarterOfMonth,
  scopeTalliesOf,
  TERM_ENDING_DAYS,
  type Groups,
  type Row,
} from './figures.compute';
import { reachKey, type Computed } from './figures.cache';
import { FiguresUnitKind } from './figures.enums';
import {
  accountFacts,
  communityRules,
  compoundPeriodFacts,
  feeMonths,
  monthTotals,
  scopeTallies,
  statementFacts,
  type FeeMonthRow,
  type MonthTotals,
  type Scope,
} from './figures.loaders';
import { addMonths, monthsBetween, type FiguresPeriod } from './figures.period';
import { cell, type Raw } from './figures.suppression';
import type { FiguresContext, FiguresPointType, FiguresRowType, FiguresType, RankedUnitType } from './figures.types';

/** The longest series asked for at once, in months. */
export const MAX_SERIES_MONTHS = 36;

/*
 * Figures of a scope for a period: the roll-ups of its compounds read in a few statements, the
 * arithmetic in figures.compute.ts. Small cells are withheld unless the caller reads the scope's
 * households itself (a community's own roles, the platform): officers above communities get counts.
 */

type Out<T> = T extends Raw
  ? ReturnType<typeof cell>
  : T extends Array<infer U>
    ? Array<Out<U>>
    : T extends object
      ? { [K in keyof T]: Out<T[K]> }
      : T;

// Plain loops, not Object.entries/fromEntries: this runs over every cell of every row per request.
function finish<T>(value: T): Out<T> {
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = finish(value[i]);
    return out as Out<T>;
  }
  if (value && typeof value === 'object') {
    if ('hide' in value && 'base' in value) return cell(value as unknown as Raw) as Out<T>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value)) out[k] = finish((value as Record<string, unknown>)[k]);
    return out as Out<T>;
  }
  return value as Out<T>;
}

function rankBy(rows: Row[], pick: (g: Groups) => Raw | number | null): RankedUnitType[] {
  const entries = rows.map((r) => {
    const v = pick(r.groups);
    const c = v === null || typeof v === 'number' ? { value: v, suppressed: false } : cell(v);
    return {
      id: toGlobalId(r.unit.kind === 'COMMUNITY' ? 'Community' : 'Compound', r.unit.pk),
      name: r.unit.name,
      value: c,
      rank: null as number | null,
      pk: r.unit.pk,
    };
  });
  entries.sort((a, b) => (b.value.value ?? -1) - (a.value.value ?? -1) || a.pk - b.pk);
  let next = 0;
  for (const e of entries) e.rank = e.value.value !== null ? ++next : null;
  return entries.map(({ pk: _pk, ...e }) => e);
}

/**
 * The statements' results from this instance's cache (figures.cache.ts) when the operation is a
 * query: a mutation's transaction may hold its own uncommitted writes. The key gets what else the
 * result depends on: the caller's reach (row-level security) and where the request reads (a
 * replica may lag the primary).
 */
function cached<T>(ctx: RequestContext, key: string, compute: () => Promise<T>, notBefore?: Date): Promise<Computed<T>> {
  const now = ctx.clock.now();
  const cache = ctx.figuresCache;
  const session = ctx.session;
  if (!cache || !session || session.operationType !== 'query') return compute().then((value) => ({ value, computedAt: now }));
  return cache.get(`${key}|${session.readFrom}|${reachKey(ctx.principal)}`, now, compute, notBefore);
}

export const figuresService = {
  async figures(ctx: RequestContext, scope: Scope, placed: Placed, period: FiguresPeriod): Promise<FiguresType> {
    const suppress = !can(ctx.principal, Capability.READ_HOUSEHOLDS, placed);
    const lastMonth = period.months[period.months.length - 1];
    const quarterEnd = addMonths(period.quarter, 2);
    const today = ctx.clock.today();
    const perCompound = scope.kind === 'COMMUNITY';
    const soon = addDays(today, TERM_ENDING_DAYS);
    // A district or a street: counted and summed per community in PostgreSQL (~20 rows, not 1,200).
    // Withheld cells: the fees of the quarter's three months as well, suppressed jointly.
    const { value, computedAt } = await cached(
      ctx,
      `figures|${scope.kind}:${scope.pk}|${period.months[0]}|${lastMonth}|${period.quarter}|${today}${suppress ? '|quarter-fees' : ''}`,
      () =>
        Promise.all([
          suppress ? feeMonths(ctx, scope, period.quarter, quarterEnd) : undefined,
          perCompound ? compoundPeriodFacts(ctx, scope, period.months[0], lastMonth, period.quarter, quarterEnd) : undefined,
          perCompound ? undefined : scopeTallies(ctx, scope, period.months[0], lastMonth, period.quarter, quarterEnd, today, soon),
          accountFacts(ctx, scope),
          statementFacts(ctx, scope, period.months[0], lastMonth),
          communityRules(ctx, scope),
        ]),
    );
    const [quarterFees, compounds, tallies, accounts, statements, rules] = value;
    const { total, rows, streets } = computeFigures({
      quarterFees,
      unit: perCompound ? 'COMPOUND' : 'COMMUNITY',
      streets: scope.kind === 'DISTRICT',
      period,
      today,
      k: ctx.minCell,
      suppress,
      compounds,
      tallies: tallies && scopeTalliesOf(tallies, rules),
      accounts,
      statements,
      rules,
    });
    const context: FiguresContext = { scope, period, suppress, minCell: ctx.minCell, asOf: computedAt };
    const breakdown: FiguresRowType[] = rows.map((r) => ({
      ...finish(r.groups),
      id: toGlobalId(r.unit.kind === 'COMMUNITY' ? 'Community' : 'Compound', r.unit.pk),
      kind: r.unit.kind === 'COMMUNITY' ? FiguresUnitKind.COMMUNITY : FiguresUnitKind.COMPOUND,
      name: r.unit.name,
      unit: r.unit,
      context,
    }));
    return {
      ...finish(total),
      period,
      asOf: computedAt,
      suppressionApplied: suppress,
      minCell: ctx.minCell,
      breakdown,
      streets: streets.map((r) => ({ ...finish(r.groups), id: toGlobalId('Street', r.unit.pk), name: r.unit.name })),
      rankings: {
        collectionRate: rankBy(rows, (g) => g.fees.collectionRate),
        serviceRating: rankBy(rows, (g) => g.services.averageRating),
        coverage: rankBy(rows, (g) =>
          g.coverage.compounds
            ? Math.round(((g.coverage.standaloneCompounds + g.coverage.jointCompounds) / g.coverage.compounds) * 10_000) / 10_000
            : null,
        ),
      },
      context,
    };
  },

  async series(ctx: RequestContext, context: FiguresContext, from: FiguresPeriod, to: FiguresPeriod): Promise<FiguresPointType[]> {
    const first = from.months[0];
    const last = to.months[to.months.length - 1];
    const n = monthsBetween(first, last);
    if (n === 0 || n > MAX_SERIES_MONTHS)
      throw new BadUserInputError(`from must not be after to, and the series at most ${MAX_SERIES_MONTHS} months long`);
    // Withheld cells: the fee flows per unit over the whole quarters instead of the month totals,
    // for the quarters' joint suppression (the totals are their TOTAL rows).
    const quarters = context.suppress ? ([quarterOfMonth(first), addMonths(quarterOfMonth(last), 2)] as const) : null;
    const { value } = await cached(
      ctx,
      `series|${context.scope.kind}:${context.scope.pk}|${first}|${last}${quarters ? '|quarter-fees' : ''}`,
      () =>
        Promise.all([
          quarters ? feeMonths(ctx, context.scope, quarters[0], quarters[1]) : monthTotals(ctx, context.scope, first, last),
          accountFacts(ctx, context.scope),
          statementFacts(ctx, context.scope, first, last),
          communityRules(ctx, context.scope),
        ]),
      context.asOf,
    );
    const [flows, accounts, statements, rules] = value;
    const quarterFees = quarters ? (flows as FeeMonthRow[]) : undefined;
    const totals: MonthTotals[] = quarterFees
      ? quarterFees
          .filter((r) => r.level === 'TOTAL')
          .map((r) => ({
            month: r.month,
            dueFen: r.due,
            collectedFen: r.collected,
            chargedHouseholds: r.charged,
            settledHouseholds: r.settled,
            arrearsHouseholds: r.arrears,
            objections: r.objections,
            objectionsAnswered: r.objectionsAnswered,
          }))
      : (flows as MonthTotals[]);
    const points = computeSeries(
      {
        today: ctx.clock.today(),
        k: context.minCell,
        suppress: context.suppress,
        totals,
        accounts,
        statements,
        rules,
        quarterFees,
        streets: context.scope.kind === 'DISTRICT',
      },
      first,
      last,
    );
    return points.map((p) => finish(p));
  },
};
