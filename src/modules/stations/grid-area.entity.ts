import { Entity, ManyToOne, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Building } from '../places/building.entity';
import { Compound } from '../places/compound.entity';
import { GridUnit } from './grid-unit.entity';

/** What a grid covers: a whole compound (building null) or one building of it. */
@Entity()
export class GridArea extends TenantEntity {
  @ManyToOne(() => GridUnit, { ref: true, deleteRule: 'restrict' })
  grid!: Ref<GridUnit>;

  @ManyToOne(() => Compound, { ref: true, deleteRule: 'restrict' })
  compound!: Ref<Compound>;

  @ManyToOne(() => Building, { ref: true, nullable: true, deleteRule: 'restrict' })
  building?: Ref<Building> | null;
}
