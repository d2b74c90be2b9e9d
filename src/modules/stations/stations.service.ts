import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { actorLabel } from '../../core/auth/principal';
import { ForbiddenError } from '../../core/errors/errors';
import { registerUniqueConstraint } from '../../core/graphql/constraints';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { Community } from '../geography/community.entity';
import { Person } from '../people/person.entity';
import { Compound } from '../places/compound.entity';
import { ServiceStation } from './service-station.entity';
import { StationCheckIn } from './station-check-in.entity';
import { StationInspection } from './station-inspection.entity';
import { StationInspectionItem } from './station-inspection-item.entity';
import { StationOpeningSlot } from './station-opening-slot.entity';
import { StationRosterEntry } from './station-roster-entry.entity';
import { StationStandardItem } from './station-standard-item.entity';
import { DEFAULT_STANDARD_ITEMS } from './stations-defaults';
import { personAtStation } from './staffed-hours.loaders';
import { StationsError } from './stations.errors';
import type {
  CloseStationCheckInInput,
  AddStationRosterEntryInput,
  AddStationStandardItemInput,
  CheckInAtStationInput,
  CheckOutOfStationInput,
  CreateServiceStationInput,
  EndStationRosterEntryInput,
  OpeningSlotInput,
  RecordStationInspectionInput,
  RetireStationStandardItemInput,
  SetStationOpeningHoursInput,
  UpdateServiceStationInput,
} from './stations.inputs';

registerUniqueConstraint('station_standard_item_community_id_name_unique', 'name', 'The community already has this standard item');
registerUniqueConstraint('station_check_in_one_open', 'stationId', 'Already checked in (here or at another station); check out first');

const HH_MM = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** The eight "八有" items, created with each community (the migration gave existing communities theirs). */
export function defaultStandardItems(em: EntityManager, community: Community): void {
  DEFAULT_STANDARD_ITEMS.forEach((name, i) => em.create(StationStandardItem, { community, name, position: i + 1 }));
}

/** Well-formed, non-overlapping weekly slots (refused field by field otherwise). */
function checkSlots(slots: readonly OpeningSlotInput[]): void {
  slots.forEach((s, i) => {
    if (!Number.isInteger(s.weekday) || s.weekday < 1 || s.weekday > 7)
      refuse(['openingHours', String(i), 'weekday'], UserErrorCode.OUT_OF_RANGE, 'An ISO weekday: 1 (Monday) to 7 (Sunday)');
    if (!HH_MM.test(s.opensAt)) refuse(['openingHours', String(i), 'opensAt'], UserErrorCode.INVALID, 'A local time HH:MM');
    if (!HH_MM.test(s.closesAt)) refuse(['openingHours', String(i), 'closesAt'], UserErrorCode.INVALID, 'A local time HH:MM');
    if (s.closesAt <= s.opensAt)
      refuse(['openingHours', String(i), 'closesAt'], UserErrorCode.DATE_ORDER, 'Closes after it opens, the same day');
    slots.forEach((o, j) => {
      if (j < i && o.weekday === s.weekday && o.opensAt < s.closesAt && s.opensAt < o.closesAt)
        refuse(['openingHours', String(i)], StationsError.SLOTS_OVERLAP, 'Overlaps another slot of the same weekday');
    });
  });
}

function createSlots(em: EntityManager, station: ServiceStation, slots: readonly OpeningSlotInput[]): void {
  for (const s of slots)
    em.create(StationOpeningSlot, { community: station.community, station, weekday: s.weekday, opensAt: s.opensAt, closesAt: s.closesAt });
}

/** The caller as the person checking in or out at the station, by the check the rule and `permissions` make. */
async function callerPerson(ctx: RequestContext, em: EntityManager, station: ServiceStation): Promise<Person> {
  const personId = await personAtStation(ctx, { communityId: station.community.id });
  if (personId === null) throw new ForbiddenError();
  return em.getReference(Person, personId);
}

/** Stations, their opening hours, the standard and its inspections, rosters, check-in and check-out. */
export const stationsService = {
  create(ctx: RequestContext, input: CreateServiceStationInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const community = await findByGlobalId(em, Community, 'Community', input.communityId, 'communityId');
      const compound = input.compoundId ? await findByGlobalId(em, Compound, 'Compound', input.compoundId, 'compoundId') : null;
      if (compound && compound.community.id !== community.id)
        refuse('compoundId', UserErrorCode.MISMATCH, 'The compound is not of this community');
      if (input.areaSquareMeters !== null && input.areaSquareMeters !== undefined && input.areaSquareMeters <= 0)
        refuse('areaSquareMeters', UserErrorCode.OUT_OF_RANGE, 'A positive number of square metres');
      checkSlots(input.openingHours);
      const station = em.create(ServiceStation, {
        community,
        compound,
        name: input.name,
        kind: input.stationKind,
        areaSquareMeters: input.areaSquareMeters ?? null,
        facilities: input.facilities ?? [],
      });
      createSlots(em, station, input.openingHours);
      await em.flush();
      return station.id;
    });
  },

  update(ctx: RequestContext, input: UpdateServiceStationInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const station = await findByGlobalId(em, ServiceStation, 'ServiceStation', input.stationId, 'stationId');
      if (input.name) station.name = input.name;
      if (input.stationKind) station.kind = input.stationKind;
      if (input.areaSquareMeters !== undefined) station.areaSquareMeters = input.areaSquareMeters;
      if (input.facilities) station.facilities = input.facilities;
      await em.flush();
      return station.id;
    });
  },

  /** Replaces a station's weekly opening hours (past staffed-hours shares are computed with the hours in force when asked). */
  setOpeningHours(ctx: RequestContext, input: SetStationOpeningHoursInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const station = await findByGlobalId(em, ServiceStation, 'ServiceStation', input.stationId, 'stationId');
      checkSlots(input.openingHours);
      em.remove(await em.find(StationOpeningSlot, { station }));
      await em.flush();
      createSlots(em, station, input.openingHours);
      await em.flush();
      return station.id;
    });
  },

  addStandardItem(ctx: RequestContext, input: AddStationStandardItemInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const community = await findByGlobalId(em, Community, 'Community', input.communityId, 'communityId');
      const last = await em.findOne(StationStandardItem, { community }, { orderBy: { position: 'desc' } });
      const item = em.create(StationStandardItem, { community, name: input.name, position: (last?.position ?? 0) + 1 });
      await em.flush();
      return item.id;
    });
  },

  retireStandardItem(ctx: RequestContext, input: RetireStationStandardItemInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const item = await findByGlobalId(em, StationStandardItem, 'StationStandardItem', input.standardItemId, 'standardItemId');
      if (item.retiredOn) refuse('standardItemId', UserErrorCode.ALREADY_ENDED, 'Already retired');
      item.retiredOn = ctx.clock.today();
      await em.flush();
      return item.id;
    });
  },

  /** Records an inspection: every item active now gets a row, met when named in metItemIds. */
  inspect(ctx: RequestContext, input: RecordStationInspectionInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const station = await findByGlobalId(em, ServiceStation, 'ServiceStation', input.stationId, 'stationId');
      const active = await em.find(
        StationStandardItem,
        { community: station.community, retiredOn: null },
        { orderBy: { position: 'asc' } },
      );
      const met = new Set<number>();
      for (const [i, id] of input.metItemIds.entries()) {
        const item = await findByGlobalId(em, StationStandardItem, 'StationStandardItem', id, 'metItemIds');
        if (!active.includes(item))
          refuse(['metItemIds', String(i)], StationsError.ITEM_NOT_ACTIVE, 'Not an active item of this community’s standard');
        met.add(item.id);
      }
      if (input.inspectedOn > ctx.clock.today()) refuse('inspectedOn', UserErrorCode.OUT_OF_RANGE, 'An inspection has taken place');
      const inspection = em.create(StationInspection, {
        community: station.community,
        station,
        inspectedOn: input.inspectedOn,
        inspector: input.inspector,
        photos: input.photos ?? [],
        note: input.note ?? null,
        recordedBy: actorLabel(ctx.principal),
      });
      for (const item of active)
        em.create(StationInspectionItem, { community: station.community, inspection, item, met: met.has(item.id) });
      await em.flush();
      return inspection.id;
    });
  },

  addRosterEntry(ctx: RequestContext, input: AddStationRosterEntryInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const station = await findByGlobalId(em, ServiceStation, 'ServiceStation', input.stationId, 'stationId');
      const person = await findByGlobalId(em, Person, 'Person', input.personId, 'personId');
      if (person.community.id !== station.community.id)
        refuse('personId', UserErrorCode.MISMATCH, 'The person is not of the station’s community');
      const weekly = input.weekday !== null && input.weekday !== undefined;
      if (weekly) {
        if (input.weekday! < 1 || input.weekday! > 7)
          refuse('weekday', UserErrorCode.OUT_OF_RANGE, 'An ISO weekday: 1 (Monday) to 7 (Sunday)');
        if (!input.startsAt || !HH_MM.test(input.startsAt))
          refuse('startsAt', UserErrorCode.REQUIRED, 'A weekly slot needs a local start HH:MM');
        if (!input.endsAt || !HH_MM.test(input.endsAt)) refuse('endsAt', UserErrorCode.REQUIRED, 'A weekly slot needs a local end HH:MM');
        if (input.endsAt <= input.startsAt) refuse('endsAt', UserErrorCode.DATE_ORDER, 'Ends after it starts, the same day');
      } else if (input.startsAt || input.endsAt)
        refuse('weekday', UserErrorCode.REQUIRED, 'Times belong to a weekly slot: give its weekday');
      if (input.untilOn && input.untilOn < input.fromOn) refuse('untilOn', UserErrorCode.DATE_ORDER, 'Ends on or after it begins');
      const entry = em.create(StationRosterEntry, {
        community: station.community,
        station,
        person,
        weekday: weekly ? input.weekday : null,
        startsAt: weekly ? input.startsAt : null,
        endsAt: weekly ? input.endsAt : null,
        fromOn: input.fromOn,
        untilOn: input.untilOn ?? null,
      });
      await em.flush();
      return entry.id;
    });
  },

  endRosterEntry(ctx: RequestContext, input: EndStationRosterEntryInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const entry = await findByGlobalId(em, StationRosterEntry, 'StationRosterEntry', input.rosterEntryId, 'rosterEntryId');
      const untilOn = input.untilOn ?? ctx.clock.today();
      if (entry.untilOn && entry.untilOn <= untilOn) refuse('rosterEntryId', UserErrorCode.ALREADY_ENDED, 'The entry already ends by then');
      if (untilOn < entry.fromOn) refuse('untilOn', UserErrorCode.DATE_ORDER, 'Ends on or after it begins');
      entry.untilOn = untilOn;
      await em.flush();
      return entry.id;
    });
  },

  /** The caller checks in at a station they are stationed at (the rule checked that); one open check-in per person. */
  checkIn(ctx: RequestContext, input: CheckInAtStationInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const station = await findByGlobalId(em, ServiceStation, 'ServiceStation', input.stationId, 'stationId');
      const person = await callerPerson(ctx, em, station);
      if (await em.count(StationCheckIn, { person, checkedOutAt: null }))
        refuse('stationId', StationsError.ALREADY_CHECKED_IN, 'Already checked in (here or at another station); check out first');
      const checkIn = em.create(StationCheckIn, { community: station.community, station, person, checkedInAt: ctx.clock.now() });
      await em.flush();
      return checkIn.id;
    });
  },

  /** Closes the caller's open check-in at the station. */
  checkOut(ctx: RequestContext, input: CheckOutOfStationInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const station = await findByGlobalId(em, ServiceStation, 'ServiceStation', input.stationId, 'stationId');
      const person = await callerPerson(ctx, em, station);
      const open = await em.findOne(StationCheckIn, { station, person, checkedOutAt: null });
      if (!open) refuse('stationId', StationsError.NOT_CHECKED_IN_AT_STATION, 'No open check-in at this station');
      const now = ctx.clock.now();
      open.checkedOutAt = now < open.checkedInAt ? open.checkedInAt : now;
      await em.flush();
      return open.id;
    });
  },

  /**
   * An administrator closes a check-in its holder forgot to close (an open one counts as present
   * until now), with the time the person left; the audit log keeps who closed it.
   */
  closeCheckIn(ctx: RequestContext, input: CloseStationCheckInInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const checkIn = await findByGlobalId(em, StationCheckIn, 'StationCheckIn', input.checkInId, 'checkInId');
      if (checkIn.checkedOutAt) refuse('checkInId', UserErrorCode.ALREADY_ENDED, 'The check-in is closed already');
      const at = new Date(input.checkedOutAt);
      if (at < checkIn.checkedInAt) refuse('checkedOutAt', UserErrorCode.DATE_ORDER, 'Not before the check-in');
      if (at > ctx.clock.now()) refuse('checkedOutAt', UserErrorCode.OUT_OF_RANGE, 'Not in the future');
      checkIn.checkedOutAt = at;
      await em.flush();
      return checkIn.id;
    });
  },
};
