import { Check, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { ExpenditureProposal } from './expenditure-proposal.entity';
import { ProposalStatus, ProposalStep } from './finance.enums';

/** One recorded act on a proposal: who, under which role, when, at which meeting, with which votes. */
@Entity()
@Index({ properties: ['proposal', 'id'] })
@Check({ name: 'proposal_transition_votes', expression: 'votes_for is null or votes_for >= 0' })
@Check({ name: 'proposal_transition_attendance', expression: 'attendance is null or eligible is null or attendance <= eligible' })
@Check({
  name: 'proposal_transition_vote_total',
  expression: 'attendance is null or coalesce(votes_for, 0) + coalesce(votes_against, 0) + coalesce(abstentions, 0) <= attendance',
})
export class ProposalTransition extends TenantEntity {
  @ManyToOne(() => ExpenditureProposal, { ref: true, deleteRule: 'restrict' })
  proposal!: Ref<ExpenditureProposal>;

  @Enum({ items: () => ProposalStep, length: 10 })
  step!: ProposalStep;

  @Enum({ items: () => ProposalStatus, length: 12, nullable: true })
  fromStatus?: ProposalStatus | null;

  @Enum({ items: () => ProposalStatus, length: 12 })
  toStatus!: ProposalStatus;

  @Property({ length: 100 })
  actorLabel!: string;

  @Property({ type: 'integer', nullable: true })
  actorUserId?: number | null;

  /** The role under which the actor took the step (the binding that allowed it). */
  @Property({ length: 30, nullable: true })
  actorRole?: string | null;

  @Property({ length: 200, nullable: true })
  meeting?: string | null;

  @Property({ columnType: 'date', nullable: true })
  meetingOn?: string | null;

  @Property({ type: 'integer', nullable: true })
  eligible?: number | null;

  @Property({ type: 'integer', nullable: true })
  attendance?: number | null;

  @Property({ type: 'integer', nullable: true })
  votesFor?: number | null;

  @Property({ type: 'integer', nullable: true })
  votesAgainst?: number | null;

  @Property({ type: 'integer', nullable: true })
  abstentions?: number | null;

  @Property({ length: 1000, nullable: true })
  comment?: string | null;
}
