import { Check, Entity, Property, Unique } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';

/** A community's issue settings: categories, SLA days (per level, optionally per category), the reopening window. */
@Entity()
@Unique({ properties: ['community'] })
@Check({ name: 'issue_settings_reopen_days', expression: 'reopen_days >= 0 and reopen_days <= 90' })
export class IssueSettings extends TenantEntity {
  @Property({ columnType: 'text[]' })
  categories!: string[];

  /** { levels: { BUILDING_GROUP: 2, … }, categories: { repairs: { BRANCH: 2 } } } */
  @Property({ columnType: 'jsonb' })
  sla!: object;

  @Property({ columnType: 'smallint' })
  reopenDays!: number;
}
