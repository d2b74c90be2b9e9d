import { Check, Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { PartyMembership } from '../organization/party-membership.entity';
import { ServiceOffer } from './service-offer.entity';

/**
 * A reporting member's claim (认领) of an offer where they report, through their EXTERNAL
 * membership here; when done, the minutes spent and what came of it.
 */
@Entity()
@Index({ properties: ['offer'] })
@Index({ properties: ['membership'] })
@Index({
  name: 'service_claim_open_unique',
  expression:
    'create unique index "service_claim_open_unique" on "service_claim" ("offer_id", "membership_id") where (completed_on is null)',
})
@Check({ name: 'service_claim_minutes', expression: 'minutes is null or (minutes >= 0 and minutes <= 100000)' })
@Check({ name: 'service_claim_done_has_outcome', expression: 'completed_on is null or (outcome is not null and minutes is not null)' })
@Check({ name: 'service_claim_period', expression: 'completed_on is null or completed_on >= claimed_on' })
export class ServiceClaim extends TenantEntity {
  @ManyToOne(() => ServiceOffer, { ref: true, deleteRule: 'restrict' })
  offer!: Ref<ServiceOffer>;

  @ManyToOne(() => PartyMembership, { ref: true, deleteRule: 'restrict' })
  membership!: Ref<PartyMembership>;

  @Property({ columnType: 'date' })
  claimedOn!: string;

  @Property({ type: 'integer', nullable: true })
  minutes?: number | null;

  @Property({ length: 1000, nullable: true })
  outcome?: string | null;

  @Property({ columnType: 'date', nullable: true })
  completedOn?: string | null;
}
