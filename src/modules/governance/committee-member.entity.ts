import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Person } from '../people/person.entity';
import { CommitteeRole } from './governance.enums';
import { PropertyCommittee } from './property-committee.entity';

/**
 * A seat on a committee. `name` and `partyMember` are as they were when the member took the seat:
 * the committee's composition is public and its compliance is judged as it was constituted.
 */
@Entity()
@Index({
  name: 'committee_member_unique',
  expression: 'create unique index "committee_member_unique" on "committee_member" ("committee_id", "person_id")',
})
@Index({
  name: 'committee_member_one_chair',
  expression: `create unique index "committee_member_one_chair" on "committee_member" ("committee_id") where (role = 'CHAIR')`,
})
@Index({ properties: ['person'] })
export class CommitteeMember extends TenantEntity {
  @ManyToOne(() => PropertyCommittee, { ref: true, deleteRule: 'restrict' })
  committee!: Ref<PropertyCommittee>;

  @ManyToOne(() => Person, { ref: true, deleteRule: 'restrict' })
  person!: Ref<Person>;

  @Property({ length: 100 })
  name!: string;

  @Enum({ items: () => CommitteeRole, length: 12 })
  role!: CommitteeRole;

  @Property()
  partyMember!: boolean;
}
