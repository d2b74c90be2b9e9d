import { Check, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Person } from '../people/person.entity';
import { Compound } from '../places/compound.entity';
import { CommitteeElection } from './committee-election.entity';
import { CommitteeKind, CommitteeStatus } from './governance.enums';

/**
 * 物管会 / 业委会: a compound's property committee for one term. At most one sits at a time (partial
 * unique index); recalled and ended committees stay, so "who sat in 2017?" has an answer.
 */
@Entity()
@Index({
  name: 'property_committee_sitting_unique',
  expression: `create unique index "property_committee_sitting_unique" on "property_committee" ("compound_id") where (status = 'SITTING')`,
})
@Index({ properties: ['compound', 'termStart'] })
@Check({ name: 'property_committee_term', expression: 'term_end is null or term_end > term_start' })
@Check({ name: 'property_committee_ended', expression: "(status = 'SITTING') = (ended_on is null)" })
export class PropertyCommittee extends TenantEntity {
  @ManyToOne(() => Compound, { ref: true, deleteRule: 'restrict' })
  compound!: Ref<Compound>;

  @Property({ length: 100 })
  name!: string;

  @Enum({ items: () => CommitteeKind, length: 10 })
  kind!: CommitteeKind;

  @Enum({ items: () => CommitteeStatus, length: 12 })
  status!: CommitteeStatus;

  @Property({ columnType: 'date' })
  termStart!: string;

  @Property({ columnType: 'date', nullable: true })
  termEnd?: string | null;

  @Property({ columnType: 'date', nullable: true })
  endedOn?: string | null;

  @Property({ length: 500, nullable: true })
  endReason?: string | null;

  /** The committee's party secretary: the compound branch's secretary, concurrently. */
  @ManyToOne(() => Person, { ref: true, nullable: true, deleteRule: 'restrict' })
  partySecretary?: Ref<Person> | null;

  @ManyToOne(() => CommitteeElection, { ref: true, nullable: true, deleteRule: 'restrict' })
  election?: Ref<CommitteeElection> | null;
}
