import { Check, Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Person } from '../people/person.entity';
import { ServiceStation } from './service-station.entity';

/**
 * 驻点打卡: a stationed person's presence at a station. Append-only: a row is never deleted and
 * only its check-out is ever written, once (a trigger holds it); a person has at most one open
 * check-in anywhere (a partial unique index).
 */
@Entity()
@Index({ properties: ['station', 'checkedInAt'] })
@Index({
  name: 'station_check_in_one_open',
  expression: 'create unique index "station_check_in_one_open" on "station_check_in" ("person_id") where (checked_out_at is null)',
})
@Check({ name: 'station_check_in_order', expression: 'checked_out_at is null or checked_out_at >= checked_in_at' })
export class StationCheckIn extends TenantEntity {
  @ManyToOne(() => ServiceStation, { ref: true, deleteRule: 'restrict' })
  station!: Ref<ServiceStation>;

  @ManyToOne(() => Person, { ref: true, deleteRule: 'restrict' })
  person!: Ref<Person>;

  @Property({ columnType: 'timestamptz' })
  checkedInAt!: Date;

  @Property({ columnType: 'timestamptz', nullable: true })
  checkedOutAt?: Date | null;
}
