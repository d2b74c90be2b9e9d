import { Check, Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Person } from '../people/person.entity';
import { ServiceStation } from './service-station.entity';

/**
 * A person on duty at a station: every week in a slot (weekday and local times), or whole days over
 * a date range (weekday null), from `fromOn` until `untilOn` (open-ended when null).
 */
@Entity()
@Index({ properties: ['station'] })
@Check({
  name: 'station_roster_entry_slot',
  expression:
    "(weekday is null and starts_at is null and ends_at is null) or (weekday >= 1 and weekday <= 7 and starts_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and ends_at ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' and ends_at > starts_at)",
})
@Check({ name: 'station_roster_entry_dates', expression: 'until_on is null or until_on >= from_on' })
export class StationRosterEntry extends TenantEntity {
  @ManyToOne(() => ServiceStation, { ref: true, deleteRule: 'restrict' })
  station!: Ref<ServiceStation>;

  @ManyToOne(() => Person, { ref: true, deleteRule: 'restrict' })
  person!: Ref<Person>;

  @Property({ type: 'integer', nullable: true })
  weekday?: number | null;

  @Property({ length: 5, nullable: true })
  startsAt?: string | null;

  @Property({ length: 5, nullable: true })
  endsAt?: string | null;

  @Property({ columnType: 'date' })
  fromOn!: string;

  @Property({ columnType: 'date', nullable: true })
  untilOn?: string | null;
}
