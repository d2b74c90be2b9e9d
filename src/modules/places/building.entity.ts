import { Check, Entity, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { TenantPlaceEntity } from '../../core/database/tenant.entity';
import { BuildingGroup } from '../hierarchy/building-group.entity';
import { Compound } from './compound.entity';

/** 楼栋: a building of a compound, optionally under a building group. */
@Entity()
@Unique({ properties: ['compound', 'name'] })
@Index({ properties: ['compound', 'archivedAt', 'id', 'community'] })
@Index({ properties: ['group'] })
@Check({ name: 'building_name_not_blank', expression: "btrim(name) <> ''" })
@Check({ name: 'building_floors_range', expression: 'floors is null or (floors >= 1 and floors <= 200)' })
export class Building extends TenantPlaceEntity {
  @ManyToOne(() => Compound, { ref: true, deleteRule: 'restrict' })
  compound!: Ref<Compound>;

  @ManyToOne(() => BuildingGroup, { ref: true, nullable: true, deleteRule: 'restrict', fieldName: 'group_id' })
  group?: Ref<BuildingGroup> | null;

  @Property({ length: 50 })
  name!: string;

  @Property({ columnType: 'smallint', nullable: true })
  floors?: number | null;
}
