import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Field, FieldResolver, Info, Mutation, ObjectType, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { BadUserInputError } from '../../core/errors/errors';
import { payloadOf } from '../../core/graphql/payload';
import { connection, related } from '../../core/graphql/relations';
import { DateScalar } from '../../core/graphql/scalars';
import { ConnectionType } from '../../core/pagination/connection';
import { PageArgs } from '../../core/pagination/page-args';
import type { CommunityRow } from '../geography/community.loaders';
import { CommunityType } from '../geography/geography.types';
import { PersonSpec } from '../people/person.loaders';
import { PersonType } from '../people/people.types';
import { BuildingSpec } from '../places/building.loaders';
import { CompoundSpec } from '../places/compound.loaders';
import { BuildingType, CompoundType } from '../places/places.types';
import { gridsService } from './grids.service';
import { staffedHours, type StaffedHoursRow } from './staffed-hours.loaders';
import {
  AddStationRosterEntryInput,
  AddStationStandardItemInput,
  CheckInAtStationInput,
  CheckOutOfStationInput,
  CloseStationCheckInInput,
  CreateGridUnitInput,
  CreateServiceStationInput,
  EndGridPostingInput,
  EndStationRosterEntryInput,
  EndGridPostingPayload,
  PostToGridPayload,
  CreateGridUnitPayload,
  INPUT_DESCRIPTION,
  PostToGridInput,
  RecordStationInspectionInput,
  RetireStationStandardItemInput,
  CreateServiceStationPayload,
  SetStationOpeningHoursPayload,
  UpdateServiceStationPayload,
  SetStationOpeningHoursInput,
  CheckInAtStationPayload,
  CheckOutOfStationPayload,
  CloseStationCheckInPayload,
  RecordStationInspectionPayload,
  AddStationRosterEntryPayload,
  EndStationRosterEntryPayload,
  AddStationStandardItemPayload,
  RetireStationStandardItemPayload,
  UpdateServiceStationInput,
} from './stations.inputs';
import {
  GridPostingSpec,
  GridUnitSpec,
  ServiceStationSpec,
  StationCheckInSpec,
  StationInspectionSpec,
  StationRosterEntrySpec,
  StationStandardItemSpec,
  type GridPostingRow,
  type GridUnitRow,
  type ServiceStationRow,
  type StationCheckInRow,
  type StationInspectionRow,
  type StationRosterEntryRow,
} from './stations.loaders';
import { stationsService } from './stations.service';
import {
  GridPostingType,
  GridUnitType,
  ServiceStationType,
  StaffedHoursType,
  StationCheckInType,
  StationInspectionType,
  StationMonthType,
  StationRosterEntryType,
  StationStandardItemType,
} from './stations.types';

export const StationCheckInConnection = ConnectionType<StationCheckInRow>(StationCheckInType, 'StationCheckIn');

@ObjectType('StationStaffed', { simpleResolvers: true, description: 'One station’s staffed hours in a month.' })
export class StationStaffedType {
  @Field(() => ServiceStationType, { description: 'The station.' })
  station!: ServiceStationRow;

  @Field(() => StaffedHoursType, { description: 'Its opening hours and how much of them was staffed.' })
  hours!: StaffedHoursRow;
}

interface StationMonthRow {
  month: string;
  stations: number;
  meetingStandard: number;
  staffed: Array<{ station: ServiceStationRow; hours: StaffedHoursRow }>;
}

function checkPeriod(from: string, to: string): void {
  if (to < from || Date.parse(to) - Date.parse(from) > 366 * 86_400_000)
    throw new BadUserInputError('from must not be after to, and at most a year before it');
}

/** The last day of the month a first day opens. */
function monthEnd(month: string): string {
  const d = new Date(`${month}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);
}

@Resolver(() => CommunityType)
export class CommunityStationsResolver {
  @FieldResolver(() => [ServiceStationType], { description: 'The community’s service stations and other service places.' })
  serviceStations(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(ServiceStationSpec, 'community_id', 't.name, t.id').load(community.pk);
  }

  @FieldResolver(() => [StationStandardItemType], {
    description: 'The community’s station standard ("八有" by default), retired items included.',
  })
  stationStandardItems(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(StationStandardItemSpec, 'community_id', 't.position, t.id').load(community.pk);
  }

  @FieldResolver(() => [GridUnitType], { description: 'The community’s grid units (网格).' })
  gridUnits(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(GridUnitSpec, 'community_id', 't.name, t.id').load(community.pk);
  }

  @FieldResolver(() => StationMonthType, { description: 'Stations meeting the standard, and each station’s staffed hours in a month.' })
  async stationMonth(
    @Root() community: CommunityRow,
    @Arg('month', () => DateScalar, { description: 'Any day of the month.' }) month: string,
    @Ctx() ctx: RequestContext,
  ): Promise<StationMonthRow> {
    const first = `${month.slice(0, 7)}-01`;
    const stations = await ctx.loaders.allBy(ServiceStationSpec, 'community_id', 't.name, t.id').load(community.pk);
    const hours = await staffedHours(ctx, first, monthEnd(first)).loadMany(stations.map((s) => s.pk));
    return {
      month: first,
      stations: stations.length,
      meetingStandard: stations.filter((s) => s.meetsStandard).length,
      staffed: stations.map((station, i) => {
        const h = hours[i];
        if (h instanceof Error) throw h;
        return { station, hours: h };
      }),
    };
  }

  @Mutation(() => CreateServiceStationPayload, { description: 'Creates a service station of a community.' })
  async createServiceStation(
    @Arg('input', { description: INPUT_DESCRIPTION }) input: CreateServiceStationInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'station', ServiceStationSpec, await stationsService.create(ctx, input));
  }

  @Mutation(() => AddStationStandardItemPayload, { description: 'Adds an item to the community’s station standard.' })
  async addStationStandardItem(
    @Arg('input', { description: INPUT_DESCRIPTION }) input: AddStationStandardItemInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'standardItem', StationStandardItemSpec, await stationsService.addStandardItem(ctx, input));
  }

  @Mutation(() => RetireStationStandardItemPayload, { description: 'Retires an item of the station standard.' })
  async retireStationStandardItem(
    @Arg('input', { description: INPUT_DESCRIPTION }) input: RetireStationStandardItemInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'standardItem', StationStandardItemSpec, await stationsService.retireStandardItem(ctx, input));
  }

  @Mutation(() => CreateGridUnitPayload, { description: 'Creates a grid unit covering compounds or buildings.' })
  async createGridUnit(@Arg('input', { description: INPUT_DESCRIPTION }) input: CreateGridUnitInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'grid', GridUnitSpec, await gridsService.createGrid(ctx, input));
  }
}

@Resolver(() => StationMonthType)
export class StationMonthResolver {
  @FieldResolver(() => [StationStaffedType], { description: 'Each station’s staffed hours that month (up to now).' })
  staffed(@Root() month: StationMonthRow) {
    return month.staffed;
  }
}

@Resolver(() => ServiceStationType)
export class ServiceStationResolver {
  @FieldResolver(() => CompoundType, { nullable: true, description: 'The compound it serves, if one.' })
  compound(@Root() station: ServiceStationRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundSpec, station.compoundId);
  }

  @FieldResolver(() => [StationInspectionType], { description: 'Its inspections, latest first.' })
  inspections(@Root() station: ServiceStationRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(StationInspectionSpec, 'station_id', 't.inspected_on desc, t.id desc').load(station.pk);
  }

  @FieldResolver(() => [StationRosterEntryType], { description: 'Its roster, ended entries included.' })
  roster(@Root() station: ServiceStationRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(StationRosterEntrySpec, 'station_id', 't.from_on, t.id').load(station.pk);
  }

  @FieldResolver(() => StationCheckInConnection, { description: 'Its check-ins, oldest first.' })
  checkIns(@Root() station: ServiceStationRow, @Args() args: PageArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return connection(ctx, info, StationCheckInConnection, StationCheckInSpec, 'station_id', station.pk, args);
  }

  @FieldResolver(() => [GridUnitType], { description: 'The grids posted to it.' })
  grids(@Root() station: ServiceStationRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(GridUnitSpec, 'station_id', 't.name, t.id').load(station.pk);
  }

  @FieldResolver(() => StaffedHoursType, {
    description:
      '门常开、人常在: its opening hours on the local days from `from` to `to` (up to now) and how much of them had someone checked in.',
  })
  staffedHours(
    @Root() station: ServiceStationRow,
    @Arg('from', () => DateScalar, { description: 'First local day.' }) from: string,
    @Arg('to', () => DateScalar, { description: 'Last local day (at most a year after from).' }) to: string,
    @Ctx() ctx: RequestContext,
  ) {
    checkPeriod(from, to);
    return staffedHours(ctx, from, to).load(station.pk);
  }

  @Mutation(() => UpdateServiceStationPayload, { description: 'Changes a station’s name, kind, area or facilities.' })
  async updateServiceStation(
    @Arg('input', { description: INPUT_DESCRIPTION }) input: UpdateServiceStationInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'station', ServiceStationSpec, await stationsService.update(ctx, input));
  }

  @Mutation(() => SetStationOpeningHoursPayload, { description: 'Replaces a station’s weekly opening hours.' })
  async setStationOpeningHours(
    @Arg('input', { description: INPUT_DESCRIPTION }) input: SetStationOpeningHoursInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'station', ServiceStationSpec, await stationsService.setOpeningHours(ctx, input));
  }

  @Mutation(() => RecordStationInspectionPayload, { description: 'Records an inspection against the standard items active now.' })
  async recordStationInspection(
    @Arg('input', { description: INPUT_DESCRIPTION }) input: RecordStationInspectionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'inspection', StationInspectionSpec, await stationsService.inspect(ctx, input));
  }

  @Mutation(() => AddStationRosterEntryPayload, { description: 'Puts a person on a station’s roster.' })
  async addStationRosterEntry(
    @Arg('input', { description: INPUT_DESCRIPTION }) input: AddStationRosterEntryInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'rosterEntry', StationRosterEntrySpec, await stationsService.addRosterEntry(ctx, input));
  }

  @Mutation(() => EndStationRosterEntryPayload, { description: 'Ends a roster entry.' })
  async endStationRosterEntry(
    @Arg('input', { description: INPUT_DESCRIPTION }) input: EndStationRosterEntryInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'rosterEntry', StationRosterEntrySpec, await stationsService.endRosterEntry(ctx, input));
  }

  @Mutation(() => CheckInAtStationPayload, { description: 'The caller checks in at a station they are stationed at (驻点打卡).' })
  async checkInAtStation(@Arg('input', { description: INPUT_DESCRIPTION }) input: CheckInAtStationInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'checkIn', StationCheckInSpec, await stationsService.checkIn(ctx, input));
  }

  @Mutation(() => CloseStationCheckInPayload, {
    description: 'An administrator closes a check-in someone forgot to close, with the time they left (audited).',
  })
  async closeStationCheckIn(@Arg('input', { description: INPUT_DESCRIPTION }) input: CloseStationCheckInInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'checkIn', StationCheckInSpec, await stationsService.closeCheckIn(ctx, input));
  }

  @Mutation(() => CheckOutOfStationPayload, { description: 'The caller checks out of the station (closes their open check-in there).' })
  async checkOutOfStation(@Arg('input', { description: INPUT_DESCRIPTION }) input: CheckOutOfStationInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'checkIn', StationCheckInSpec, await stationsService.checkOut(ctx, input));
  }
}

@Resolver(() => StationInspectionType)
export class StationInspectionResolver {
  @FieldResolver(() => ServiceStationType, { nullable: true, description: 'The station inspected.' })
  station(@Root() inspection: StationInspectionRow, @Ctx() ctx: RequestContext) {
    return related(ctx, ServiceStationSpec, inspection.stationId);
  }
}

@Resolver(() => StationRosterEntryType)
export class StationRosterEntryResolver {
  @FieldResolver(() => ServiceStationType, { nullable: true, description: 'The station.' })
  station(@Root() entry: StationRosterEntryRow, @Ctx() ctx: RequestContext) {
    return related(ctx, ServiceStationSpec, entry.stationId);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'The person on duty.' })
  person(@Root() entry: StationRosterEntryRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, entry.personId);
  }
}

@Resolver(() => StationCheckInType)
export class StationCheckInResolver {
  @FieldResolver(() => ServiceStationType, { nullable: true, description: 'The station.' })
  station(@Root() checkIn: StationCheckInRow, @Ctx() ctx: RequestContext) {
    return related(ctx, ServiceStationSpec, checkIn.stationId);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'Who checked in.' })
  person(@Root() checkIn: StationCheckInRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, checkIn.personId);
  }
}

@Resolver(() => GridUnitType)
export class GridUnitResolver {
  @FieldResolver(() => ServiceStationType, { nullable: true, description: 'The station its people are posted to.' })
  station(@Root() grid: GridUnitRow, @Ctx() ctx: RequestContext) {
    return related(ctx, ServiceStationSpec, grid.stationId);
  }

  @FieldResolver(() => [CompoundType], { description: 'The compounds it covers, whole or in part.' })
  async compounds(@Root() grid: GridUnitRow, @Ctx() ctx: RequestContext) {
    const ids = [...new Set(grid.areas.map((a) => a.compoundId))];
    return (await ctx.loaders.node(CompoundSpec).loadMany(ids)).filter((c) => c && !(c instanceof Error));
  }

  @FieldResolver(() => [BuildingType], { description: 'The single buildings it covers (empty when it covers whole compounds).' })
  async buildings(@Root() grid: GridUnitRow, @Ctx() ctx: RequestContext) {
    const ids = grid.areas.flatMap((a) => (a.buildingId === null ? [] : [a.buildingId]));
    return (await ctx.loaders.node(BuildingSpec).loadMany(ids)).filter((b) => b && !(b instanceof Error));
  }

  @FieldResolver(() => [GridPostingType], { description: 'Its chief and workers, ended postings included.' })
  postings(@Root() grid: GridUnitRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(GridPostingSpec, 'grid_id', 't.started_on, t.id').load(grid.pk);
  }

  @Mutation(() => PostToGridPayload, {
    description: 'Posts a person to a grid; their login gets GRID_WORKER over the compounds it covers.',
  })
  async postToGrid(@Arg('input', { description: INPUT_DESCRIPTION }) input: PostToGridInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'posting', GridPostingSpec, await gridsService.post(ctx, input));
  }

  @Mutation(() => EndGridPostingPayload, { description: 'Ends a posting; the GRID_WORKER bindings it carried are revoked.' })
  async endGridPosting(@Arg('input', { description: INPUT_DESCRIPTION }) input: EndGridPostingInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'posting', GridPostingSpec, await gridsService.endPosting(ctx, input));
  }
}

@Resolver(() => GridPostingType)
export class GridPostingResolver {
  @FieldResolver(() => GridUnitType, { nullable: true, description: 'The grid.' })
  grid(@Root() posting: GridPostingRow, @Ctx() ctx: RequestContext) {
    return related(ctx, GridUnitSpec, posting.gridId);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'The person posted.' })
  person(@Root() posting: GridPostingRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, posting.personId);
  }
}
