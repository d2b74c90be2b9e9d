import { Check, Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { ExpenditureProposal } from '../finance/expenditure-proposal.entity';
import { ResidentIssue } from '../issues/resident-issue.entity';
import { MeetingOccurrence } from './meeting-occurrence.entity';

/** A point on a meeting's agenda, about a resident's issue and/or a spending proposal, or neither. */
@Entity()
@Index({ properties: ['occurrence', 'position'] })
@Check({ name: 'meeting_agenda_item_title_not_blank', expression: "btrim(title) <> ''" })
export class MeetingAgendaItem extends TenantEntity {
  @ManyToOne(() => MeetingOccurrence, { ref: true, deleteRule: 'restrict' })
  occurrence!: Ref<MeetingOccurrence>;

  @Property()
  position!: number;

  @Property({ length: 200 })
  title!: string;

  @ManyToOne(() => ResidentIssue, { ref: true, nullable: true, deleteRule: 'restrict' })
  issue?: Ref<ResidentIssue> | null;

  @ManyToOne(() => ExpenditureProposal, { ref: true, nullable: true, deleteRule: 'restrict' })
  proposal?: Ref<ExpenditureProposal> | null;
}
