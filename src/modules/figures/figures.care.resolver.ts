import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { careFacts, computeCare, computeVolunteers, periodBounds } from './figures.care';
import { CareFiguresType, VolunteerFiguresType } from './figures.care.types';
import { FiguresType } from './figures.types';

/** The care and volunteer parts of a Figures answer, for its scope, period and suppression. */
@Resolver(() => FiguresType)
export class FiguresCareResolver {
  @FieldResolver(() => CareFiguresType, {
    description: 'Care links and coverage (now), visits and problems solved per month of the period.',
  })
  async care(@Root() figures: FiguresType, @Ctx() ctx: RequestContext) {
    const { scope, period, suppress, minCell } = figures.context;
    const { from, end } = periodBounds(period.months);
    const facts = await careFacts(ctx, from, end).load(`${scope.kind}:${scope.pk}`);
    return computeCare(facts, period.months, minCell, suppress);
  }

  @FieldResolver(() => VolunteerFiguresType, { description: 'Volunteer minutes per team and month of the period, and active volunteers.' })
  async volunteers(@Root() figures: FiguresType, @Ctx() ctx: RequestContext) {
    const { scope, period, suppress, minCell } = figures.context;
    const { from, end } = periodBounds(period.months);
    const facts = await careFacts(ctx, from, end).load(`${scope.kind}:${scope.pk}`);
    return computeVolunteers(facts, period.months, minCell, suppress);
  }
}
