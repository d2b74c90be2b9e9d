import { Check, Entity, Enum, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Compound } from '../places/compound.entity';
import { StationKind } from './stations.enums';

/** 党群服务站 and other service places of a community, or of one of its compounds. */
@Entity()
@Check({ name: 'service_station_name_not_blank', expression: "btrim(name) <> ''" })
@Check({
  name: 'service_station_area',
  expression: 'area_square_meters is null or (area_square_meters > 0 and area_square_meters <= 100000)',
})
export class ServiceStation extends TenantEntity {
  @ManyToOne(() => Compound, { ref: true, nullable: true, deleteRule: 'restrict' })
  compound?: Ref<Compound> | null;

  @Property({ length: 100 })
  name!: string;

  @Enum({ items: () => StationKind, length: 30 })
  kind!: StationKind;

  /** Floor area in whole square metres (the articles give 3, 200, 300, 400, 2,000). */
  @Property({ type: 'integer', nullable: true })
  areaSquareMeters?: number | null;

  /** e.g. 日间照料, 议事厅, 图书角. */
  @Property({ columnType: 'text[]', type: 'string[]', defaultRaw: `'{}'` })
  facilities: string[] = [];
}
