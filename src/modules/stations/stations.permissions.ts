import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Capability } from '../../core/auth/capabilities';
import { canGrant } from '../../core/auth/principal';
import { Role } from '../../core/auth/roles';
import { mayAct } from '../../core/permissions/rules';
import { isStationed, openCheckIns, personAtStation } from './staffed-hours.loaders';
import type {
  GridPostingRow,
  GridUnitRow,
  ServiceStationRow,
  StationCheckInRow,
  StationRosterEntryRow,
  StationStandardItemRow,
} from './stations.loaders';
import {
  GridPostingType,
  GridUnitType,
  ServiceStationType,
  StationCheckInType,
  StationRosterEntryType,
  StationStandardItemType,
} from './stations.types';

/*
 * What the caller may do with a station now (`permissions { canX }`, docs/api.md "Per-object
 * permissions"), by the functions the permission tree and the service decide with: the keepers'
 * WRITE_ORGANIZATION over the station (the rule of its keepers' mutations), and for checking in and
 * out the in-person rule and the service's own check (personAtStation: a person in a community they
 * reach, whose own row the request reads), stationed there today (isStationed), and the service's
 * one open check-in per person (openCheckIns). Batched: a list of stations costs
 * the same statements whatever its length. The mutation still decides, and can still refuse what
 * only its input tells (the slots, the items met, the person rostered).
 */

@ObjectType('ServiceStationPermissions', {
  simpleResolvers: true,
  description: 'What the caller may do with this station now (see docs/api.md, "Per-object permissions").',
})
export class ServiceStationPermissionsType {
  @Field({ description: 'updateServiceStation and setStationOpeningHours: WRITE_ORGANIZATION over the station.' })
  canUpdate!: boolean;

  @Field({ description: 'recordStationInspection: WRITE_ORGANIZATION over the station.' })
  canRecordInspection!: boolean;

  @Field({ description: 'addStationRosterEntry: WRITE_ORGANIZATION over the station.' })
  canAddRosterEntry!: boolean;

  @Field({
    description:
      'checkInAtStation: the caller in person (reading their own person), stationed here today (roster or grid), with no open check-in anywhere.',
  })
  canCheckIn!: boolean;

  @Field({ description: 'checkOutOfStation: the caller in person (reading their own person), with an open check-in here.' })
  canCheckOut!: boolean;
}

export async function stationPermissions(ctx: RequestContext, station: ServiceStationRow): Promise<ServiceStationPermissionsType> {
  const keeper = mayAct(ctx.principal, Capability.WRITE_ORGANIZATION, station);
  const personId = await personAtStation(ctx, station);
  let canCheckIn = false;
  let canCheckOut = false;
  if (personId !== null) {
    const [open, stationed] = await Promise.all([openCheckIns(ctx, personId), isStationed(ctx, station.pk, personId)]);
    canCheckIn = stationed && open.length === 0;
    canCheckOut = open.includes(station.pk);
  }
  return { canUpdate: keeper, canRecordInspection: keeper, canAddRosterEntry: keeper, canCheckIn, canCheckOut };
}

@Resolver(() => ServiceStationType)
export class StationPermissionsResolver {
  @FieldResolver(() => ServiceStationPermissionsType, {
    description: 'What you may do with this station now, by the rules its mutations apply.',
  })
  permissions(@Root() station: ServiceStationRow, @Ctx() ctx: RequestContext) {
    return stationPermissions(ctx, station);
  }
}

/*
 * What hangs off a station: each flag is its mutation's rule (WRITE_ORGANIZATION over the row, and
 * for a grid or a grid posting the right to grant GRID_WORKER there, as postToGrid's and
 * endGridPosting's grant rules ask) and the state the service refuses (already retired, ended,
 * closed). Decided from the principal and the row alone: no statement. The dates (or the person) a
 * mutation is given can still be refused by it.
 */

@ObjectType('StationStandardItemPermissions', { simpleResolvers: true, description: 'What the caller may do with this standard item now.' })
export class StationStandardItemPermissionsType {
  @Field({ description: 'retireStationStandardItem: WRITE_ORGANIZATION over the item, which is not retired.' })
  canRetire!: boolean;
}

@ObjectType('StationRosterEntryPermissions', { simpleResolvers: true, description: 'What the caller may do with this roster entry now.' })
export class StationRosterEntryPermissionsType {
  @Field({ description: 'endStationRosterEntry: WRITE_ORGANIZATION over the entry, which does not end by today.' })
  canEnd!: boolean;
}

@ObjectType('StationCheckInPermissions', { simpleResolvers: true, description: 'What the caller may do with this check-in now.' })
export class StationCheckInPermissionsType {
  @Field({ description: 'closeStationCheckIn: WRITE_ORGANIZATION over the check-in, which is still open.' })
  canClose!: boolean;
}

@ObjectType('GridPostingPermissions', { simpleResolvers: true, description: 'What the caller may do with this grid posting now.' })
export class GridPostingPermissionsType {
  @Field({
    description: 'endGridPosting: WRITE_ORGANIZATION over the posting and the right to grant GRID_WORKER there; the posting has not ended.',
  })
  canEnd!: boolean;
}

@ObjectType('GridUnitPermissions', { simpleResolvers: true, description: 'What the caller may do with this grid unit now.' })
export class GridUnitPermissionsType {
  @Field({
    description:
      'postToGrid: WRITE_ORGANIZATION over the grid and the right to grant GRID_WORKER there (the person posted is checked by the mutation).',
  })
  canPost!: boolean;
}

const keeper = (
  ctx: RequestContext,
  row: StationStandardItemRow | StationRosterEntryRow | StationCheckInRow | GridPostingRow | GridUnitRow,
) => mayAct(ctx.principal, Capability.WRITE_ORGANIZATION, row);

export function standardItemPermissions(ctx: RequestContext, item: StationStandardItemRow): StationStandardItemPermissionsType {
  return { canRetire: item.retiredOn === null && keeper(ctx, item) };
}

export function rosterEntryPermissions(ctx: RequestContext, entry: StationRosterEntryRow): StationRosterEntryPermissionsType {
  // Ending without a date ends it today: refused once the entry already ends by then.
  return { canEnd: (entry.untilOn === null || entry.untilOn > ctx.clock.today()) && keeper(ctx, entry) };
}

export function checkInPermissions(ctx: RequestContext, checkIn: StationCheckInRow): StationCheckInPermissionsType {
  return { canClose: checkIn.checkedOutAt === null && keeper(ctx, checkIn) };
}

export function gridPostingPermissions(ctx: RequestContext, posting: GridPostingRow): GridPostingPermissionsType {
  return { canEnd: posting.endedOn === null && keeper(ctx, posting) && canGrant(ctx.principal, Role.GRID_WORKER, posting) };
}

export function gridUnitPermissions(ctx: RequestContext, grid: GridUnitRow): GridUnitPermissionsType {
  return { canPost: keeper(ctx, grid) && canGrant(ctx.principal, Role.GRID_WORKER, grid) };
}

@Resolver(() => StationStandardItemType)
export class StandardItemPermissionsResolver {
  @FieldResolver(() => StationStandardItemPermissionsType, {
    description: 'What you may do with this item now, by the rules its mutations apply.',
  })
  permissions(@Root() item: StationStandardItemRow, @Ctx() ctx: RequestContext) {
    return standardItemPermissions(ctx, item);
  }
}

@Resolver(() => StationRosterEntryType)
export class RosterEntryPermissionsResolver {
  @FieldResolver(() => StationRosterEntryPermissionsType, {
    description: 'What you may do with this roster entry now, by the rules its mutations apply.',
  })
  permissions(@Root() entry: StationRosterEntryRow, @Ctx() ctx: RequestContext) {
    return rosterEntryPermissions(ctx, entry);
  }
}

@Resolver(() => StationCheckInType)
export class CheckInPermissionsResolver {
  @FieldResolver(() => StationCheckInPermissionsType, {
    description: 'What you may do with this check-in now, by the rules its mutations apply.',
  })
  permissions(@Root() checkIn: StationCheckInRow, @Ctx() ctx: RequestContext) {
    return checkInPermissions(ctx, checkIn);
  }
}

@Resolver(() => GridPostingType)
export class GridPostingPermissionsResolver {
  @FieldResolver(() => GridPostingPermissionsType, {
    description: 'What you may do with this posting now, by the rules its mutations apply.',
  })
  permissions(@Root() posting: GridPostingRow, @Ctx() ctx: RequestContext) {
    return gridPostingPermissions(ctx, posting);
  }
}

@Resolver(() => GridUnitType)
export class GridUnitPermissionsResolver {
  @FieldResolver(() => GridUnitPermissionsType, {
    description: 'What you may do with this grid now, by the rules its mutations apply.',
  })
  permissions(@Root() grid: GridUnitRow, @Ctx() ctx: RequestContext) {
    return gridUnitPermissions(ctx, grid);
  }
}
