import { Check, Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantPlaceEntity } from '../../core/database/tenant.entity';
import { Household } from '../places/household.entity';

/**
 * 党员中心户: a household with party members designated as a hub for its neighbours, showing its
 * identity, duties and pledge (亮身份、亮职责、亮承诺). Un-designation closes the row; history stays.
 * `path`/`orgPath` are the household's (copied by trigger) so scope checks need no join.
 */
@Entity()
@Index({
  name: 'member_household_active_unique',
  expression: 'create unique index "member_household_active_unique" on "member_household" ("household_id") where (undesignated_on is null)',
})
@Index({ properties: ['household'] })
@Check({ name: 'member_household_period', expression: 'undesignated_on is null or undesignated_on >= designated_on' })
export class MemberHousehold extends TenantPlaceEntity {
  @ManyToOne(() => Household, { ref: true, deleteRule: 'restrict' })
  household!: Ref<Household>;

  @Property({ columnType: 'date' })
  designatedOn!: string;

  @Property({ columnType: 'date', nullable: true })
  undesignatedOn?: string | null;

  /** Whether the 共产党员户 plate is displayed at the door. */
  @Property({ default: true })
  displaysPlate: boolean = true;

  @Property({ length: 500, nullable: true })
  duties?: string | null;

  @Property({ length: 500, nullable: true })
  pledge?: string | null;

  @Property({ length: 500, nullable: true })
  specialties?: string | null;
}
