import { Check, Entity, ManyToOne, type Opt, Property, type Ref, Unique } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Person } from '../people/person.entity';
import { Compound } from '../places/compound.entity';

/**
 * A party member's public profile (亮身份、亮职责、亮承诺), written by the member: what they show the
 * residents of their compound, field by field (`shown`). Nothing else about them is shown.
 */
@Entity()
@Unique({ properties: ['person'] })
@Check({
  name: 'member_profile_shown_known',
  expression: "shown <@ array['POST', 'DUTIES', 'PLEDGE', 'RESPONSIBILITY_ZONE', 'PIONEER_POST']::text[]",
})
export class MemberProfile extends TenantEntity {
  @ManyToOne(() => Person, { ref: true, deleteRule: 'restrict' })
  person!: Ref<Person>;

  /** Where the profile is shown: the compound the member lives in (copied from their household). */
  @ManyToOne(() => Compound, { ref: true, deleteRule: 'restrict' })
  compound!: Ref<Compound>;

  @Property({ length: 100, nullable: true })
  post?: string | null;

  @Property({ length: 500, nullable: true })
  duties?: string | null;

  @Property({ length: 500, nullable: true })
  pledge?: string | null;

  @Property({ length: 200, nullable: true })
  responsibilityZone?: string | null;

  @Property({ length: 100, nullable: true })
  pioneerPost?: string | null;

  @Property({ type: 'text[]', columnType: 'text[]', defaultRaw: `'{}'`, nullable: false })
  shown: string[] & Opt = [];
}
