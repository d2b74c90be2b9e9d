import { Check, Entity, Enum, Index, ManyToOne, Property, type Opt, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { BuildingGroup } from '../organization/building-group.entity';
import { Person } from '../people/person.entity';
import { CommitteeElection } from './committee-election.entity';
import { CandidateReview, Nomination } from './governance.enums';

/**
 * A candidate for a committee election. The name and party membership are those announced with
 * the candidacy (candidate lists are posted publicly and reviewed by the street office).
 */
@Entity()
@Index({
  name: 'candidate_unique',
  expression: 'create unique index "candidate_unique" on "candidate" ("election_id", "person_id")',
})
@Check({ name: 'candidate_votes', expression: 'votes is null or votes >= 0' })
@Check({ name: 'candidate_review_reason', expression: "review <> 'REJECTED' or review_reason is not null" })
@Check({ name: 'candidate_group_nomination', expression: "(nomination = 'BUILDING_GROUP') = (nominating_group_id is not null)" })
export class Candidate extends TenantEntity {
  @ManyToOne(() => CommitteeElection, { ref: true, deleteRule: 'restrict' })
  election!: Ref<CommitteeElection>;

  @ManyToOne(() => Person, { ref: true, deleteRule: 'restrict' })
  person!: Ref<Person>;

  @Property({ length: 100 })
  name!: string;

  @Property()
  partyMember!: boolean;

  @Enum({ items: () => Nomination, length: 15 })
  nomination!: Nomination;

  @ManyToOne(() => BuildingGroup, { ref: true, nullable: true, deleteRule: 'restrict' })
  nominatingGroup?: Ref<BuildingGroup> | null;

  @Enum({ items: () => CandidateReview, length: 10 })
  review!: CandidateReview;

  @Property({ length: 500, nullable: true })
  reviewReason?: string | null;

  @Property({ length: 100, nullable: true })
  reviewedBy?: string | null;

  @Property({ type: 'integer', nullable: true })
  votes?: number | null;

  @Property({ default: false })
  elected: Opt<boolean> = false;
}
