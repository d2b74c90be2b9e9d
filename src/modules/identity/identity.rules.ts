import type { ShieldRule as IRule } from '../../core/permissions/rules';
import { Capability } from '../../core/auth/capabilities';
import type { Placed } from '../../core/auth/principal';
import type { Role } from '../../core/auth/roles';
import { NODE_FIELDS, connection, fields, payload } from '../../core/permissions/fields';
import {
  allow,
  authenticated,
  below,
  controlsPrincipal,
  overPerson,
  grantRule,
  mutation,
  PLATFORM,
  predicate,
  principalWithinReach,
  refusal,
  type PrincipalTarget,
  type TargetsOf,
} from '../../core/permissions/rules';
import { anyRowOf, field, inputOf, labelled, rowOf } from '../../core/permissions/targets';
import { CommunitySpec } from '../geography/community.loaders';
import { PersonSpec } from '../people/person.loaders';
import { ApiKeySpec, RoleBindingSpec, ServiceAccountSpec, UserSpec, type ServiceAccountRow } from './identity.loaders';
import { decodeGlobalId } from '../../core/ids/global-id';
import { NotFoundError } from '../../core/errors/errors';

const { MANAGE_ACCESS, READ_PERSONS } = Capability;

/** An optional reference in the input, or the platform when it is omitted. */
function orPlatform(target: TargetsOf, name: string): TargetsOf {
  return labelled(
    async (args, ctx) => (inputOf(args)[name] ? target(args, ctx) : [PLATFORM]),
    `${target.label}, or the platform without it`,
  );
}

/** The user named by input.userId, where they belong: their person's place, or the platform. */
async function userTarget(args: Record<string, unknown>, ctx: Parameters<TargetsOf>[1]): Promise<PrincipalTarget | null> {
  const user = await rowOf(ctx, UserSpec, inputOf(args).userId);
  if (!user) return null;
  return { userId: user.pk, placed: user.personId ? { path: user.path, orgPath: user.orgPath, communityId: user.communityId } : PLATFORM };
}

/** The service account named by input.serviceAccountId: its community, or the platform. */
export async function serviceAccountTarget(args: Record<string, unknown>, ctx: Parameters<TargetsOf>[1]): Promise<PrincipalTarget | null> {
  return accountTarget(await rowOf(ctx, ServiceAccountSpec, inputOf(args).serviceAccountId));
}

function accountTarget(account: ServiceAccountRow | null): PrincipalTarget | null {
  if (!account) return null;
  return {
    serviceAccountId: account.pk,
    placed: account.communityId ? { path: account.path, orgPath: null, communityId: account.communityId } : PLATFORM,
  };
}

/** The service account whose key input.apiKeyId names: revoking it acts on that account's credentials. */
async function apiKeyOwnerTarget(args: Record<string, unknown>, ctx: Parameters<TargetsOf>[1]): Promise<PrincipalTarget | null> {
  const key = await rowOf(ctx, ApiKeySpec, inputOf(args).apiKeyId);
  return accountTarget(key?.serviceAccountId ? await ctx.loaders.node(ServiceAccountSpec).load(key.serviceAccountId) : null);
}

const signedInUser = predicate('identity:user', 'signed in as a user (service accounts have no password)', (_args, ctx) =>
  ctx.principal.kind === 'user' ? true : refusal(ctx),
);

export const identityRules: Record<string, Record<string, IRule>> = {
  // Who may do what in a community: for those who manage access there.
  Community: { roleBindings: below(MANAGE_ACCESS) },
  // Everyone may ask who they are.
  Viewer: fields(allow, 'kind', 'user', 'serviceAccount', 'bindings', 'can'),
  // Who granted a role is shown to the grantee; the person behind an account only with a duty of care for them.
  User: {
    ...NODE_FIELDS,
    ...fields(allow, 'login', 'displayName', 'lastLoginAt', 'disabledAt'),
    person: overPerson(READ_PERSONS, 'personId'),
  },
  ServiceAccount: { ...NODE_FIELDS, ...fields(allow, 'name', 'description', 'disabledAt', 'community'), apiKeys: below(MANAGE_ACCESS) },
  ApiKey: { ...NODE_FIELDS, ...fields(allow, 'prefix', 'label', 'lastUsedAt', 'expiresAt', 'revokedAt', 'active', 'serviceAccount') },
  RoleBinding: {
    ...NODE_FIELDS,
    ...fields(allow, 'role', 'scopeType', 'revokedAt', 'scope', 'user', 'serviceAccount', 'grantedBy', 'capabilities', 'active'),
  },
  ...connection('RoleBinding'),
  LoginPayload: fields(allow, 'token', 'expiresAt', 'user'),
  ...payload('CreateUserPayload', 'user'),
  ...payload('GrantRolePayload', 'roleBinding'),
  ...payload('RevokeRolePayload', 'roleBinding'),
  ...payload('CreateServiceAccountPayload', 'serviceAccount'),
  ...payload('CreateApiKeyPayload', 'apiKey', 'secret'),
  ...payload('RevokeApiKeyPayload', 'apiKey'),
  ChangePasswordPayload: fields(allow, 'token', 'expiresAt', 'userErrors'),
  LogoutPayload: fields(allow, 'loggedOut', 'clientMutationId'),
  ...payload('RevokeTokensPayload', 'user'),
  ...payload('DisableUserPayload', 'user'),
  ...payload('EnableUserPayload', 'user'),
  ...payload('DisableServiceAccountPayload', 'serviceAccount'),
  ...payload('EnableServiceAccountPayload', 'serviceAccount'),
};

export const identityMutationRules: Record<string, IRule> = {
  login: allow,
  createUser: mutation('createUser', MANAGE_ACCESS, orPlatform(field(PersonSpec, 'personId'), 'personId')),
  createServiceAccount: mutation('createServiceAccount', MANAGE_ACCESS, orPlatform(field(CommunitySpec, 'communityId'), 'communityId')),
  // A key carries every role of its account: its minter must be able to grant each of them, where it is held.
  createApiKey: controlsPrincipal('createApiKey', serviceAccountTarget),
  changePassword: signedInUser,
  logout: authenticated,
  revokeTokens: controlsPrincipal('revokeTokens', userTarget, { allowSelf: true }),
  disableUser: controlsPrincipal('disableUser', userTarget),
  enableUser: controlsPrincipal('enableUser', userTarget),
  disableServiceAccount: controlsPrincipal('disableServiceAccount', serviceAccountTarget),
  enableServiceAccount: controlsPrincipal('enableServiceAccount', serviceAccountTarget),
  // Cutting off an account's key is acting on its credentials, as disabling the account is.
  revokeApiKey: controlsPrincipal('revokeApiKey', apiKeyOwnerTarget),
  grantRole: grantRule(
    'grantRole',
    async (args, ctx) => {
      const input = inputOf(args);
      // The grantee must be within the granter's reach (principalWithinReach): a user linked to a
      // person the granter cannot see, an officer's or the platform's account, a principal holding
      // roles elsewhere, all belong to another tenant and are not found — the same answer, code and
      // message, as an ID that names nobody.
      if (decodeGlobalId(String(input.userId))?.type === 'User') {
        const user = await userTarget(args, ctx);
        if (!user || !(await principalWithinReach(ctx, user))) throw new NotFoundError('User', { field: 'userId' });
      }
      if (decodeGlobalId(String(input.serviceAccountId))?.type === 'ServiceAccount') {
        const account = await serviceAccountTarget(args, ctx);
        if (!account || !(await principalWithinReach(ctx, account)))
          throw new NotFoundError('ServiceAccount', { field: 'serviceAccountId' });
      }
      const scope = input.scopeId ? await anyRowOf(ctx, input.scopeId) : PLATFORM;
      return { role: input.role as Role, scope };
    },
    "the grantee within the granter's reach (its person's community, or for an account without one a role above communities; every role it holds in a community the granter reaches or under the granter's scope), else NOT_FOUND as for a missing ID",
  ),
  revokeRole: grantRule('revokeRole', async (args, ctx) => {
    const binding = await rowOf(ctx, RoleBindingSpec, inputOf(args).roleBindingId);
    if (!binding) return null;
    const scope: Placed = binding.scopeType === 'PLATFORM' ? PLATFORM : { path: binding.path, communityId: binding.communityId };
    return { role: binding.role, scope };
  }),
};
