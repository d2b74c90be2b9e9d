import { Entity, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { WebhookSubscription } from './webhook-subscription.entity';

/**
 * One change of the feed on its way to one webhook: the body sent (names, never values), where it
 * stands, and when it is tried next. One per subscription and feed position, so a dispatcher run
 * twice makes it once.
 */
@Entity()
@Unique({ properties: ['subscription', 'feedSeq'] })
@Index({ properties: ['subscription', 'id'] })
export class WebhookDelivery extends TenantEntity {
  @ManyToOne(() => WebhookSubscription, { ref: true, deleteRule: 'restrict' })
  subscription!: Ref<WebhookSubscription>;

  @Property({ type: 'bigint' })
  feedSeq!: string;

  @Property({ length: 64 })
  eventType!: string;

  /** The JSON body, exactly as signed and sent. */
  @Property({ columnType: 'text' })
  body!: string;

  /** PENDING, DELIVERED or FAILED. */
  @Property({ length: 16 })
  status!: string;

  @Property({ default: 0 })
  attempts: number = 0;

  /** Tries allowed in all (8; a manual redelivery allows 8 more). */
  @Property()
  maxAttempts!: number;

  @Property({ columnType: 'timestamptz', nullable: true })
  nextAttemptAt?: Date | null;

  @Property({ columnType: 'timestamptz', nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: 'integer', nullable: true })
  lastStatusCode?: number | null;
}
