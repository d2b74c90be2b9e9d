import { defineNode, unarchivedColumns, type NodeRow } from '../../core/data/node-spec';
import { registerNodeReach, registerNodeSpec } from '../../core/graphql/node';
import { Capability } from '../../core/auth/capabilities';
import { ScopeType, type Role } from '../../core/auth/roles';

export interface UserRow extends NodeRow {
  login: string;
  displayName: string;
  personId: number | null;
  lastLoginAt: string | null;
  disabledAt: string | null;
  /** The person's place (for scope checks); null for officers without a person on record. */
  path: string | null;
  orgPath: string | null;
  communityId: number | null;
}

export const UserSpec = registerNodeSpec(
  defineNode<UserRow>({
    type: 'User',
    table: 'user_account',
    archivable: false,
    // Accounts are platform-wide, but one linked to a person belongs with that person's community:
    // where row-level security hides the person, the account is not found either.
    visible: 't.person_id is null or t.id = (select lianxin_user_id()) or exists (select 1 from person p where p.id = t.person_id)',
    columns: {
      ...unarchivedColumns,
      login: 't.login',
      displayName: 't.display_name',
      personId: 't.person_id',
      lastLoginAt: 't.last_login_at',
      disabledAt: 't.disabled_at',
      path: '(select p.path::text from person p where p.id = t.person_id)',
      orgPath: '(select p.org_path::text from person p where p.id = t.person_id)',
      communityId: '(select p.community_id from person p where p.id = t.person_id)',
    },
  }),
  Capability.MANAGE_ACCESS,
);

// An account without a person is an officer's or the platform's: it belongs to no community, and
// only the platform (and the account itself) reaches it. Anyone else asking for it by ID gets null,
// as for an ID that names nobody — not FORBIDDEN, which would tell that it exists.
registerNodeReach(
  UserSpec,
  (principal, row) =>
    row.personId !== null ||
    (principal.kind === 'user' && principal.userId === row.pk) ||
    principal.bindings.some((b) => b.scopeType === ScopeType.PLATFORM),
);

export interface ServiceAccountRow extends NodeRow {
  name: string;
  description: string | null;
  communityId: number | null;
  disabledAt: string | null;
  path: string | null;
}

export const ServiceAccountSpec = registerNodeSpec(
  defineNode<ServiceAccountRow>({
    type: 'ServiceAccount',
    table: 'service_account',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      name: 't.name',
      description: 't.description',
      communityId: 't.community_id',
      disabledAt: 't.disabled_at',
      path: '(select c.path::text from community c where c.id = t.community_id)',
    },
  }),
  Capability.MANAGE_ACCESS,
);

export interface ApiKeyRow extends NodeRow {
  serviceAccountId: number;
  keyId: string;
  label: string | null;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  /** Neither revoked nor expired. */
  active: boolean;
  communityId: number | null;
  path: string | null;
}

export const ApiKeySpec = registerNodeSpec(
  defineNode<ApiKeyRow>({
    type: 'ApiKey',
    table: 'api_key',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      serviceAccountId: 't.service_account_id',
      keyId: 't.key_id',
      label: 't.label',
      lastUsedAt: 't.last_used_at',
      expiresAt: 't.expires_at',
      revokedAt: 't.revoked_at',
      active: '(t.revoked_at is null and (t.expires_at is null or t.expires_at > now()))',
      communityId: 't.community_id',
      path: '(select c.path::text from community c where c.id = t.community_id)',
    },
  }),
  Capability.MANAGE_ACCESS,
);

export interface RoleBindingRow extends NodeRow {
  userId: number | null;
  serviceAccountId: number | null;
  role: Role;
  scopeType: ScopeType;
  scopeId: number | null;
  communityId: number | null;
  grantedById: number | null;
  revokedAt: string | null;
  /** The scope node's path, for scope checks ('' for the platform). */
  path: string | null;
}

export const RoleBindingSpec = registerNodeSpec(
  defineNode<RoleBindingRow>({
    type: 'RoleBinding',
    table: 'role_binding',
    archivable: false,
    columns: {
      ...unarchivedColumns,
      userId: 't.user_id',
      serviceAccountId: 't.service_account_id',
      role: 't.role',
      scopeType: 't.scope_type',
      scopeId: 't.scope_id',
      communityId: 't.community_id',
      grantedById: 't.granted_by_id',
      revokedAt: 't.revoked_at',
      path: `(case t.scope_type
        when 'PLATFORM' then ''
        when 'DISTRICT' then (select x.path::text from district x where x.id = t.scope_id)
        when 'STREET' then (select x.path::text from street x where x.id = t.scope_id)
        when 'COMMUNITY' then (select x.path::text from community x where x.id = t.scope_id)
        when 'BRANCH' then (select x.path::text from compound_branch x where x.id = t.scope_id)
        when 'GROUP' then (select x.path::text from building_group x where x.id = t.scope_id)
        when 'COMPOUND' then (select x.path::text from compound x where x.id = t.scope_id)
        when 'HOUSEHOLD' then (select x.path::text from household x where x.id = t.scope_id) end)`,
    },
  }),
  Capability.MANAGE_ACCESS,
);

export const ACTIVE_BINDING = { key: 'active', sql: 't.revoked_at is null', params: [] as unknown[] };
