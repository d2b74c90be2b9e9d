import { Check, Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { ServiceStation } from './service-station.entity';

/** An inspection of a station against the community's standard items (append-only). */
@Entity()
@Index({ properties: ['station'] })
@Check({ name: 'station_inspection_inspector_not_blank', expression: "btrim(inspector) <> ''" })
export class StationInspection extends TenantEntity {
  @ManyToOne(() => ServiceStation, { ref: true, deleteRule: 'restrict' })
  station!: Ref<ServiceStation>;

  @Property({ columnType: 'date' })
  inspectedOn!: string;

  /** Who inspected (a name and body, e.g. 小店街道 王某: inspectors are often not persons of the community). */
  @Property({ length: 100 })
  inspector!: string;

  /** Photos by reference (URLs or storage keys); the files live elsewhere. */
  @Property({ columnType: 'text[]', type: 'string[]', defaultRaw: `'{}'` })
  photos: string[] = [];

  @Property({ length: 500, nullable: true })
  note?: string | null;

  /** Login of who recorded it. */
  @Property({ length: 100 })
  recordedBy!: string;
}
