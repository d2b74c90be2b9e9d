import { Entity, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../core/database/base.entity';
import type { Community } from '../geography/community.entity';
import { ServiceAccount } from './service-account.entity';

/**
 * An API key of a service account: `lxk_<keyId>_<secret>`. Only the SHA-256 of the secret is stored
 * (the secret is shown once, at creation); `keyId` finds the row. Revocable, optionally expiring.
 */
@Entity()
@Unique({ properties: ['keyId'] })
@Index({ properties: ['serviceAccount'] })
export class ApiKey extends BaseEntity {
  @ManyToOne(() => ServiceAccount, { ref: true, deleteRule: 'restrict' })
  serviceAccount!: Ref<ServiceAccount>;

  /** Copied from the service account by trigger, for row-level security. */
  @ManyToOne({ entity: 'Community', ref: true, nullable: true, deleteRule: 'restrict' })
  community?: Ref<Community> | null;

  @Property({ length: 24 })
  keyId!: string;

  // Lazy: only request authentication (before the role switch) reads it.
  @Property({ length: 64, hidden: true, lazy: true })
  secretHash!: string;

  @Property({ length: 100, nullable: true })
  label?: string | null;

  @Property({ columnType: 'timestamptz', nullable: true })
  lastUsedAt?: Date | null;

  @Property({ columnType: 'timestamptz', nullable: true })
  expiresAt?: Date | null;

  @Property({ columnType: 'timestamptz', nullable: true })
  revokedAt?: Date | null;
}
