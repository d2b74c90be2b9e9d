import { Check, Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { CompoundBranch } from '../organization/compound-branch.entity';
import { PartyMembership } from '../organization/party-membership.entity';

/**
 * 双报到 as a relation the platform can follow: a reporting (EXTERNAL) membership of this community
 * and the member's home branch, a branch of another community on the platform. It is the only way
 * anything of this community reaches that branch: its secretary reads the member's claims here
 * (read-only, through `lianxin_reported_claims`), nothing else. Recorded by this community.
 */
@Entity()
@Index({ properties: ['homeBranch'] })
@Index({
  name: 'reporting_relation_active_unique',
  expression: 'create unique index "reporting_relation_active_unique" on "reporting_relation" ("membership_id") where (ended_on is null)',
})
@Check({ name: 'reporting_relation_period', expression: 'ended_on is null or ended_on >= recorded_on' })
export class ReportingRelation extends TenantEntity {
  @ManyToOne(() => PartyMembership, { ref: true, deleteRule: 'restrict' })
  membership!: Ref<PartyMembership>;

  @ManyToOne(() => CompoundBranch, { ref: true, deleteRule: 'restrict' })
  homeBranch!: Ref<CompoundBranch>;

  @Property({ columnType: 'date' })
  recordedOn!: string;

  @Property({ columnType: 'date', nullable: true })
  endedOn?: string | null;
}
