import { Check, Entity, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { TenantPlaceEntity } from '../../core/database/tenant.entity';
import { Compound } from './compound.entity';

/** 楼栋: a building of a compound. (Its building group is the organization's: see organization/coverage.mapping.ts.) */
@Entity()
@Unique({ properties: ['compound', 'name'] })
@Index({ properties: ['compound', 'archivedAt', 'id', 'community'] })
@Check({ name: 'building_name_not_blank', expression: "btrim(name) <> ''" })
@Check({ name: 'building_floors_range', expression: 'floors is null or (floors >= 1 and floors <= 200)' })
export class Building extends TenantPlaceEntity {
  @ManyToOne(() => Compound, { ref: true, deleteRule: 'restrict' })
  compound!: Ref<Compound>;

  @Property({ length: 50 })
  name!: string;

  @Property({ columnType: 'smallint', nullable: true })
  floors?: number | null;
}
