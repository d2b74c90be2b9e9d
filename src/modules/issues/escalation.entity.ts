import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { IssueLevel } from './issues.enums';
import { ResidentIssue } from './resident-issue.entity';

/**
 * An issue moved up (or handed down) the ladder. An automatic escalation names the deadline it
 * answers: one per issue and deadline (a unique index), however many workers find it due.
 */
@Entity()
@Index({ properties: ['issue', 'id'] })
@Index({
  name: 'escalation_once_per_deadline',
  expression:
    'create unique index "escalation_once_per_deadline" on "escalation" ("issue_id", "missed_deadline") where "missed_deadline" is not null',
})
export class Escalation extends TenantEntity {
  @ManyToOne(() => ResidentIssue, { ref: true, deleteRule: 'restrict' })
  issue!: Ref<ResidentIssue>;

  @Enum({ items: () => IssueLevel, length: 20 })
  fromLevel!: IssueLevel;

  @Enum({ items: () => IssueLevel, length: 20 })
  toLevel!: IssueLevel;

  /** The deadline that passed (automatic escalations); null when a handler moved it. */
  @Property({ columnType: 'timestamptz', nullable: true })
  missedDeadline?: Date | null;

  @Property({ columnType: 'timestamptz' })
  at!: Date;

  @Property({ length: 100 })
  actor!: string;

  @Property({ length: 1000, nullable: true })
  note?: string | null;
}
