import { Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { IssueLevel, IssueStatus } from './issues.enums';
import { ResidentIssue } from './resident-issue.entity';

/** One step of an issue's way: who (login and role), when, from which status to which, at which level, and why. */
@Entity()
@Index({ properties: ['issue', 'id'] })
export class IssueStep extends TenantEntity {
  @ManyToOne(() => ResidentIssue, { ref: true, deleteRule: 'restrict' })
  issue!: Ref<ResidentIssue>;

  @Enum({ items: () => IssueStatus, length: 20, nullable: true })
  fromStatus?: IssueStatus | null;

  @Enum({ items: () => IssueStatus, length: 20 })
  toStatus!: IssueStatus;

  /** The level the issue stands at after the step. */
  @Enum({ items: () => IssueLevel, length: 20 })
  level!: IssueLevel;

  /** A login, or `system` for the ladder's timer. */
  @Property({ length: 100 })
  actor!: string;

  /** The role the actor acted in (RESIDENT, GROUP_LEADER…, SYSTEM). */
  @Property({ length: 40 })
  role!: string;

  @Property({ columnType: 'timestamptz' })
  at!: Date;

  @Property({ length: 1000, nullable: true })
  note?: string | null;
}
