import { Check, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Building } from '../places/building.entity';
import { Compound } from '../places/compound.entity';
import { Unit } from '../places/unit.entity';
import { DutyRole } from './people.enums';
import { Person } from './person.entity';

/**
 * A person holding one of the 两长四员 duties for a place: a building head for a building, a unit head
 * for a unit, the four officers for a compound (or a building of it). Ending it closes the row.
 */
@Entity()
@Index({ properties: ['person'] })
@Index({ properties: ['compound'] })
@Index({
  name: 'duty_assignment_building_head_unique',
  expression:
    'create unique index "duty_assignment_building_head_unique" on "duty_assignment" ("building_id") where (role = \'BUILDING_HEAD\' and ended_on is null)',
})
@Index({
  name: 'duty_assignment_unit_head_unique',
  expression:
    'create unique index "duty_assignment_unit_head_unique" on "duty_assignment" ("unit_id") where (role = \'UNIT_HEAD\' and ended_on is null)',
})
@Check({ name: 'duty_assignment_period', expression: 'ended_on is null or ended_on >= started_on' })
@Check({ name: 'duty_assignment_building_head_has_building', expression: "role <> 'BUILDING_HEAD' or building_id is not null" })
@Check({ name: 'duty_assignment_unit_head_has_unit', expression: "role <> 'UNIT_HEAD' or unit_id is not null" })
export class DutyAssignment extends TenantEntity {
  @ManyToOne(() => Person, { ref: true, deleteRule: 'restrict' })
  person!: Ref<Person>;

  @Enum({ items: () => DutyRole, length: 30 })
  role!: DutyRole;

  @ManyToOne(() => Compound, { ref: true, deleteRule: 'restrict' })
  compound!: Ref<Compound>;

  @ManyToOne(() => Building, { ref: true, nullable: true, deleteRule: 'restrict' })
  building?: Ref<Building> | null;

  @ManyToOne(() => Unit, { ref: true, nullable: true, deleteRule: 'restrict' })
  unit?: Ref<Unit> | null;

  @Property({ columnType: 'date' })
  startedOn!: string;

  @Property({ columnType: 'date', nullable: true })
  endedOn?: string | null;
}
