import { Check, Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { CompoundBranch } from '../organization/compound-branch.entity';
import { Compound } from '../places/compound.entity';

/**
 * 三方共管账户: a compound's account, held jointly by three custodians (Custodian) — or, where the
 * community chooses, one account pooled for the small compounds of a joint branch (`branch`). The
 * balance is never stored: it is the sum of the ledger (LedgerEntry.deltaFen), read by one function.
 */
@Entity()
@Unique({ properties: ['compound'] })
@Unique({ properties: ['branch'] })
@Check({ name: 'co_managed_account_one_holder', expression: '(compound_id is null) <> (branch_id is null)' })
@Check({ name: 'co_managed_account_name_not_blank', expression: "btrim(name) <> ''" })
@Check({ name: 'co_managed_account_period', expression: 'closed_on is null or closed_on >= opened_on' })
export class CoManagedAccount extends TenantEntity {
  @ManyToOne(() => Compound, { ref: true, nullable: true, deleteRule: 'restrict' })
  compound?: Ref<Compound> | null;

  /** A joint branch whose compounds share this account (then `compound` is null). */
  @ManyToOne(() => CompoundBranch, { ref: true, nullable: true, deleteRule: 'restrict' })
  branch?: Ref<CompoundBranch> | null;

  @Property({ length: 100 })
  name!: string;

  @Property({ columnType: 'date' })
  openedOn!: string;

  @Property({ columnType: 'date', nullable: true })
  closedOn?: string | null;
}
