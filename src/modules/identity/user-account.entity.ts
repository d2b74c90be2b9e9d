import { Check, Entity, Index, ManyToOne, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../core/database/base.entity';
import type { Person } from '../people/person.entity';

/**
 * A person (or an officer with no person on record) who signs in. Not tenant-owned: an officer's
 * roles may reach several communities. Passwords are stored as scrypt hashes; accounts linked to
 * an OpenID Connect provider are found by issuer and subject.
 */
@Entity()
@Unique({ properties: ['login'] })
@Unique({ properties: ['oidcIssuer', 'oidcSubject'] })
@Index({ properties: ['person'] })
// One login per person on record: a second active login for the same person is refused (TAKEN).
@Index({
  name: 'user_account_person_active_unique',
  expression: 'create unique index "user_account_person_active_unique" on "user_account" ("person_id") where (disabled_at is null)',
})
@Check({ name: 'user_account_login_format', expression: "login ~ '^[a-z0-9][a-z0-9._-]{1,63}$'" })
export class UserAccount extends BaseEntity {
  @Property({ length: 64 })
  login!: string;

  @Property({ length: 100 })
  displayName!: string;

  @ManyToOne({ entity: 'Person', ref: true, nullable: true, deleteRule: 'set null' })
  person?: Ref<Person> | null;

  // Lazy: the application's database role may not read it; login reads it through a definer function.
  @Property({ type: 'text', nullable: true, hidden: true, lazy: true })
  passwordHash?: string | null;

  @Property({ length: 200, nullable: true })
  oidcIssuer?: string | null;

  @Property({ length: 200, nullable: true })
  oidcSubject?: string | null;

  @Property({ type: 'integer', default: 0 })
  failedLogins: number & Opt = 0;

  @Property({ columnType: 'timestamptz', nullable: true })
  lockedUntil?: Date | null;

  @Property({ columnType: 'timestamptz', nullable: true })
  lastLoginAt?: Date | null;

  @Property({ columnType: 'timestamptz', nullable: true })
  disabledAt?: Date | null;

  /** Tokens issued before this instant are refused: revokeTokens and password changes set it. */
  @Property({ columnType: 'timestamptz', nullable: true })
  tokensValidAfter?: Date | null;

  /** Who created this login: null for accounts made outside the API (the first administrator, imports, the demo). */
  @ManyToOne(() => UserAccount, { ref: true, nullable: true, deleteRule: 'restrict' })
  createdBy?: Ref<UserAccount> | null;
}
