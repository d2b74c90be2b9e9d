import { Entity, Index, Property } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';

/**
 * A community's webhook: where to POST which of its changes. `lastFeedSeq` is how far the
 * dispatcher has turned the community's change feed into deliveries for it (starting at the feed's
 * position when the subscription was made: a new subscription gets future changes only).
 */
@Entity()
@Index({ properties: ['community', 'active'] })
export class WebhookSubscription extends TenantEntity {
  @Property({ length: 2000 })
  url!: string;

  /** `household.updated`, `person.*`, `*`. */
  @Property({ columnType: 'text[]', type: 'string[]' })
  eventTypes!: string[];

  @Property({ length: 200, nullable: true })
  description?: string | null;

  @Property({ default: true })
  active: boolean = true;

  @Property({ type: 'bigint', default: 0 })
  lastFeedSeq: string = '0';

  @Property({ length: 100 })
  createdBy!: string;
}
