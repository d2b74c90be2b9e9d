import { Check, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { CompoundBranch } from './compound-branch.entity';
import { MembershipStatus, OrganizationRelation } from './organization.enums';
import { Person } from '../people/person.entity';

/**
 * A person's party membership as this community records it. LOCAL members are registered with
 * `branch`; EXTERNAL members are registered at `homeOrganization` and serve here (双报到), optionally
 * reporting to `branch`. Ending a membership (transfer, death) closes the row; history stays.
 */
@Entity()
@Index({
  name: 'party_membership_active_unique',
  expression: 'create unique index "party_membership_active_unique" on "party_membership" ("person_id") where (ended_on is null)',
})
@Index({ properties: ['person'] })
@Index({ properties: ['branch'] })
@Check({ name: 'party_membership_period', expression: 'ended_on is null or joined_on is null or ended_on >= joined_on' })
@Check({ name: 'party_membership_local_has_branch', expression: "organization_relation <> 'LOCAL' or branch_id is not null" })
@Check({ name: 'party_membership_external_has_home', expression: "organization_relation <> 'EXTERNAL' or home_organization is not null" })
export class PartyMembership extends TenantEntity {
  @ManyToOne(() => Person, { ref: true, deleteRule: 'restrict' })
  person!: Ref<Person>;

  @ManyToOne(() => CompoundBranch, { ref: true, nullable: true, deleteRule: 'restrict' })
  branch?: Ref<CompoundBranch> | null;

  @Enum({ items: () => OrganizationRelation, length: 10 })
  organizationRelation!: OrganizationRelation;

  @Enum({ items: () => MembershipStatus, length: 15 })
  status!: MembershipStatus;

  @Property({ length: 200, nullable: true })
  homeOrganization?: string | null;

  @Property({ columnType: 'date', nullable: true })
  joinedOn?: string | null;

  @Property({ columnType: 'date', nullable: true })
  endedOn?: string | null;
}
