import { Check, Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { ServiceStation } from './service-station.entity';

/** 网格: a grid unit of a community, covering compounds or buildings, posted to a station. */
@Entity()
@Unique({ properties: ['community', 'name'] })
@Check({ name: 'grid_unit_name_not_blank', expression: "btrim(name) <> ''" })
export class GridUnit extends TenantEntity {
  @Property({ length: 100 })
  name!: string;

  @ManyToOne(() => ServiceStation, { ref: true, nullable: true, deleteRule: 'restrict' })
  station?: Ref<ServiceStation> | null;
}
