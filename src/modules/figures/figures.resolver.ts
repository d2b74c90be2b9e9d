import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import type { CommunityRow } from '../geography/community.loaders';
import type { DistrictRow } from '../geography/district.loaders';
import { CommunityType, DistrictType, StreetType } from '../geography/geography.types';
import type { StreetRow } from '../geography/street.loaders';
import { FiguresPeriodScalar, type FiguresPeriod } from './figures.period';
import { figuresService } from './figures.service';
import { FiguresPointType, FiguresType } from './figures.types';

const PERIOD = 'A month (2026-11) or a quarter (2026-Q4).';

@Resolver(() => DistrictType)
export class DistrictFiguresResolver {
  @FieldResolver(() => FiguresType, { description: "The district's figures for a period, per community (READ_AGGREGATES)." })
  figures(
    @Root() district: DistrictRow,
    @Arg('period', () => FiguresPeriodScalar, { description: PERIOD }) period: FiguresPeriod,
    @Ctx() ctx: RequestContext,
  ) {
    return figuresService.figures(ctx, { kind: 'DISTRICT', pk: district.pk }, district, period);
  }
}

@Resolver(() => StreetType)
export class StreetFiguresResolver {
  @FieldResolver(() => FiguresType, { description: "The street's figures for a period, per community (READ_AGGREGATES)." })
  figures(
    @Root() street: StreetRow,
    @Arg('period', () => FiguresPeriodScalar, { description: PERIOD }) period: FiguresPeriod,
    @Ctx() ctx: RequestContext,
  ) {
    return figuresService.figures(ctx, { kind: 'STREET', pk: street.pk }, street, period);
  }
}

@Resolver(() => CommunityType)
export class CommunityFiguresResolver {
  @FieldResolver(() => FiguresType, { description: "The community's figures for a period, per compound (READ_AGGREGATES)." })
  figures(
    @Root() community: CommunityRow,
    @Arg('period', () => FiguresPeriodScalar, { description: PERIOD }) period: FiguresPeriod,
    @Ctx() ctx: RequestContext,
  ) {
    return figuresService.figures(ctx, { kind: 'COMMUNITY', pk: community.pk }, { ...community, communityId: community.pk }, period);
  }
}

@Resolver(() => FiguresType)
export class FiguresResolver {
  @FieldResolver(() => [FiguresPointType], { description: 'Month by month over the whole scope, oldest first (at most 36 months).' })
  series(
    @Root() figures: FiguresType,
    @Arg('from', () => FiguresPeriodScalar, { description: 'The first month (or quarter).' }) from: FiguresPeriod,
    @Arg('to', () => FiguresPeriodScalar, { description: 'The last month (or quarter).' }) to: FiguresPeriod,
    @Ctx() ctx: RequestContext,
  ) {
    return figuresService.series(ctx, figures.context, from, to);
  }
}
