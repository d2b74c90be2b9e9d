import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { careFacts, careFactsByCommunity, computeCare, computeCareByCommunity, computeVolunteers, periodBounds } from './figures.care';
import { CareFiguresType, VolunteerFiguresType } from './figures.care.types';
import { FiguresRowType, FiguresType, type FiguresContext } from './figures.types';

/** A district's or street's figures with their rows, suppressed together (the whole is the rows' sum). */
async function byCommunity(ctx: RequestContext, context: FiguresContext) {
  const { scope, period, suppress, minCell } = context;
  const { from, end } = periodBounds(period.months);
  const facts = await careFactsByCommunity(ctx, from, end).load(`${scope.kind}:${scope.pk}`);
  return computeCareByCommunity(facts, period.months, minCell, suppress);
}

/** The care and volunteer parts of a Figures answer, for its scope, period and suppression. */
@Resolver(() => FiguresType)
export class FiguresCareResolver {
  @FieldResolver(() => CareFiguresType, {
    description: 'Care links and coverage (now), visits and problems solved per month of the period.',
  })
  async care(@Root() figures: FiguresType, @Ctx() ctx: RequestContext) {
    const { scope, period, suppress, minCell } = figures.context;
    if (scope.kind !== 'COMMUNITY') return (await byCommunity(ctx, figures.context)).total.care;
    const { from, end } = periodBounds(period.months);
    const facts = await careFacts(ctx, from, end).load(`${scope.kind}:${scope.pk}`);
    return computeCare(facts, period.months, minCell, suppress);
  }

  @FieldResolver(() => VolunteerFiguresType, { description: 'Volunteer minutes per team and month of the period, and active volunteers.' })
  async volunteers(@Root() figures: FiguresType, @Ctx() ctx: RequestContext) {
    const { scope, period, suppress, minCell } = figures.context;
    if (scope.kind !== 'COMMUNITY') return (await byCommunity(ctx, figures.context)).total.volunteers;
    const { from, end } = periodBounds(period.months);
    const facts = await careFacts(ctx, from, end).load(`${scope.kind}:${scope.pk}`);
    return computeVolunteers(facts, period.months, minCell, suppress);
  }
}

/*
 * Rows of a district's or street's breakdown (communities). A community's own rows are compounds:
 * coverage per compound needs the tags per compound, which lianxin_care_coverage does not give, so
 * those rows answer null (docs/figures.md).
 */
@Resolver(() => FiguresRowType)
export class FiguresRowCareResolver {
  @FieldResolver(() => CareFiguresType, {
    nullable: true,
    description: 'Care links and visits of this community, withheld with the whole; null on a compound row.',
  })
  async care(@Root() row: FiguresRowType, @Ctx() ctx: RequestContext) {
    if (row.unit.kind !== 'COMMUNITY') return null;
    return (await byCommunity(ctx, row.context)).rows.get(row.unit.pk)?.care ?? null;
  }

  @FieldResolver(() => VolunteerFiguresType, {
    nullable: true,
    description: 'Volunteer minutes per team and month of this community, withheld with the whole; null on a compound row.',
  })
  async volunteers(@Root() row: FiguresRowType, @Ctx() ctx: RequestContext) {
    if (row.unit.kind !== 'COMMUNITY') return null;
    return (await byCommunity(ctx, row.context)).rows.get(row.unit.pk)?.volunteers ?? null;
  }
}
