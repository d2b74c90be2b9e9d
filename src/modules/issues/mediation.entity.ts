import { Check, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Person } from '../people/person.entity';
import { MediationOutcome } from './issues.enums';
import { ResidentIssue } from './resident-issue.entity';

/** 调解: a dispute of an issue taken to a mediator, and how it ended. One open mediation per issue. */
@Entity()
@Index({ properties: ['issue', 'id'] })
@Index({
  name: 'mediation_one_open',
  expression: 'create unique index "mediation_one_open" on "mediation" ("issue_id") where "outcome" is null',
})
@Check({ name: 'mediation_outcome', expression: '(outcome is null) = (ended_at is null)' })
export class Mediation extends TenantEntity {
  @ManyToOne(() => ResidentIssue, { ref: true, deleteRule: 'restrict' })
  issue!: Ref<ResidentIssue>;

  @ManyToOne(() => Person, { ref: true, deleteRule: 'restrict' })
  mediator!: Ref<Person>;

  @Property({ columnType: 'timestamptz' })
  startedAt!: Date;

  @Enum({ items: () => MediationOutcome, length: 20, nullable: true })
  outcome?: MediationOutcome | null;

  @Property({ length: 1000, nullable: true })
  outcomeNote?: string | null;

  @Property({ columnType: 'timestamptz', nullable: true })
  endedAt?: Date | null;
}
