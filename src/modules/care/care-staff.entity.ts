import { Check, Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Person } from '../people/person.entity';

/**
 * A person appointed to the community's care staff: a duty of care for every household of the
 * community (they read vulnerability tags and keep the coverage list). Appointed by the community.
 */
@Entity()
@Index({
  name: 'care_staff_active_unique',
  expression: 'create unique index "care_staff_active_unique" on "care_staff" ("person_id") where (ended_on is null)',
})
@Check({ name: 'care_staff_period', expression: 'ended_on is null or ended_on >= appointed_on' })
export class CareStaff extends TenantEntity {
  @ManyToOne(() => Person, { ref: true, deleteRule: 'restrict' })
  person!: Ref<Person>;

  @Property({ columnType: 'date' })
  appointedOn!: string;

  @Property({ columnType: 'date', nullable: true })
  endedOn?: string | null;

  @Property({ length: 100 })
  appointedBy!: string;
}
