import { Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { WebhookDelivery } from './webhook-delivery.entity';

/** One try of a delivery: when, the receiver's status code (none when it could not be reached), why it failed. */
@Entity()
@Index({ properties: ['delivery', 'id'] })
export class WebhookAttempt extends TenantEntity {
  @ManyToOne(() => WebhookDelivery, { ref: true, deleteRule: 'restrict' })
  delivery!: Ref<WebhookDelivery>;

  @Property({ columnType: 'timestamptz' })
  attemptedAt!: Date;

  @Property({ type: 'integer', nullable: true })
  statusCode?: number | null;

  @Property({ length: 500, nullable: true })
  error?: string | null;

  @Property()
  durationMs!: number;
}
