import { BigIntType, Check, Entity, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Compound } from '../places/compound.entity';
import { CoManagedAccount } from './co-managed-account.entity';

/**
 * 月度公示: an account's statement for one month. While a draft it is computed from the ledger
 * whenever read; publishing freezes the content (`content`, with its SHA-256 in `contentHash`,
 * verified on every read) and a trigger refuses any later change to a published row. Ledger
 * entries dated in a published month are refused, so a correction lands in a later month.
 */
@Entity()
@Unique({ properties: ['account', 'month'] })
@Index({ properties: ['compound', 'month'] })
@Check({ name: 'monthly_statement_first_of_month', expression: 'extract(day from month) = 1' })
@Check({
  name: 'monthly_statement_published_complete',
  expression: '(published_at is null) = (content_hash is null) and (published_at is null) = (content is null)',
})
export class MonthlyStatement extends TenantEntity {
  @ManyToOne(() => CoManagedAccount, { ref: true, deleteRule: 'restrict' })
  account!: Ref<CoManagedAccount>;

  /** The account's compound, copied by trigger; null for an account pooled per joint branch. */
  @ManyToOne(() => Compound, { ref: true, nullable: true, deleteRule: 'restrict' })
  compound?: Ref<Compound> | null;

  /** The first day of the month. */
  @Property({ columnType: 'date' })
  month!: string;

  @Property({ length: 100 })
  preparedBy!: string;

  @Property({ length: 1000, nullable: true })
  note?: string | null;

  @Property({ columnType: 'timestamptz', nullable: true })
  publishedAt?: Date | null;

  @Property({ length: 100, nullable: true })
  publishedBy?: string | null;

  /** The frozen statement (opening, lines, totals, closing, proposals paid) as published. */
  @Property({ type: 'json', nullable: true })
  content?: unknown;

  @Property({ length: 64, nullable: true })
  contentHash?: string | null;

  @Property({ type: new BigIntType('number'), columnType: 'bigint', nullable: true })
  closingFen?: number | null;
}
