import { Check, Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../core/database/base.entity';
import type { Community } from '../geography/community.entity';

/** An integration script's identity; it authenticates with API keys. Owned by a community (or the platform). */
@Entity()
@Unique({ properties: ['name'] })
@Check({ name: 'service_account_name_format', expression: "name ~ '^[a-z0-9][a-z0-9._-]{1,63}$'" })
export class ServiceAccount extends BaseEntity {
  @Property({ length: 64 })
  name!: string;

  @Property({ length: 200, nullable: true })
  description?: string | null;

  @ManyToOne({ entity: 'Community', ref: true, nullable: true, deleteRule: 'restrict' })
  community?: Ref<Community> | null;

  @Property({ columnType: 'timestamptz', nullable: true })
  disabledAt?: Date | null;
}
