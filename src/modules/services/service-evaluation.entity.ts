import { Check, Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Compound } from '../places/compound.entity';
import { Household } from '../places/household.entity';
import { ServiceItem } from './service-item.entity';

/**
 * 季度评议: a household's score (1–5) for one service item, or for the service overall (no item),
 * in one quarter. One per household, quarter and item (unique); changed in place until the quarter closes.
 */
@Entity()
@Index({
  name: 'service_evaluation_once',
  expression: 'create unique index "service_evaluation_once" on "service_evaluation" ("household_id", "quarter", coalesce("item_id", 0))',
})
@Index({ properties: ['compound', 'quarter'] })
@Check({ name: 'service_evaluation_score', expression: 'score >= 1 and score <= 5' })
@Check({
  name: 'service_evaluation_quarter_start',
  expression: 'extract(day from quarter) = 1 and extract(month from quarter)::int % 3 = 1',
})
export class ServiceEvaluation extends TenantEntity {
  @ManyToOne(() => Compound, { ref: true, deleteRule: 'restrict' })
  compound!: Ref<Compound>;

  @ManyToOne(() => Household, { ref: true, deleteRule: 'restrict' })
  household!: Ref<Household>;

  /** The first day of the quarter. */
  @Property({ columnType: 'date' })
  quarter!: string;

  /** Null: the service overall. */
  @ManyToOne(() => ServiceItem, { ref: true, nullable: true, deleteRule: 'restrict' })
  item?: Ref<ServiceItem> | null;

  @Property({ columnType: 'smallint' })
  score!: number;

  @Property({ length: 500, nullable: true })
  comment?: string | null;
}
