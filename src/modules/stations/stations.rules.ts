import { chain } from 'graphql-shield';
import { Capability } from '../../core/auth/capabilities';
import { Role } from '../../core/auth/roles';
import { decodeGlobalId } from '../../core/ids/global-id';
import { connection, fields, NODE_FIELDS, payload } from '../../core/permissions/fields';
import {
  allow,
  below,
  described,
  grantRule,
  inCommunity,
  mutation,
  overPerson,
  type PermissionPart,
  type ShieldRule,
  type Target,
  type TargetsOf,
} from '../../core/permissions/rules';
import { inPersonAt } from '../../core/permissions/in-person';
import { all, field, inputOf, labelled, rowOf } from '../../core/permissions/targets';
import type { Placed } from '../../core/auth/principal';
import type { NodeRow, NodeSpec } from '../../core/data/node-spec';
import { CommunitySpec } from '../geography/community.loaders';
import { PersonSpec } from '../people/person.loaders';
import { BuildingSpec } from '../places/building.loaders';
import { CompoundSpec } from '../places/compound.loaders';
import { isStationed, personAtStation } from './staffed-hours.loaders';
import {
  GridPostingSpec,
  GridUnitSpec,
  ServiceStationSpec,
  StationCheckInSpec,
  StationRosterEntrySpec,
  StationStandardItemSpec,
} from './stations.loaders';

const { READ_STRUCTURE, READ_PERSONS, READ_AGGREGATES, WRITE_ORGANIZATION } = Capability;

/** Every row a list of IDs names (each must resolve, like a single ID). */
function each<R extends NodeRow>(spec: NodeSpec<R>, name: string): TargetsOf {
  return labelled(async (args, ctx): Promise<Target[]> => {
    const ids = inputOf(args)[name];
    if (ids === undefined || ids === null) return [];
    const list = Array.isArray(ids) ? ids : [ids];
    return Promise.all(
      list.map(async (id): Promise<Target> => {
        if (typeof id !== 'string' || !decodeGlobalId(id)) return { malformed: name };
        return (await rowOf(ctx, spec, id)) as Placed | null;
      }),
    );
  }, `each of input.${name} (${spec.type})`);
}

/**
 * Checking in and out is done by the caller in person at a station they can reach; checking in
 * needs them stationed there today (on its roster, or posted to a grid posted to it). Checking out
 * does not: a roster may end while someone is still there.
 */
function inPerson(name: string, stationed: boolean): ShieldRule {
  return stationed
    ? inPersonAt(
        name,
        ServiceStationSpec,
        'stationId',
        'signed in as a person whose own row the caller reads, stationed at the station today (its roster, or a grid posted to it)',
        async (ctx, station, personId) => (await personAtStation(ctx, station)) !== null && isStationed(ctx, station.pk, personId),
      )
    : inPersonAt(
        name,
        ServiceStationSpec,
        'stationId',
        'signed in as a person whose own row the caller reads (their own check-in)',
        async (ctx, station) => (await personAtStation(ctx, station)) !== null,
      );
}

/** Posting to a grid grants GRID_WORKER over its compounds: the poster must be able to grant it there (no escalation). */
const grantsGridWorker = grantRule('postToGrid', async (args, ctx) => {
  const grid = await rowOf(ctx, GridUnitSpec, inputOf(args).gridId);
  return grid ? { role: Role.GRID_WORKER, scope: grid } : null;
});
const endsGridWorker = grantRule('endGridPosting', async (args, ctx) => {
  const posting = await rowOf(ctx, GridPostingSpec, inputOf(args).gridPostingId);
  return posting ? { role: Role.GRID_WORKER, scope: posting } : null;
});

export const stationsRules: PermissionPart = {
  Community: {
    serviceStations: inCommunity(READ_STRUCTURE),
    stationStandardItems: inCommunity(READ_STRUCTURE),
    gridUnits: inCommunity(READ_STRUCTURE),
    stationMonth: below(READ_AGGREGATES),
  },
  OpeningSlot: fields(allow, 'weekday', 'opensAt', 'closesAt'),
  ServiceStation: {
    ...NODE_FIELDS,
    ...fields(allow, 'name', 'kind', 'areaSquareMeters', 'facilities', 'openingHours', 'meetsStandard', 'compound', 'permissions'),
    inspections: below(READ_PERSONS),
    roster: below(READ_PERSONS),
    checkIns: below(READ_PERSONS),
    grids: below(READ_PERSONS),
    staffedHours: below(READ_AGGREGATES),
  },
  ServiceStationPermissions: fields(allow, 'canUpdate', 'canRecordInspection', 'canAddRosterEntry', 'canCheckIn', 'canCheckOut'),
  StationStandardItem: { ...NODE_FIELDS, ...fields(allow, 'name', 'position', 'retiredOn', 'permissions') },
  StationStandardItemPermissions: fields(allow, 'canRetire'),
  InspectedItem: fields(allow, 'name', 'met'),
  StationInspection: { ...NODE_FIELDS, ...fields(allow, 'inspectedOn', 'inspector', 'photos', 'note', 'recordedBy', 'items', 'station') },
  StationRosterEntry: {
    ...NODE_FIELDS,
    ...fields(allow, 'weekday', 'startsAt', 'endsAt', 'fromOn', 'untilOn', 'station', 'permissions'),
    person: overPerson(READ_PERSONS, 'personId'),
  },
  StationRosterEntryPermissions: fields(allow, 'canEnd'),
  StationCheckIn: {
    ...NODE_FIELDS,
    ...fields(allow, 'checkedInAt', 'checkedOutAt', 'station', 'permissions'),
    person: overPerson(READ_PERSONS, 'personId'),
  },
  StationCheckInPermissions: fields(allow, 'canClose'),
  GridUnit: {
    ...NODE_FIELDS,
    ...fields(allow, 'name', 'station', 'compounds', 'buildings', 'permissions'),
    postings: below(READ_PERSONS),
  },
  GridPosting: {
    ...NODE_FIELDS,
    ...fields(allow, 'post', 'startedOn', 'endedOn', 'grid', 'permissions'),
    person: overPerson(READ_PERSONS, 'personId'),
  },
  GridPostingPermissions: fields(allow, 'canEnd'),
  GridUnitPermissions: fields(allow, 'canPost'),
  StaffedHours: fields(allow, 'openSeconds', 'staffedSeconds', 'share'),
  StationMonth: fields(allow, 'month', 'stations', 'meetingStandard', 'staffed'),
  StationStaffed: fields(allow, 'station', 'hours'),
  ...connection('StationCheckIn'),
  ...payload('CreateServiceStationPayload', 'station'),
  ...payload('SetStationOpeningHoursPayload', 'station'),
  ...payload('UpdateServiceStationPayload', 'station'),
  ...payload('AddStationStandardItemPayload', 'standardItem'),
  ...payload('RetireStationStandardItemPayload', 'standardItem'),
  ...payload('RecordStationInspectionPayload', 'inspection'),
  ...payload('AddStationRosterEntryPayload', 'rosterEntry'),
  ...payload('EndStationRosterEntryPayload', 'rosterEntry'),
  ...payload('CheckInAtStationPayload', 'checkIn'),
  ...payload('CheckOutOfStationPayload', 'checkIn'),
  ...payload('CloseStationCheckInPayload', 'checkIn'),
  ...payload('CreateGridUnitPayload', 'grid'),
  ...payload('EndGridPostingPayload', 'posting'),
  ...payload('PostToGridPayload', 'posting'),
};

const station = field(ServiceStationSpec, 'stationId');

export const stationsMutationRules: Record<string, ShieldRule> = {
  createServiceStation: mutation(
    'createServiceStation',
    WRITE_ORGANIZATION,
    all(field(CommunitySpec, 'communityId'), field(CompoundSpec, 'compoundId')),
  ),
  updateServiceStation: mutation('updateServiceStation', WRITE_ORGANIZATION, station),
  setStationOpeningHours: mutation('setStationOpeningHours', WRITE_ORGANIZATION, station),
  addStationStandardItem: mutation('addStationStandardItem', WRITE_ORGANIZATION, field(CommunitySpec, 'communityId')),
  retireStationStandardItem: mutation('retireStationStandardItem', WRITE_ORGANIZATION, field(StationStandardItemSpec, 'standardItemId')),
  recordStationInspection: mutation(
    'recordStationInspection',
    WRITE_ORGANIZATION,
    all(station, each(StationStandardItemSpec, 'metItemIds')),
  ),
  addStationRosterEntry: mutation('addStationRosterEntry', WRITE_ORGANIZATION, all(station, field(PersonSpec, 'personId'))),
  endStationRosterEntry: mutation('endStationRosterEntry', WRITE_ORGANIZATION, field(StationRosterEntrySpec, 'rosterEntryId')),
  checkInAtStation: inPerson('checkInAtStation', true),
  checkOutOfStation: inPerson('checkOutOfStation', false),
  closeStationCheckIn: mutation('closeStationCheckIn', WRITE_ORGANIZATION, field(StationCheckInSpec, 'checkInId')),
  createGridUnit: mutation(
    'createGridUnit',
    WRITE_ORGANIZATION,
    all(field(CommunitySpec, 'communityId'), station, each(CompoundSpec, 'compoundIds'), each(BuildingSpec, 'buildingIds')),
  ),
  postToGrid: described(
    chain(mutation('postToGrid', WRITE_ORGANIZATION, all(field(GridUnitSpec, 'gridId'), field(PersonSpec, 'personId'))), grantsGridWorker),
    'WRITE_ORGANIZATION over input.gridId (GridUnit) and input.personId (Person), and the right to grant GRID_WORKER there (no escalation)',
  ),
  endGridPosting: described(
    chain(mutation('endGridPosting', WRITE_ORGANIZATION, field(GridPostingSpec, 'gridPostingId')), endsGridWorker),
    'WRITE_ORGANIZATION over input.gridPostingId (GridPosting), and the right to grant GRID_WORKER there (no escalation)',
  ),
};
