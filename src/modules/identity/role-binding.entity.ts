import { Check, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../core/database/base.entity';
import type { Community } from '../geography/community.entity';
import { Role, ScopeType } from '../../core/auth/roles';
import { ServiceAccount } from './service-account.entity';
import { UserAccount } from './user-account.entity';

/**
 * (principal, role, scope): a user or service account holds a role at a node of the hierarchy.
 * `community` is the scope's community (null above communities), set by trigger for row-level
 * security. Revoking keeps the row; the audit log keeps who did what.
 */
@Entity()
@Index({ properties: ['user'] })
@Index({ properties: ['serviceAccount'] })
@Index({ properties: ['community'] })
@Index({
  name: 'role_binding_active_unique',
  expression:
    'create unique index "role_binding_active_unique" on "role_binding" (coalesce(user_id, 0), coalesce(service_account_id, 0), role, scope_type, coalesce(scope_id, 0)) where (revoked_at is null)',
})
@Check({ name: 'role_binding_one_principal', expression: '(user_id is null) <> (service_account_id is null)' })
@Check({ name: 'role_binding_scope_id', expression: "(scope_type = 'PLATFORM') = (scope_id is null)" })
export class RoleBinding extends BaseEntity {
  @ManyToOne(() => UserAccount, { ref: true, nullable: true, deleteRule: 'restrict' })
  user?: Ref<UserAccount> | null;

  @ManyToOne(() => ServiceAccount, { ref: true, nullable: true, deleteRule: 'restrict' })
  serviceAccount?: Ref<ServiceAccount> | null;

  @Enum({ items: () => Role, length: 30 })
  role!: Role;

  @Enum({ items: () => ScopeType, length: 20 })
  scopeType!: ScopeType;

  @Property({ type: 'integer', nullable: true })
  scopeId?: number | null;

  @ManyToOne({ entity: 'Community', ref: true, nullable: true, deleteRule: 'restrict' })
  community?: Ref<Community> | null;

  @ManyToOne(() => UserAccount, { ref: true, nullable: true, deleteRule: 'restrict' })
  grantedBy?: Ref<UserAccount> | null;

  @Property({ columnType: 'timestamptz', nullable: true })
  revokedAt?: Date | null;

  @ManyToOne(() => UserAccount, { ref: true, nullable: true, deleteRule: 'restrict' })
  revokedBy?: Ref<UserAccount> | null;
}
