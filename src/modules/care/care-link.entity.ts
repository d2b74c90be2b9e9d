import { Check, Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Person } from '../people/person.entity';
import { Household } from '../places/household.entity';

/**
 * A line of a party member's linkage card (联户卡): one household of the four kinds linked to the
 * member, with the household's consent (who consented, when, what may be recorded). Ending a link
 * keeps it; `path`/`orgPath` are the household's (copied by trigger) so scope checks need no join.
 */
@Entity()
@Index({
  name: 'care_link_active_unique',
  expression: 'create unique index "care_link_active_unique" on "care_link" ("household_id", "member_id") where (ended_on is null)',
})
@Index({ properties: ['household'] })
@Index({ properties: ['member'] })
@Check({ name: 'care_link_period', expression: 'ended_on is null or ended_on >= linked_on' })
@Check({ name: 'care_link_consent_before_link', expression: 'consented_on <= linked_on' })
@Check({
  name: 'care_link_tag_known',
  expression: "array[tag]::text[] <@ array['ADVANCED_AGE', 'ELDERLY_ALONE', 'LOW_INCOME', 'DISABLED', 'SPECIAL_NEEDS']::text[]",
})
export class CareLink extends TenantEntity {
  @ManyToOne(() => Household, { ref: true, deleteRule: 'restrict' })
  household!: Ref<Household>;

  /** The party member holding the card. */
  @ManyToOne(() => Person, { ref: true, deleteRule: 'restrict' })
  member!: Ref<Person>;

  /** The special group the household is linked for (a vulnerability tag: sensitive). */
  @Property({ length: 20 })
  tag!: string;

  /** Who consented for the household (a name as they gave it). */
  @Property({ length: 50 })
  consentBy!: string;

  @Property({ columnType: 'date' })
  consentedOn!: string;

  /** What the household agreed may be recorded about the visits. */
  @Property({ length: 500 })
  consentScope!: string;

  @Property({ columnType: 'date' })
  linkedOn!: string;

  @Property({ columnType: 'date', nullable: true })
  endedOn?: string | null;

  @Property({ length: 200, nullable: true })
  endedReason?: string | null;

  @Property({ columnType: 'ltree', defaultRaw: `''`, nullable: false })
  path?: string;

  @Property({ columnType: 'ltree', nullable: true })
  orgPath?: string | null;
}
