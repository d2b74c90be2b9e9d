import { Check, Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { ProposalTransition } from '../finance/proposal-transition.entity';
import { IssueStep } from '../issues/issue-step.entity';
import { MeetingAgendaItem } from './meeting-agenda-item.entity';
import { MeetingOccurrence } from './meeting-occurrence.entity';

/**
 * What a meeting decided, with its votes when it voted; when it moved its agenda item's issue or
 * proposal, the step it took there (the issue's step, the proposal's transition).
 */
@Entity()
@Index({ properties: ['occurrence', 'id'] })
@Check({ name: 'meeting_decision_text_not_blank', expression: "btrim(text) <> ''" })
@Check({
  name: 'meeting_decision_votes',
  expression:
    '(votes_for is null or votes_for >= 0) and (votes_against is null or votes_against >= 0) and (abstentions is null or abstentions >= 0)',
})
export class MeetingDecision extends TenantEntity {
  @ManyToOne(() => MeetingOccurrence, { ref: true, deleteRule: 'restrict' })
  occurrence!: Ref<MeetingOccurrence>;

  @ManyToOne(() => MeetingAgendaItem, { ref: true, nullable: true, deleteRule: 'restrict' })
  agendaItem?: Ref<MeetingAgendaItem> | null;

  @Property({ length: 2000 })
  text!: string;

  @Property({ type: 'integer', nullable: true })
  votesFor?: number | null;

  @Property({ type: 'integer', nullable: true })
  votesAgainst?: number | null;

  @Property({ type: 'integer', nullable: true })
  abstentions?: number | null;

  @ManyToOne(() => IssueStep, { ref: true, nullable: true, deleteRule: 'restrict' })
  issueStep?: Ref<IssueStep> | null;

  @ManyToOne(() => ProposalTransition, { ref: true, nullable: true, deleteRule: 'restrict' })
  proposalTransition?: Ref<ProposalTransition> | null;

  @Property({ length: 100 })
  recordedBy!: string;

  @Property({ columnType: 'timestamptz' })
  recordedAt!: Date;
}
