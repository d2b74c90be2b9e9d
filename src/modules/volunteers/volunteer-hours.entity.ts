import { Check, Entity, Index, ManyToOne, OneToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Person } from '../people/person.entity';
import { VolunteerActivity } from './volunteer-activity.entity';
import { VolunteerTeam } from './volunteer-team.entity';

/**
 * The volunteer-hours ledger: append-only; a check-out adds the minutes served, a correction adds
 * a reversal of the entry (its minutes negated) and, if needed, the right entry. A person's and a
 * team's hours are sums over it.
 */
@Entity()
@Index({ properties: ['person'] })
@Index({ properties: ['team'] })
@Check({ name: 'volunteer_hours_nonzero', expression: 'minutes <> 0 and minutes >= -1440 and minutes <= 1440' })
@Check({ name: 'volunteer_hours_reversal_negative', expression: 'reverses_id is null or minutes < 0' })
export class VolunteerHours extends TenantEntity {
  @ManyToOne(() => VolunteerTeam, { ref: true, deleteRule: 'restrict' })
  team!: Ref<VolunteerTeam>;

  @ManyToOne(() => Person, { ref: true, deleteRule: 'restrict' })
  person!: Ref<Person>;

  @ManyToOne(() => VolunteerActivity, { ref: true, nullable: true, deleteRule: 'restrict' })
  activity?: Ref<VolunteerActivity> | null;

  @Property({ columnType: 'date' })
  servedOn!: string;

  @Property({ type: 'integer' })
  minutes!: number;

  /** The entry this one reverses (at most one reversal per entry). */
  @OneToOne(() => VolunteerHours, { ref: true, nullable: true, deleteRule: 'restrict', unique: 'volunteer_hours_reverses_unique' })
  reverses?: Ref<VolunteerHours> | null;

  @Property({ length: 200, nullable: true })
  reason?: string | null;

  @Property({ length: 100 })
  recordedBy!: string;
}
