import { Check, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Compound } from '../places/compound.entity';
import { CompoundBranch } from './compound-branch.entity';
import { BranchAssignmentReason } from './organization.enums';

/**
 * Which branch covered a compound, and when. The open row (`until` null) mirrors `compound.branch`;
 * closed rows are the history ("it belonged to the joint branch until it graduated").
 */
@Entity()
@Index({ properties: ['compound', 'since'] })
@Index({
  name: 'compound_branch_assignment_open_unique',
  expression:
    'create unique index "compound_branch_assignment_open_unique" on "compound_branch_assignment" ("compound_id") where (until is null)',
})
@Index({ properties: ['branch'] })
@Check({ name: 'compound_branch_assignment_period', expression: 'until is null or until >= since' })
export class CompoundBranchAssignment extends TenantEntity {
  @ManyToOne(() => Compound, { ref: true, deleteRule: 'restrict' })
  compound!: Ref<Compound>;

  @ManyToOne(() => CompoundBranch, { ref: true, deleteRule: 'restrict' })
  branch!: Ref<CompoundBranch>;

  @Property({ columnType: 'date' })
  since!: string;

  @Property({ columnType: 'date', nullable: true })
  until?: string | null;

  @Enum({ items: () => BranchAssignmentReason, length: 20 })
  reason!: BranchAssignmentReason;
}
