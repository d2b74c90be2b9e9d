import { Check, Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Person } from '../people/person.entity';
import { VolunteerActivity } from './volunteer-activity.entity';

/** A person at one occurrence of an activity: signed up, checked in, checked out. */
@Entity()
@Unique({ properties: ['activity', 'person', 'occursOn'] })
@Check({
  name: 'volunteer_attendance_order',
  expression: 'checked_out_at is null or (checked_in_at is not null and checked_out_at >= checked_in_at)',
})
export class VolunteerAttendance extends TenantEntity {
  @ManyToOne(() => VolunteerActivity, { ref: true, deleteRule: 'restrict' })
  activity!: Ref<VolunteerActivity>;

  @ManyToOne(() => Person, { ref: true, deleteRule: 'restrict' })
  person!: Ref<Person>;

  /** The day of the occurrence (UTC). */
  @Property({ columnType: 'date' })
  occursOn!: string;

  @Property({ columnType: 'timestamptz', nullable: true })
  signedUpAt?: Date | null;

  @Property({ columnType: 'timestamptz', nullable: true })
  checkedInAt?: Date | null;

  @Property({ columnType: 'timestamptz', nullable: true })
  checkedOutAt?: Date | null;
}
