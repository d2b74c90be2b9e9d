import { Check, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Person } from '../people/person.entity';
import { CoManagedAccount } from './co-managed-account.entity';
import { CustodianSeat } from './finance.enums';

/**
 * One seat of a co-managed account held by a person for a period. Three seats, three different
 * persons (partial unique indexes over the sitting custodians); replacing one ends a row and
 * starts another, so who held the account when stays readable.
 */
@Entity()
@Index({
  name: 'custodian_seat_sitting_unique',
  expression: 'create unique index "custodian_seat_sitting_unique" on "custodian" ("account_id", "seat") where (until is null)',
})
@Index({
  name: 'custodian_person_sitting_unique',
  expression: 'create unique index "custodian_person_sitting_unique" on "custodian" ("account_id", "person_id") where (until is null)',
})
@Index({ properties: ['person'] })
@Check({ name: 'custodian_period', expression: 'until is null or until >= since' })
export class Custodian extends TenantEntity {
  @ManyToOne(() => CoManagedAccount, { ref: true, deleteRule: 'restrict' })
  account!: Ref<CoManagedAccount>;

  @ManyToOne(() => Person, { ref: true, deleteRule: 'restrict' })
  person!: Ref<Person>;

  @Enum({ items: () => CustodianSeat, length: 30 })
  seat!: CustodianSeat;

  @Property({ columnType: 'date' })
  since!: string;

  @Property({ columnType: 'date', nullable: true })
  until?: string | null;
}
