import { Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { StationInspection } from './station-inspection.entity';
import { StationStandardItem } from './station-standard-item.entity';

/** Whether one standard item was met at an inspection (every item active then has a row). */
@Entity()
@Unique({ properties: ['inspection', 'item'] })
export class StationInspectionItem extends TenantEntity {
  @ManyToOne(() => StationInspection, { ref: true, deleteRule: 'restrict' })
  inspection!: Ref<StationInspection>;

  @ManyToOne(() => StationStandardItem, { ref: true, deleteRule: 'restrict' })
  item!: Ref<StationStandardItem>;

  @Property()
  met!: boolean;
}
