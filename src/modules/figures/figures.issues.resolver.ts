import { Arg, Ctx, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from 'type-graphql';
import { BadUserInputError } from '../../core/errors/errors';
import type { RequestContext } from '../../context';
import { DateScalar } from '../../core/graphql/scalars';
import { issueFigures, issueSeries, noIssues, type IssueFigures } from './figures.issues';
import { addMonths, FiguresPeriodScalar, monthsBetween, type FiguresPeriod } from './figures.period';
import { MAX_SERIES_MONTHS } from './figures.service';
import { FigureCountType, FigureRatioType, FiguresRowType, FiguresType, type FiguresContext } from './figures.types';

@ObjectType('IssueFigures', {
  simpleResolvers: true,
  description: "Residents' issues reported in the period (UTC months), and what became of them as of now.",
})
export class IssueFiguresType {
  @Field(() => Int, { description: 'Issues reported (by residents and by QR code).' })
  reported!: number;

  @Field(() => Int, { description: 'Of them, accepted before any SLA deadline passed (no automatic escalation before the acceptance).' })
  acceptedWithinSla!: number;

  @Field(() => Int, { description: 'Of them, resolved or closed now.' })
  resolved!: number;

  @Field(() => Int, { description: 'Of the resolved, those no SLA deadline passed for (never escalated by the timer).' })
  resolvedWithinSla!: number;

  @Field(() => Int, {
    description:
      'Of the resolved, those solved at the building group or branch: never escalated to the community or street (问题不出小区).',
  })
  solvedInCompound!: number;

  @Field(() => Float, { nullable: true, description: 'Median hours from report to resolution over the resolved; null when none is.' })
  medianHoursToResolution!: number | null;

  @Field(() => FigureCountType, { description: 'Ratings reporters gave when closing (1–5).' })
  ratings!: FigureCountType;

  @Field(() => FigureRatioType, { description: 'Their average (satisfaction), withheld with the count of ratings.' })
  averageRating!: FigureRatioType;
}

@ObjectType('IssueFiguresPoint', { simpleResolvers: true, description: 'One month of the issue figures over the whole scope.' })
export class IssueFiguresPointType extends IssueFiguresType {
  @Field(() => DateScalar, { description: 'The first day of the month.' })
  month!: string;
}

const unitOf = (context: FiguresContext) => (context.scope.kind === 'COMMUNITY' ? 'COMPOUND' : 'COMMUNITY');
const suppressionOf = (context: FiguresContext) => ({ on: context.suppress, k: context.minCell });

function periodFigures(ctx: RequestContext, context: FiguresContext) {
  return issueFigures(ctx, context.scope, unitOf(context), context.period.months, suppressionOf(context));
}

@Resolver(() => FiguresType)
export class FiguresIssuesResolver {
  @FieldResolver(() => IssueFiguresType, { description: "Residents' issues reported in the period over the whole scope." })
  async issues(@Root() figures: FiguresType, @Ctx() ctx: RequestContext): Promise<IssueFigures> {
    return (await periodFigures(ctx, figures.context)).total;
  }

  @FieldResolver(() => [IssueFiguresPointType], {
    description: "Residents' issues month by month over the whole scope, oldest first (at most 36 months).",
  })
  async issueSeries(
    @Root() figures: FiguresType,
    @Arg('from', () => FiguresPeriodScalar, { description: 'The first month (or quarter).' }) from: FiguresPeriod,
    @Arg('to', () => FiguresPeriodScalar, { description: 'The last month (or quarter).' }) to: FiguresPeriod,
    @Ctx() ctx: RequestContext,
  ): Promise<Array<IssueFigures & { month: string }>> {
    const first = from.months[0];
    const last = to.months[to.months.length - 1];
    const n = monthsBetween(first, last);
    if (n === 0 || n > MAX_SERIES_MONTHS)
      throw new BadUserInputError(`from must not be after to, and the series at most ${MAX_SERIES_MONTHS} months long`);
    const byMonth = await issueSeries(ctx, figures.context.scope, unitOf(figures.context), first, last, suppressionOf(figures.context));
    return Array.from({ length: n }, (_, i) => {
      const month = addMonths(first, i);
      return { month, ...(byMonth.get(month) ?? noIssues()) };
    });
  }
}

@Resolver(() => FiguresRowType)
export class FiguresRowIssuesResolver {
  @FieldResolver(() => IssueFiguresType, { description: "Residents' issues reported in the period in this community (or compound)." })
  async issues(@Root() row: FiguresRowType, @Ctx() ctx: RequestContext): Promise<IssueFigures> {
    return (await periodFigures(ctx, row.context)).byUnit.get(row.unit.pk) ?? noIssues();
  }
}
