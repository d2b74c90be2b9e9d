import { Check, Entity, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { ServiceStation } from './service-station.entity';

/** One weekly opening slot of a station, local time (China Standard Time), within one day. */
@Entity()
@Check({ name: 'station_opening_slot_weekday', expression: 'weekday >= 1 and weekday <= 7' })
@Check({
  name: 'station_opening_slot_times',
  expression: "opens_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and closes_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and closes_at > opens_at",
})
export class StationOpeningSlot extends TenantEntity {
  @ManyToOne(() => ServiceStation, { ref: true, deleteRule: 'restrict' })
  station!: Ref<ServiceStation>;

  /** ISO weekday: 1 Monday … 7 Sunday. */
  @Property({ type: 'integer' })
  weekday!: number;

  /** HH:MM. */
  @Property({ length: 5 })
  opensAt!: string;

  /** HH:MM, after opensAt. */
  @Property({ length: 5 })
  closesAt!: string;
}
