import { ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PayloadType } from '../../core/graphql/payload';
import { DateScalar, DateTimeScalar } from '../../core/graphql/scalars';
import { CalendarDate, GlobalId, IntRange, Text, TextList } from '../../core/validation/rules';
import { GridPost, StationKind } from './stations.enums';
import {
  GridPostingType,
  GridUnitType,
  ServiceStationType,
  StationCheckInType,
  StationInspectionType,
  StationRosterEntryType,
  StationStandardItemType,
} from './stations.types';

export const INPUT_DESCRIPTION = "The mutation's input: one object, so fields can be added without breaking callers.";

@InputType({ description: 'A weekly opening slot, local time (China Standard Time), within one day.' })
export class OpeningSlotInput {
  @Field(() => Int, { description: 'ISO weekday: 1 Monday … 7 Sunday.' })
  weekday!: number;

  @Field({ description: 'Opens at HH:MM.' })
  @Text({ max: 5 })
  opensAt!: string;

  @Field({ description: 'Closes at HH:MM, after it opens.' })
  @Text({ max: 5 })
  closesAt!: string;
}

@InputType({ description: 'A new station or other service place of a community (optionally serving one compound).' })
export class CreateServiceStationInput {
  @Field(() => ID, { description: 'The community.' })
  @GlobalId()
  communityId!: string;

  @Field(() => ID, { nullable: true, description: 'The compound it serves, if one.' })
  @GlobalId(true)
  compoundId?: string | null;

  @Field({ description: 'e.g. 馨园党群服务站.' })
  @Text({ max: 100 })
  name!: string;

  @Field(() => StationKind, { description: 'What kind of place it is.' })
  stationKind!: StationKind;

  @Field(() => Int, { nullable: true, description: 'Floor area in whole square metres.' })
  @IntRange(1, 100_000)
  areaSquareMeters?: number | null;

  @Field(() => [String], { nullable: true, description: 'Facilities, e.g. 日间照料, 议事厅 (at most 30).' })
  @TextList(30, 50)
  facilities?: string[] | null;

  @Field(() => [OpeningSlotInput], { description: 'Weekly opening hours (may be empty).' })
  @ValidateNested({ each: true })
  openingHours!: OpeningSlotInput[];
}

@InputType({ description: 'Changes a station: only the fields given change.' })
export class UpdateServiceStationInput {
  @Field(() => ID, { description: 'The station.' })
  @GlobalId()
  stationId!: string;

  @Field(() => String, { nullable: true, description: 'A new name.' })
  @Text({ max: 100, nullable: true })
  name?: string | null;

  @Field(() => StationKind, { nullable: true, description: 'A new kind.' })
  stationKind?: StationKind | null;

  @Field(() => Int, { nullable: true, description: 'The floor area in whole square metres; null clears it.' })
  @IntRange(1, 100_000)
  areaSquareMeters?: number | null;

  @Field(() => [String], { nullable: true, description: 'The facilities, replacing the list (at most 30).' })
  @TextList(30, 50)
  facilities?: string[] | null;
}

@InputType({ description: 'Replaces a station’s weekly opening hours.' })
export class SetStationOpeningHoursInput {
  @Field(() => ID, { description: 'The station.' })
  @GlobalId()
  stationId!: string;

  @Field(() => [OpeningSlotInput], { description: 'The new weekly opening hours (empty: closed).' })
  @ValidateNested({ each: true })
  openingHours!: OpeningSlotInput[];
}

@InputType({ description: 'Adds an item to the community’s station standard.' })
export class AddStationStandardItemInput {
  @Field(() => ID, { description: 'The community.' })
  @GlobalId()
  communityId!: string;

  @Field({ description: 'e.g. 有台账.' })
  @Text({ max: 50 })
  name!: string;
}

@InputType({ description: 'Retires an item of the station standard: stations are no longer held to it.' })
export class RetireStationStandardItemInput {
  @Field(() => ID, { description: 'The item.' })
  @GlobalId()
  standardItemId!: string;
}

@InputType({ description: 'An inspection of a station against the standard items active now.' })
export class RecordStationInspectionInput {
  @Field(() => ID, { description: 'The station.' })
  @GlobalId()
  stationId!: string;

  @Field(() => DateScalar, { description: 'When it was inspected (not in the future).' })
  @CalendarDate(false)
  inspectedOn!: string;

  @Field({ description: 'Who inspected, e.g. 小店街道 王某.' })
  @Text({ max: 100 })
  inspector!: string;

  @Field(() => [ID], { description: 'The active items found met; every other active item is recorded as not met.' })
  metItemIds!: string[];

  @Field(() => [String], { nullable: true, description: 'Photos by reference: URLs or storage keys (at most 20).' })
  @TextList(20, 500)
  photos?: string[] | null;

  @Field(() => String, { nullable: true, description: 'What the inspector noted.' })
  @Text({ max: 500, nullable: true, multiline: true })
  note?: string | null;
}

@InputType({
  description:
    'Puts a person on a station’s roster: weekly in a slot (weekday, startsAt, endsAt), or whole days from fromOn until untilOn.',
})
export class AddStationRosterEntryInput {
  @Field(() => ID, { description: 'The station.' })
  @GlobalId()
  stationId!: string;

  @Field(() => ID, { description: 'The person on duty (of the station’s community).' })
  @GlobalId()
  personId!: string;

  @Field(() => Int, { nullable: true, description: 'ISO weekday of a weekly slot; null for whole days over the date range.' })
  weekday?: number | null;

  @Field(() => String, { nullable: true, description: 'Local start HH:MM of the weekly slot.' })
  @Text({ max: 5, nullable: true })
  startsAt?: string | null;

  @Field(() => String, { nullable: true, description: 'Local end HH:MM of the weekly slot.' })
  @Text({ max: 5, nullable: true })
  endsAt?: string | null;

  @Field(() => DateScalar, { description: 'The first day.' })
  @CalendarDate(false)
  fromOn!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The last day (none: until ended).' })
  @CalendarDate()
  untilOn?: string | null;
}

@InputType({ description: 'Ends a roster entry.' })
export class EndStationRosterEntryInput {
  @Field(() => ID, { description: 'The roster entry.' })
  @GlobalId()
  rosterEntryId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The last day on duty (default today).' })
  @CalendarDate()
  untilOn?: string | null;
}

@InputType({ description: 'The caller checks in at a station they are stationed at (驻点打卡).' })
export class CheckInAtStationInput {
  @Field(() => ID, { description: 'The station.' })
  @GlobalId()
  stationId!: string;
}

@InputType({ description: 'The caller checks out of the station: closes their open check-in there.' })
export class CheckOutOfStationInput {
  @Field(() => ID, { description: 'The station.' })
  @GlobalId()
  stationId!: string;
}

@InputType({ description: 'Closes a check-in someone forgot to close, with the time they left.' })
export class CloseStationCheckInInput {
  @Field(() => ID, { description: 'The open check-in.' })
  @GlobalId()
  checkInId!: string;

  @Field(() => DateTimeScalar, { description: 'When the person left: not before the check-in, not in the future.' })
  checkedOutAt!: Date;
}

@InputType({ description: 'A new grid unit (网格) covering compounds or buildings, optionally posted to a station.' })
export class CreateGridUnitInput {
  @Field(() => ID, { description: 'The community.' })
  @GlobalId()
  communityId!: string;

  @Field({ description: 'e.g. 第一网格.' })
  @Text({ max: 100 })
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The station its people are posted to.' })
  @GlobalId(true)
  stationId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Whole compounds it covers.' })
  compoundIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Single buildings it covers.' })
  buildingIds?: string[] | null;
}

@InputType({ description: 'Posts a person to a grid as its chief or a worker; their login gets GRID_WORKER over the compounds it covers.' })
export class PostToGridInput {
  @Field(() => ID, { description: 'The grid.' })
  @GlobalId()
  gridId!: string;

  @Field(() => ID, { description: 'The person (of the grid’s community).' })
  @GlobalId()
  personId!: string;

  @Field(() => GridPost, { description: 'Chief or worker.' })
  post!: GridPost;

  @Field(() => DateScalar, { nullable: true, description: 'The first day (default today).' })
  @CalendarDate()
  startedOn?: string | null;
}

@InputType({ description: 'Ends a posting; the GRID_WORKER bindings it carried are revoked.' })
export class EndGridPostingInput {
  @Field(() => ID, { description: 'The posting.' })
  @GlobalId()
  gridPostingId!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The last day (default today).' })
  @CalendarDate()
  endedOn?: string | null;
}

export const ServiceStationPayload = PayloadType('ServiceStationPayload', 'station', ServiceStationType, 'The station after the mutation.');
export const StationStandardItemPayload = PayloadType(
  'StationStandardItemPayload',
  'standardItem',
  StationStandardItemType,
  'The standard item after the mutation.',
);
export const StationInspectionPayload = PayloadType(
  'StationInspectionPayload',
  'inspection',
  StationInspectionType,
  'The inspection recorded.',
);
export const StationRosterEntryPayload = PayloadType(
  'StationRosterEntryPayload',
  'rosterEntry',
  StationRosterEntryType,
  'The roster entry after the mutation.',
);
export const StationCheckInPayload = PayloadType(
  'StationCheckInPayload',
  'checkIn',
  StationCheckInType,
  'The check-in after the mutation.',
);
export const GridUnitPayload = PayloadType('GridUnitPayload', 'grid', GridUnitType, 'The grid after the mutation.');
export const GridPostingPayload = PayloadType('GridPostingPayload', 'posting', GridPostingType, 'The posting after the mutation.');

@ObjectType('AddStationRosterEntryPayload', {
  simpleResolvers: true,
})
export class AddStationRosterEntryPayload extends StationRosterEntryPayload {}

@ObjectType('EndStationRosterEntryPayload', {
  simpleResolvers: true,
})
export class EndStationRosterEntryPayload extends StationRosterEntryPayload {}

@ObjectType('AddStationStandardItemPayload', {
  simpleResolvers: true,
})
export class AddStationStandardItemPayload extends StationStandardItemPayload {}

@ObjectType('RetireStationStandardItemPayload', {
  simpleResolvers: true,
})
export class RetireStationStandardItemPayload extends StationStandardItemPayload {}

@ObjectType('CheckInAtStationPayload', {
  simpleResolvers: true,
})
export class CheckInAtStationPayload extends StationCheckInPayload {}

@ObjectType('CheckOutOfStationPayload', {
  simpleResolvers: true,
})
export class CheckOutOfStationPayload extends StationCheckInPayload {}

@ObjectType('CloseStationCheckInPayload', {
  simpleResolvers: true,
})
export class CloseStationCheckInPayload extends StationCheckInPayload {}

@ObjectType('CreateGridUnitPayload', {
  simpleResolvers: true,
})
export class CreateGridUnitPayload extends GridUnitPayload {}

@ObjectType('CreateServiceStationPayload', {
  simpleResolvers: true,
})
export class CreateServiceStationPayload extends ServiceStationPayload {}

@ObjectType('SetStationOpeningHoursPayload', {
  simpleResolvers: true,
})
export class SetStationOpeningHoursPayload extends ServiceStationPayload {}

@ObjectType('UpdateServiceStationPayload', {
  simpleResolvers: true,
})
export class UpdateServiceStationPayload extends ServiceStationPayload {}

@ObjectType('EndGridPostingPayload', {
  simpleResolvers: true,
})
export class EndGridPostingPayload extends GridPostingPayload {}

@ObjectType('PostToGridPayload', {
  simpleResolvers: true,
})
export class PostToGridPayload extends GridPostingPayload {}

@ObjectType('RecordStationInspectionPayload', {
  simpleResolvers: true,
})
export class RecordStationInspectionPayload extends StationInspectionPayload {}
