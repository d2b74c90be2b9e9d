import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Capability } from '../../core/auth/capabilities';
import { mayAct } from '../../core/permissions/rules';
import { isStationed, openCheckIns, personAtStation } from './staffed-hours.loaders';
import type { ServiceStationRow } from './stations.loaders';
import { ServiceStationType } from './stations.types';

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
