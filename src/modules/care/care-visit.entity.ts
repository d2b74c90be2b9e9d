import { Check, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { CareOutcome } from './care.enums';
import { CareHelpItem } from './care-help-item.entity';
import { CareLink } from './care-link.entity';

/** A linkage activity: a visit or help given on a care link (append-only: a wrong entry is corrected by a new one). */
@Entity()
@Index({ properties: ['link', 'visitedOn'] })
@Check({ name: 'care_visit_minutes', expression: 'minutes_spent >= 0 and minutes_spent <= 1440' })
@Check({ name: 'care_visit_done_not_blank', expression: "btrim(done) <> ''" })
export class CareVisit extends TenantEntity {
  @ManyToOne(() => CareLink, { ref: true, deleteRule: 'restrict' })
  link!: Ref<CareLink>;

  @ManyToOne(() => CareHelpItem, { ref: true, deleteRule: 'restrict' })
  helpItem!: Ref<CareHelpItem>;

  @Property({ columnType: 'date' })
  visitedOn!: string;

  /** What was done, within what the household consented may be recorded. */
  @Property({ length: 1000 })
  done!: string;

  @Enum({ items: () => CareOutcome, length: 10 })
  outcome!: CareOutcome;

  @Property({ type: 'integer' })
  minutesSpent!: number;

  @Property({ length: 100 })
  recordedBy!: string;
}
