import { BigIntType, Check, Entity, Enum, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Compound } from '../places/compound.entity';
import { CoManagedAccount } from './co-managed-account.entity';
import { ExpenditureProposal } from './expenditure-proposal.entity';
import { LedgerCategory, LedgerEntryKind } from './finance.enums';

/**
 * One line of an account's ledger. Append-only: the application role may not update or delete
 * rows, and a trigger refuses it for everyone else. `deltaFen` is the signed effect on the balance
 * (income +, expense −, a reversal the opposite of the entry it reverses); the balance is its sum.
 * Which categories go with which kind is checked by a trigger (money_rules).
 */
@Entity()
@Index({ properties: ['account', 'occurredOn', 'id'] })
@Unique({ properties: ['reverses'] })
@Unique({ properties: ['proposal'] })
@Check({ name: 'ledger_entry_amount_positive', expression: 'amount_fen > 0' })
@Check({
  name: 'ledger_entry_delta_matches_kind',
  expression:
    "(kind = 'INCOME' and delta_fen = amount_fen) or (kind = 'EXPENSE' and delta_fen = -amount_fen) or (kind = 'REVERSAL' and abs(delta_fen) = amount_fen)",
})
@Check({ name: 'ledger_entry_reversal_points_back', expression: "(kind = 'REVERSAL') = (reverses_id is not null)" })
@Check({ name: 'ledger_entry_description_not_blank', expression: "btrim(description) <> ''" })
export class LedgerEntry extends TenantEntity {
  @ManyToOne(() => CoManagedAccount, { ref: true, deleteRule: 'restrict' })
  account!: Ref<CoManagedAccount>;

  /** The account's compound, copied by trigger; null for an account pooled per joint branch. */
  @ManyToOne(() => Compound, { ref: true, nullable: true, deleteRule: 'restrict' })
  compound?: Ref<Compound> | null;

  @Enum({ items: () => LedgerEntryKind, length: 10 })
  kind!: LedgerEntryKind;

  @Enum({ items: () => LedgerCategory, length: 20 })
  category!: LedgerCategory;

  @Property({ type: new BigIntType('number'), columnType: 'bigint' })
  amountFen!: number;

  @Property({ type: new BigIntType('number'), columnType: 'bigint' })
  deltaFen!: number;

  /** The day the money moved (the statement month it belongs to). */
  @Property({ columnType: 'date' })
  occurredOn!: string;

  @Property({ length: 200, nullable: true })
  counterparty?: string | null;

  @Property({ length: 500 })
  description!: string;

  @Property({ length: 100, nullable: true })
  invoiceRef?: string | null;

  @ManyToOne(() => LedgerEntry, { ref: true, nullable: true, deleteRule: 'restrict' })
  reverses?: Ref<LedgerEntry> | null;

  /** Set on the expense that paid a proposal: one payment per proposal (unique). */
  @ManyToOne(() => ExpenditureProposal, { ref: true, nullable: true, deleteRule: 'restrict' })
  proposal?: Ref<ExpenditureProposal> | null;

  @Property({ length: 100 })
  recordedBy!: string;
}
