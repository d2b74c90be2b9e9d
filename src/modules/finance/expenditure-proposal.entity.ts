import { BigIntType, Check, Entity, Enum, Index, ManyToOne, Property, type Opt, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Compound } from '../places/compound.entity';
import { CoManagedAccount } from './co-managed-account.entity';
import { LedgerCategory, ProposalStatus, SpendingPath } from './finance.enums';

/**
 * 支出提议: a proposed spend from a co-managed account and where it stands. The path and whether
 * meetings need a quorum are fixed when it is proposed, from the community's thresholds then in
 * force, so changing a threshold never changes a proposal under way. `version` makes each step a
 * compare-and-set: of two people taking the same step at once, one wins and one gets CONFLICT.
 */
@Entity()
@Index({ properties: ['account', 'status', 'id'] })
@Index({ properties: ['compound', 'id'] })
@Check({ name: 'expenditure_proposal_amount_positive', expression: 'amount_fen > 0' })
@Check({ name: 'expenditure_proposal_purpose_not_blank', expression: "btrim(purpose) <> ''" })
@Check({ name: 'expenditure_proposal_payee_not_blank', expression: "btrim(payee) <> ''" })
export class ExpenditureProposal extends TenantEntity {
  @ManyToOne(() => CoManagedAccount, { ref: true, deleteRule: 'restrict' })
  account!: Ref<CoManagedAccount>;

  /** The account's compound, copied by trigger; null for an account pooled per joint branch. */
  @ManyToOne(() => Compound, { ref: true, nullable: true, deleteRule: 'restrict' })
  compound?: Ref<Compound> | null;

  @Property({ length: 200 })
  purpose!: string;

  @Property({ type: new BigIntType('number'), columnType: 'bigint' })
  amountFen!: number;

  @Property({ length: 200 })
  payee!: string;

  @Enum({ items: () => LedgerCategory, length: 20 })
  category!: LedgerCategory;

  /** Quotes, invoices, photos: references (URLs or archive numbers), not the files. */
  @Property({ columnType: 'text[]', type: 'string[]', defaultRaw: `'{}'` })
  attachments: Opt<string[]> = [];

  @Enum({ items: () => ProposalStatus, length: 12 })
  status!: ProposalStatus;

  @Enum({ items: () => SpendingPath, length: 12 })
  spendingPath!: SpendingPath;

  /** Meetings (review, resolution) need their quorum: the amount is above the community's threshold. */
  @Property()
  quorumRequired!: boolean;

  /** The community's simplified-path threshold when proposed, for the record. */
  @Property({ type: new BigIntType('number'), columnType: 'bigint' })
  simplifiedBelowFen!: number;

  /** Who proposed: their person (when the user is one) and user, so they cannot also resolve. */
  @Property({ type: 'integer', nullable: true })
  proposedByPersonId?: number | null;

  @Property({ type: 'integer', nullable: true })
  proposedByUserId?: number | null;

  /**
   * The community's local day it was proposed (by the request's clock; a trigger fills it from
   * `created_at` for writers that leave it out, and refuses changing it). No step of the proposal,
   * its payment included, is dated before it.
   */
  @Property({ columnType: 'date' })
  proposedOn!: string;

  @Property({ version: true })
  version!: number;
}
