import { Check, Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../core/database/base.entity';
import type { TenantRef } from '../../core/database/tenant.entity';
import { ServiceAccount } from '../identity/service-account.entity';

/**
 * A source system a service account may write external IDs of (its sync script speaks for that
 * system). Ended, never deleted, so who could write what stays on record.
 */
@Entity()
@Index({
  name: 'service_account_system_active_unique',
  expression:
    'create unique index "service_account_system_active_unique" on "service_account_system" ("service_account_id", "system") where (revoked_at is null)',
})
@Check({ name: 'service_account_system_format', expression: "system ~ '^[a-z0-9][a-z0-9._-]{1,63}$'" })
export class ServiceAccountSystem extends BaseEntity {
  @ManyToOne(() => ServiceAccount, { ref: true, deleteRule: 'restrict' })
  serviceAccount!: Ref<ServiceAccount>;

  /** Copied from the service account by trigger, for row-level security. */
  @ManyToOne({ entity: 'Community', ref: true, nullable: true, deleteRule: 'restrict', updateRule: 'no action' })
  community?: Ref<TenantRef> | null;

  @Property({ length: 64 })
  system!: string;

  @Property({ columnType: 'timestamptz', nullable: true })
  revokedAt?: Date | null;
}
