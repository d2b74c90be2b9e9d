import { on } from '../../core/events';
import { defineModule } from '../../core/module';
import { CommunityCreated } from '../geography/geography.events';
import { GridArea } from './grid-area.entity';
import { GridPosting } from './grid-posting.entity';
import { GridPostingBinding } from './grid-posting-binding.entity';
import { GridUnit } from './grid-unit.entity';
import { ServiceStation } from './service-station.entity';
import { StationCheckIn } from './station-check-in.entity';
import { StationInspection } from './station-inspection.entity';
import { StationInspectionItem } from './station-inspection-item.entity';
import { StationOpeningSlot } from './station-opening-slot.entity';
import { StationRosterEntry } from './station-roster-entry.entity';
import { StationStandardItem } from './station-standard-item.entity';
import { StationsError } from './stations.errors';
import {
  CheckInPermissionsResolver,
  GridPostingPermissionsResolver,
  GridUnitPermissionsResolver,
  RosterEntryPermissionsResolver,
  StandardItemPermissionsResolver,
  StationPermissionsResolver,
} from './stations.permissions';
import {
  CommunityStationsResolver,
  GridPostingResolver,
  GridUnitResolver,
  ServiceStationResolver,
  StationCheckInResolver,
  StationInspectionResolver,
  StationMonthResolver,
  StationRosterEntryResolver,
} from './stations.resolver';
import { stationsMutationRules, stationsRules } from './stations.rules';
import { defaultStandardItems } from './stations.service';

/** Service stations (the "八有" standard, inspections, rosters, check-in/out, staffed hours) and grid units with their postings. */
export const stationsModule = defineModule({
  name: 'stations',
  entities: [
    ServiceStation,
    StationOpeningSlot,
    StationStandardItem,
    StationInspection,
    StationInspectionItem,
    StationRosterEntry,
    StationCheckIn,
    GridUnit,
    GridArea,
    GridPosting,
    GridPostingBinding,
  ],
  resolvers: [
    CommunityStationsResolver,
    StationMonthResolver,
    ServiceStationResolver,
    StationInspectionResolver,
    StationRosterEntryResolver,
    StationCheckInResolver,
    GridUnitResolver,
    GridPostingResolver,
    StationPermissionsResolver,
    StandardItemPermissionsResolver,
    RosterEntryPermissionsResolver,
    CheckInPermissionsResolver,
    GridPostingPermissionsResolver,
    GridUnitPermissionsResolver,
  ],
  permissions: { ...stationsRules, Mutation: stationsMutationRules },
  userErrors: StationsError,
  subscriptions: [on(CommunityCreated, (_ctx, em, { community }) => defaultStandardItems(em, community))],
});
