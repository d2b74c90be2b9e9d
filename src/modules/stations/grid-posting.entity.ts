import { Check, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Person } from '../people/person.entity';
import { GridPost } from './stations.enums';
import { GridUnit } from './grid-unit.entity';

/** A person posted to a grid as its chief or a worker, from a day until ended. */
@Entity()
@Index({ properties: ['grid'] })
@Index({
  name: 'grid_posting_one_active',
  expression: 'create unique index "grid_posting_one_active" on "grid_posting" ("grid_id", "person_id") where (ended_on is null)',
})
@Index({
  name: 'grid_posting_one_chief',
  expression: `create unique index "grid_posting_one_chief" on "grid_posting" ("grid_id") where (ended_on is null and post = 'CHIEF')`,
})
@Check({ name: 'grid_posting_dates', expression: 'ended_on is null or ended_on >= started_on' })
export class GridPosting extends TenantEntity {
  @ManyToOne(() => GridUnit, { ref: true, deleteRule: 'restrict' })
  grid!: Ref<GridUnit>;

  @ManyToOne(() => Person, { ref: true, deleteRule: 'restrict' })
  person!: Ref<Person>;

  @Enum({ items: () => GridPost, length: 10 })
  post!: GridPost;

  @Property({ columnType: 'date' })
  startedOn!: string;

  @Property({ columnType: 'date', nullable: true })
  endedOn?: string | null;
}
