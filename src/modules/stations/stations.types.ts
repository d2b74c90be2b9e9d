import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Node } from '../../core/graphql/node';
import { NodeFields } from '../../core/graphql/node-fields';
import { DateScalar, DateTimeScalar } from '../../core/graphql/scalars';
import { GridPost, StationKind } from './stations.enums';

@ObjectType('OpeningSlot', { simpleResolvers: true, description: 'A weekly opening slot, local time (China Standard Time).' })
export class OpeningSlotType {
  @Field(() => Int, { description: 'ISO weekday: 1 Monday … 7 Sunday.' })
  weekday!: number;

  @Field({ description: 'Opens at HH:MM.' })
  opensAt!: string;

  @Field({ description: 'Closes at HH:MM.' })
  closesAt!: string;
}

@ObjectType('ServiceStation', {
  implements: Node,
  simpleResolvers: true,
  description:
    '党群服务站 or another service place of a community: what residents see is its name, hours, facilities and whether it meets the standard.',
})
export class ServiceStationType extends NodeFields {
  @Field({ description: 'e.g. 馨园党群服务站.' })
  name!: string;

  @Field(() => StationKind, { description: 'What kind of place it is.' })
  kind!: StationKind;

  @Field(() => Int, { nullable: true, description: 'Floor area in whole square metres.' })
  areaSquareMeters!: number | null;

  @Field(() => [String], { description: 'Facilities, e.g. 日间照料.' })
  facilities!: string[];

  @Field(() => [OpeningSlotType], { description: 'Weekly opening hours.' })
  openingHours!: OpeningSlotType[];

  @Field({ description: 'Whether its latest inspection met every item of the community’s standard active now ("八有").' })
  meetsStandard!: boolean;
}

@ObjectType('StationStandardItem', {
  implements: Node,
  simpleResolvers: true,
  description: 'An item of a community’s station standard (the "八有").',
})
export class StationStandardItemType extends NodeFields {
  @Field({ description: 'e.g. 有场所.' })
  name!: string;

  @Field(() => Int, { description: 'Order on the checklist.' })
  position!: number;

  @Field(() => DateScalar, { nullable: true, description: 'When it was retired (null: active).' })
  retiredOn!: string | null;
}

@ObjectType('InspectedItem', { simpleResolvers: true, description: 'One standard item at an inspection.' })
export class InspectedItemType {
  @Field({ description: 'The item’s name.' })
  name!: string;

  @Field({ description: 'Whether it was met.' })
  met!: boolean;
}

@ObjectType('StationInspection', {
  implements: Node,
  simpleResolvers: true,
  description: 'An inspection of a station against the standard.',
})
export class StationInspectionType extends NodeFields {
  @Field(() => DateScalar, { description: 'When it was inspected.' })
  inspectedOn!: string;

  @Field({ description: 'Who inspected.' })
  inspector!: string;

  @Field(() => [String], { description: 'Photos by reference (URLs or storage keys).' })
  photos!: string[];

  @Field(() => String, { nullable: true, description: 'What the inspector noted.' })
  note!: string | null;

  @Field({ description: 'Login of who recorded it.' })
  recordedBy!: string;

  @Field(() => [InspectedItemType], { description: 'Every item active at the inspection, met or not, in checklist order.' })
  items!: InspectedItemType[];
}

@ObjectType('StationRosterEntry', {
  implements: Node,
  simpleResolvers: true,
  description: 'A person on duty at a station: weekly in a slot, or whole days over a date range.',
})
export class StationRosterEntryType extends NodeFields {
  @Field(() => Int, { nullable: true, description: 'ISO weekday of a weekly slot; null for whole days.' })
  weekday!: number | null;

  @Field(() => String, { nullable: true, description: 'Local start HH:MM of the weekly slot.' })
  startsAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Local end HH:MM of the weekly slot.' })
  endsAt!: string | null;

  @Field(() => DateScalar, { description: 'The first day.' })
  fromOn!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The last day (null: until ended).' })
  untilOn!: string | null;
}

@ObjectType('StationCheckIn', {
  implements: Node,
  simpleResolvers: true,
  description: '驻点打卡: a stationed person’s presence at a station.',
})
export class StationCheckInType extends NodeFields {
  @Field(() => DateTimeScalar, { description: 'When they checked in.' })
  checkedInAt!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When they checked out (null: still there).' })
  checkedOutAt!: string | null;
}

@ObjectType('GridUnit', {
  implements: Node,
  simpleResolvers: true,
  description: '网格: a grid unit covering compounds or buildings, posted to a station.',
})
export class GridUnitType extends NodeFields {
  @Field({ description: 'e.g. 第一网格.' })
  name!: string;
}

@ObjectType('GridPosting', { implements: Node, simpleResolvers: true, description: 'A person posted to a grid as its chief or a worker.' })
export class GridPostingType extends NodeFields {
  @Field(() => GridPost, { description: 'Chief or worker.' })
  post!: GridPost;

  @Field(() => DateScalar, { description: 'The first day.' })
  startedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The last day (null: active).' })
  endedOn!: string | null;
}

@ObjectType('StaffedHours', {
  simpleResolvers: true,
  description: '门常开、人常在: how much of a station’s opening hours in a period had at least one person checked in.',
})
export class StaffedHoursType {
  @Field(() => Int, { description: 'Seconds the station was open in the period (up to now).' })
  openSeconds!: number;

  @Field(() => Int, { description: 'Of those, seconds with at least one person checked in.' })
  staffedSeconds!: number;

  @Field(() => Float, { nullable: true, description: 'staffedSeconds / openSeconds (null when it was never open).' })
  share!: number | null;
}

@ObjectType('StationMonth', {
  simpleResolvers: true,
  description: 'The community’s stations in one month: the standard and staffed hours.',
})
export class StationMonthType {
  @Field(() => DateScalar, { description: 'The first day of the month.' })
  month!: string;

  @Field(() => Int, { description: 'Stations of the community.' })
  stations!: number;

  @Field(() => Int, { description: 'Stations meeting the standard now (their latest inspection met every active item).' })
  meetingStandard!: number;
}
