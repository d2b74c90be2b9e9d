import { Entity, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { WebhookSubscription } from './webhook-subscription.entity';

/**
 * A signing secret of a webhook, sealed at rest (core/crypto): the plaintext is needed to sign
 * each delivery, so it cannot be a hash. Shown once, when made. Two may be active during a
 * rotation; deliveries are then signed with both.
 */
@Entity()
export class WebhookSecret extends TenantEntity {
  @ManyToOne(() => WebhookSubscription, { ref: true, deleteRule: 'restrict' })
  subscription!: Ref<WebhookSubscription>;

  @Property({ columnType: 'text' })
  sealed!: string;

  @Property({ columnType: 'timestamptz', nullable: true })
  endedAt?: Date | null;
}
