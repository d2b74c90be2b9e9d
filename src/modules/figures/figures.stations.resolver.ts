import { Ctx, Field, FieldResolver, Float, Int, ObjectType, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { noStations, stationFacts, type StationFigures } from './figures.stations';
import { FiguresRowType, FiguresType } from './figures.types';

@ObjectType('StationFigures', {
  simpleResolvers: true,
  description:
    'Service stations (docs/stations.md): meeting the "八有" standard now, and 门常开、人常在 as the staffed share of opening hours in the period. About places, never withheld.',
})
export class StationFiguresType {
  @Field(() => Int, { description: 'Service stations and other service places (now).' })
  stations!: number;

  @Field(() => Int, { description: 'Of them, those whose latest inspection met every item of the standard in force now.' })
  meetingStandard!: number;

  @Field(() => Int, { description: 'Seconds of opening hours in the period (up to now), over all the stations.' })
  openSeconds!: number;

  @Field(() => Int, { description: 'Of those, seconds with someone checked in (several people at once count once).' })
  staffedSeconds!: number;

  @Field(() => Float, { nullable: true, description: 'Staffed ÷ open seconds, 0 to 1; null when no station was open.' })
  staffedShare!: number | null;
}

@Resolver(() => FiguresType)
export class FiguresStationsResolver {
  @FieldResolver(() => StationFiguresType, { description: 'Service stations of the whole scope: the standard and the staffed share.' })
  async stations(@Root() figures: FiguresType, @Ctx() ctx: RequestContext): Promise<StationFigures> {
    const { scope, period } = figures.context;
    return (await stationFacts(ctx, period.months).load(`${scope.kind}:${scope.pk}`)).total;
  }
}

@Resolver(() => FiguresRowType)
export class FiguresRowStationsResolver {
  @FieldResolver(() => StationFiguresType, {
    description: 'Service stations of this community (or serving this compound): the standard and the staffed share.',
  })
  async stations(@Root() row: FiguresRowType, @Ctx() ctx: RequestContext): Promise<StationFigures> {
    const { scope, period } = row.context;
    const facts = await stationFacts(ctx, period.months).load(`${scope.kind}:${scope.pk}`);
    const byUnit = row.unit.kind === 'COMPOUND' ? facts.byCompound : facts.byCommunity;
    return byUnit.get(row.unit.pk) ?? noStations();
  }
}
