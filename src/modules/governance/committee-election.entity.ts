import { Check, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Compound } from '../places/compound.entity';
import { ElectionStatus } from './governance.enums';

/** An election of a compound's committee: candidates, the street office's review, the vote, confirmation. */
@Entity()
@Index({ properties: ['compound', 'id'] })
@Index({
  name: 'committee_election_open_unique',
  expression: `create unique index "committee_election_open_unique" on "committee_election" ("compound_id") where (status in ('NOMINATING', 'VOTED'))`,
})
@Check({ name: 'committee_election_seats', expression: 'seats >= 3 and seats <= 15' })
@Check({ name: 'committee_election_votes', expression: 'votes_cast is null or eligible_voters is null or votes_cast <= eligible_voters' })
@Check({ name: 'committee_election_term', expression: 'term_end > term_start' })
export class CommitteeElection extends TenantEntity {
  @ManyToOne(() => Compound, { ref: true, deleteRule: 'restrict' })
  compound!: Ref<Compound>;

  @Enum({ items: () => ElectionStatus, length: 12 })
  status!: ElectionStatus;

  /** How many members are elected. */
  @Property({ columnType: 'smallint' })
  seats!: number;

  @Property({ columnType: 'date' })
  termStart!: string;

  @Property({ columnType: 'date' })
  termEnd!: string;

  @Property({ columnType: 'date', nullable: true })
  heldOn?: string | null;

  @Property({ type: 'integer', nullable: true })
  eligibleVoters?: number | null;

  @Property({ type: 'integer', nullable: true })
  votesCast?: number | null;

  @Property({ length: 500, nullable: true })
  cancelReason?: string | null;

  @Property({ version: true })
  version!: number;
}
