import { Capability } from '../../core/auth/capabilities';
import { defineNode, unarchivedColumns, type TenantRow } from '../../core/data/node-spec';
import { registerNodeSpec } from '../../core/graphql/node';
import type { GridPost, StationKind } from './stations.enums';

/*
 * Stations, grids and what hangs off them are the community's to manage: every row is placed at its
 * community (a branch's or a compound's role does not manage them), whatever compound it serves.
 */
const COMMUNITY_PATH = '(select m.path::text from community m where m.id = t.community_id)';
const placedAtCommunity = { path: COMMUNITY_PATH, orgPath: 'null::text' } as const;

interface PlacedRow extends TenantRow {
  path: string | null;
  orgPath: string | null;
}

export interface OpeningSlot {
  weekday: number;
  opensAt: string;
  closesAt: string;
}

/**
 * A station meets the standard when its latest inspection met every item active now (an item
 * added since counts as not met). Computed per row, so a list costs no extra statement.
 */
export const MEETS_STANDARD = `coalesce((select not exists (
    select 1 from station_standard_item si
     where si.community_id = t.community_id and si.retired_on is null
       and not exists (select 1 from station_inspection_item x where x.inspection_id = li.id and x.item_id = si.id and x.met))
  from (select i.id from station_inspection i where i.station_id = t.id order by i.inspected_on desc, i.id desc limit 1) li), false)`;

export interface ServiceStationRow extends PlacedRow {
  compoundId: number | null;
  name: string;
  kind: StationKind;
  areaSquareMeters: number | null;
  facilities: string[];
  openingHours: OpeningSlot[];
  meetsStandard: boolean;
}

export const ServiceStationSpec = registerNodeSpec(
  defineNode<ServiceStationRow>({
    type: 'ServiceStation',
    table: 'service_station',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      ...placedAtCommunity,
      communityId: 't.community_id',
      compoundId: 't.compound_id',
      name: 't.name',
      kind: 't.kind',
      areaSquareMeters: 't.area_square_meters',
      facilities: 't.facilities',
      openingHours: `(select coalesce(json_agg(json_build_object('weekday', s.weekday, 'opensAt', s.opens_at, 'closesAt', s.closes_at)
                        order by s.weekday, s.opens_at), '[]'::json) from station_opening_slot s where s.station_id = t.id)`,
      meetsStandard: MEETS_STANDARD,
    },
  }),
);

export interface StationStandardItemRow extends PlacedRow {
  name: string;
  position: number;
  retiredOn: string | null;
}

export const StationStandardItemSpec = registerNodeSpec(
  defineNode<StationStandardItemRow>({
    type: 'StationStandardItem',
    table: 'station_standard_item',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      ...placedAtCommunity,
      communityId: 't.community_id',
      name: 't.name',
      position: 't.position',
      retiredOn: 't.retired_on',
    },
  }),
);

export interface InspectedItem {
  itemId: number;
  name: string;
  met: boolean;
}

export interface StationInspectionRow extends PlacedRow {
  stationId: number;
  inspectedOn: string;
  inspector: string;
  photos: string[];
  note: string | null;
  recordedBy: string;
  items: InspectedItem[];
}

export const StationInspectionSpec = registerNodeSpec(
  defineNode<StationInspectionRow>({
    type: 'StationInspection',
    table: 'station_inspection',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      ...placedAtCommunity,
      communityId: 't.community_id',
      stationId: 't.station_id',
      inspectedOn: 't.inspected_on',
      inspector: 't.inspector',
      photos: 't.photos',
      note: 't.note',
      recordedBy: 't.recorded_by',
      items: `(select coalesce(json_agg(json_build_object('itemId', x.item_id, 'name', si.name, 'met', x.met) order by si.position, si.id), '[]'::json)
                 from station_inspection_item x join station_standard_item si on si.id = x.item_id where x.inspection_id = t.id)`,
    },
  }),
);

export interface StationRosterEntryRow extends PlacedRow {
  stationId: number;
  personId: number;
  weekday: number | null;
  startsAt: string | null;
  endsAt: string | null;
  fromOn: string;
  untilOn: string | null;
}

export const StationRosterEntrySpec = registerNodeSpec(
  defineNode<StationRosterEntryRow>({
    type: 'StationRosterEntry',
    table: 'station_roster_entry',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      ...placedAtCommunity,
      communityId: 't.community_id',
      stationId: 't.station_id',
      personId: 't.person_id',
      weekday: 't.weekday',
      startsAt: 't.starts_at',
      endsAt: 't.ends_at',
      fromOn: 't.from_on',
      untilOn: 't.until_on',
    },
  }),
  Capability.READ_PERSONS,
);

export interface StationCheckInRow extends PlacedRow {
  stationId: number;
  personId: number;
  checkedInAt: string;
  checkedOutAt: string | null;
}

export const StationCheckInSpec = registerNodeSpec(
  defineNode<StationCheckInRow>({
    type: 'StationCheckIn',
    table: 'station_check_in',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      ...placedAtCommunity,
      communityId: 't.community_id',
      stationId: 't.station_id',
      personId: 't.person_id',
      checkedInAt: 't.checked_in_at',
      checkedOutAt: 't.checked_out_at',
    },
  }),
  Capability.READ_PERSONS,
);

export interface GridCoverage {
  compoundId: number;
  buildingId: number | null;
}

export interface GridUnitRow extends PlacedRow {
  name: string;
  stationId: number | null;
  areas: GridCoverage[];
}

export const GridUnitSpec = registerNodeSpec(
  defineNode<GridUnitRow>({
    type: 'GridUnit',
    table: 'grid_unit',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      ...placedAtCommunity,
      communityId: 't.community_id',
      name: 't.name',
      stationId: 't.station_id',
      areas: `(select coalesce(json_agg(json_build_object('compoundId', a.compound_id, 'buildingId', a.building_id) order by a.id), '[]'::json)
                 from grid_area a where a.grid_id = t.id)`,
    },
  }),
);

export interface GridPostingRow extends PlacedRow {
  gridId: number;
  personId: number;
  post: GridPost;
  startedOn: string;
  endedOn: string | null;
}

export const GridPostingSpec = registerNodeSpec(
  defineNode<GridPostingRow>({
    type: 'GridPosting',
    table: 'grid_posting',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      ...placedAtCommunity,
      communityId: 't.community_id',
      gridId: 't.grid_id',
      personId: 't.person_id',
      post: 't.post',
      startedOn: 't.started_on',
      endedOn: 't.ended_on',
    },
  }),
);
