import { ref, type Ref } from '@mikro-orm/core';
import type { RequestContext } from '../../context';
import { newApiKey } from '../../core/auth/api-keys';
import { ROLE_SCOPES } from '../../core/auth/capabilities';
import { hashPassword } from '../../core/auth/passwords';
import { Role, ScopeType } from '../../core/auth/roles';
import { NotFoundError } from '../../core/errors/errors';
import { registerUniqueConstraint } from '../../core/graphql/constraints';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { decodeGlobalId } from '../../core/ids/global-id';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { Community } from '../geography/community.entity';
import { Person } from '../people/person.entity';
import { ApiKey } from './api-key.entity';
import type {
  CreateApiKeyInput,
  CreateServiceAccountInput,
  CreateUserInput,
  DisableServiceAccountInput,
  DisableUserInput,
  EnableServiceAccountInput,
  EnableUserInput,
  GrantRoleInput,
  RevokeApiKeyInput,
  RevokeRoleInput,
  RevokeTokensInput,
} from './identity.inputs';
import { RoleBinding } from './role-binding.entity';
import { ServiceAccount } from './service-account.entity';
import { UserAccount } from './user-account.entity';
import { IdentityError } from './identity.errors';

registerUniqueConstraint('user_account_login_unique', 'login', 'This login is taken');
registerUniqueConstraint('user_account_oidc_issuer_oidc_subject_unique', 'oidcSubject', 'Another user is linked to this identity');
registerUniqueConstraint('service_account_name_unique', 'name', 'A service account with this name exists');
registerUniqueConstraint('role_binding_active_unique', 'role', 'The principal already holds this role at this scope');
registerUniqueConstraint('user_account_person_active_unique', 'personId', 'This person already has a login: one person, one login');

/** The kind of scope a global ID names, e.g. a Compound ID → COMPOUND. */
export const SCOPE_TYPE_OF: Readonly<Record<string, ScopeType>> = {
  District: ScopeType.DISTRICT,
  Street: ScopeType.STREET,
  Community: ScopeType.COMMUNITY,
  CompoundBranch: ScopeType.BRANCH,
  BuildingGroup: ScopeType.GROUP,
  Compound: ScopeType.COMPOUND,
  Household: ScopeType.HOUSEHOLD,
};

function actorUser(ctx: RequestContext): Ref<UserAccount> | null {
  return ctx.principal.kind === 'user' ? ctx.em.getReference(UserAccount, ctx.principal.userId, { wrapped: true }) : null;
}

async function scopeCommunityId(ctx: RequestContext, scopeType: ScopeType, pk: number | null): Promise<number | null> {
  if (pk === null || scopeType === ScopeType.PLATFORM || scopeType === ScopeType.DISTRICT || scopeType === ScopeType.STREET) return null;
  if (scopeType === ScopeType.COMMUNITY) return pk;
  const table = { BRANCH: 'compound_branch', GROUP: 'building_group', COMPOUND: 'compound', HOUSEHOLD: 'household' }[scopeType];
  const row = await ctx.db.one<{ community_id: number }>(`select community_id from ${table} where id = $1`, [pk]);
  return row?.community_id ?? null;
}

/**
 * The database's clock (the request transaction's start): token checks compare against the times
 * sessions were opened at, which are the database's too.
 */
export async function databaseNow(ctx: RequestContext): Promise<Date> {
  const [row] = await ctx.db.query<{ now: Date }>('select now() as now');
  return new Date(row.now);
}

/** Users, service accounts, API keys and role bindings. Who may call each is in the permission tree. */
export const accessService = {
  /** Creates a user, optionally linked to a person on record and to an OpenID Connect subject. */
  createUser(ctx: RequestContext, input: CreateUserInput, oidcIssuer: string | undefined): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const person = input.personId ? await findByGlobalId(em, Person, 'Person', input.personId, 'personId') : null;
      if (input.oidcSubject && !oidcIssuer) refuse('oidcSubject', UserErrorCode.INVALID, 'No OpenID Connect provider is configured');
      if (!input.password && !input.oidcSubject)
        refuse('password', UserErrorCode.REQUIRED, 'Give a password, or the identity at the OpenID Connect provider');
      const user = em.create(UserAccount, {
        login: input.login,
        displayName: input.displayName,
        person: person ? ref(person) : null,
        passwordHash: input.password ? await hashPassword(input.password) : null,
        oidcIssuer: input.oidcSubject ? oidcIssuer : null,
        oidcSubject: input.oidcSubject ?? null,
        createdBy: actorUser(ctx),
      });
      await em.flush();
      return user.id;
    });
  },

  /**
   * Grants a role at a scope node (the rule has checked the granter may: within their scope and
   * their own capabilities). The role must fit the kind of node.
   */
  grantRole(ctx: RequestContext, input: GrantRoleInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      if (!!input.userId === !!input.serviceAccountId)
        refuse('userId', UserErrorCode.REQUIRED, 'Name either the user or the service account');
      const decoded = input.scopeId ? decodeGlobalId(input.scopeId) : undefined;
      const scopeType = decoded ? SCOPE_TYPE_OF[decoded.type] : ScopeType.PLATFORM;
      if (!scopeType) throw new NotFoundError('scope', { field: 'scopeId' });
      if (!ROLE_SCOPES[input.role].includes(scopeType)) {
        refuse(
          'scopeId',
          IdentityError.INVALID_SCOPE,
          `${input.role} is held at ${ROLE_SCOPES[input.role].join(' or ')}, not at ${scopeType}`,
        );
      }
      const user = input.userId ? await findByGlobalId(em, UserAccount, 'User', input.userId, 'userId') : null;
      const account = input.serviceAccountId
        ? await findByGlobalId(em, ServiceAccount, 'ServiceAccount', input.serviceAccountId, 'serviceAccountId')
        : null;
      // A household's resident is someone who lives there: RESIDENT makes its holder "the person
      // themselves" for the household's door number and tags (personal-data.ts), so it is held only
      // by a user whose person lives in that household.
      if (input.role === Role.RESIDENT && scopeType === ScopeType.HOUSEHOLD) {
        const personId = user?.person?.id ?? null;
        const lives = personId
          ? await ctx.db.one<{ id: number }>('select id from person where id = $1 and household_id = $2', [personId, decoded!.pk])
          : null;
        if (!lives) refuse('scopeId', IdentityError.INVALID_SCOPE, "RESIDENT is held at the household where the user's person lives");
      }
      const existing = await em.count(RoleBinding, {
        user: user?.id ?? null,
        serviceAccount: account?.id ?? null,
        role: input.role,
        scopeType,
        scopeId: decoded?.pk ?? null,
        revokedAt: null,
      });
      if (existing) refuse('role', UserErrorCode.ALREADY_GRANTED, 'The principal already holds this role at this scope');
      // The trigger sets the binding's community in the database; set it here too for the audit entry.
      const scopeCommunity = await scopeCommunityId(ctx, scopeType, decoded?.pk ?? null);
      const binding = em.create(RoleBinding, {
        community: scopeCommunity ? em.getReference(Community, scopeCommunity, { wrapped: true }) : null,
        user: user ? ref(user) : null,
        serviceAccount: account ? ref(account) : null,
        role: input.role,
        scopeType,
        scopeId: decoded?.pk ?? null,
        grantedBy: actorUser(ctx),
      });
      await em.flush();
      return binding.id;
    });
  },

  /** Revokes a role binding; the row and its history stay. */
  revokeRole(ctx: RequestContext, input: RevokeRoleInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const binding = await findByGlobalId(em, RoleBinding, 'RoleBinding', input.roleBindingId, 'roleBindingId');
      if (binding.revokedAt) refuse('roleBindingId', UserErrorCode.ALREADY_ENDED, 'The role binding is already revoked');
      binding.revokedAt = ctx.clock.now();
      binding.revokedBy = actorUser(ctx);
      await em.flush();
      return binding.id;
    });
  },

  /** Creates a service account, owned by a community or the platform. */
  createServiceAccount(ctx: RequestContext, input: CreateServiceAccountInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const community = input.communityId ? await findByGlobalId(em, Community, 'Community', input.communityId, 'communityId') : null;
      const account = em.create(ServiceAccount, {
        name: input.name,
        description: input.description ?? null,
        community: community ? ref(community) : null,
      });
      await em.flush();
      return account.id;
    });
  },

  /** Creates an API key; the secret is returned once and only its hash is kept. */
  createApiKey(ctx: RequestContext, input: CreateApiKeyInput): Promise<MutationOutcome<{ id: number; token: string }>> {
    return mutate(ctx, input, async (em) => {
      const account = await findByGlobalId(em, ServiceAccount, 'ServiceAccount', input.serviceAccountId, 'serviceAccountId');
      if (account.disabledAt) refuse('serviceAccountId', UserErrorCode.ARCHIVED, 'The service account is disabled');
      if (input.expiresAt && input.expiresAt.getTime() <= ctx.clock.now().getTime())
        refuse('expiresAt', UserErrorCode.OUT_OF_RANGE, 'The expiry must be in the future');
      // Every key expires: by default after API_KEY_DEFAULT_TTL_DAYS, never later than API_KEY_MAX_TTL_DAYS.
      const { apiKeyDefaultTtlDays, apiKeyMaxTtlDays } = ctx.tokens.policy;
      const latest = ctx.clock.now().getTime() + apiKeyMaxTtlDays * 86_400_000;
      if (input.expiresAt && input.expiresAt.getTime() > latest) {
        refuse(
          'expiresAt',
          UserErrorCode.OUT_OF_RANGE,
          `An API key lives at most ${apiKeyMaxTtlDays} days; create a new one before it expires`,
        );
      }
      const key = newApiKey();
      const row = em.create(ApiKey, {
        serviceAccount: account,
        community: account.community ?? null,
        keyId: key.keyId,
        secretHash: key.secretHash,
        label: input.label ?? null,
        expiresAt: input.expiresAt ?? new Date(ctx.clock.now().getTime() + apiKeyDefaultTtlDays * 86_400_000),
      });
      await em.flush();
      return { id: row.id, token: key.token };
    });
  },

  /** Every token of the user issued until now stops working (sessions and OpenID Connect tokens alike). */
  revokeTokens(ctx: RequestContext, input: RevokeTokensInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const user = await findByGlobalId(em, UserAccount, 'User', input.userId, 'userId');
      user.tokensValidAfter = await databaseNow(ctx);
      await em.flush();
      return user.id;
    });
  },

  /** A disabled user cannot sign in, and every token they hold stops working at once. */
  disableUser(ctx: RequestContext, input: DisableUserInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const user = await findByGlobalId(em, UserAccount, 'User', input.userId, 'userId');
      if (ctx.principal.kind === 'user' && ctx.principal.userId === user.id)
        refuse('userId', UserErrorCode.INVALID, 'You cannot disable yourself');
      if (user.disabledAt) refuse('userId', UserErrorCode.ALREADY_ENDED, 'The user is already disabled');
      user.disabledAt = await databaseNow(ctx);
      user.tokensValidAfter = user.disabledAt;
      await em.flush();
      return user.id;
    });
  },

  /** Lets a disabled user sign in again (tokens from before stay void). */
  enableUser(ctx: RequestContext, input: EnableUserInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const user = await findByGlobalId(em, UserAccount, 'User', input.userId, 'userId');
      if (!user.disabledAt) refuse('userId', UserErrorCode.NOT_ARCHIVED, 'The user is not disabled');
      user.disabledAt = null;
      await em.flush();
      return user.id;
    });
  },

  /** A disabled service account's keys stop working at once; none can be created for it. */
  disableServiceAccount(ctx: RequestContext, input: DisableServiceAccountInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const account = await findByGlobalId(em, ServiceAccount, 'ServiceAccount', input.serviceAccountId, 'serviceAccountId');
      if (account.disabledAt) refuse('serviceAccountId', UserErrorCode.ALREADY_ENDED, 'The service account is already disabled');
      account.disabledAt = ctx.clock.now();
      await em.flush();
      return account.id;
    });
  },

  /** Lets a disabled service account's unexpired, unrevoked keys work again. */
  enableServiceAccount(ctx: RequestContext, input: EnableServiceAccountInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const account = await findByGlobalId(em, ServiceAccount, 'ServiceAccount', input.serviceAccountId, 'serviceAccountId');
      if (!account.disabledAt) refuse('serviceAccountId', UserErrorCode.NOT_ARCHIVED, 'The service account is not disabled');
      account.disabledAt = null;
      await em.flush();
      return account.id;
    });
  },

  /** Revokes an API key at once: the next request with it is UNAUTHENTICATED. */
  revokeApiKey(ctx: RequestContext, input: RevokeApiKeyInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const key = await findByGlobalId(em, ApiKey, 'ApiKey', input.apiKeyId, 'apiKeyId');
      if (key.revokedAt) refuse('apiKeyId', UserErrorCode.ALREADY_ENDED, 'The API key is already revoked');
      key.revokedAt = ctx.clock.now();
      await em.flush();
      return key.id;
    });
  },
};
