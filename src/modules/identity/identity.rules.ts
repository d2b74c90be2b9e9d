import type { ShieldRule as IRule } from '../../core/permissions/rules';
import { Capability } from '../../core/auth/capabilities';
import type { Placed } from '../../core/auth/principal';
import type { Role } from '../../core/auth/roles';
import { NODE_FIELDS, connection, fields, payload } from '../../core/permissions/fields';
import { allow, below, grantRule, mutation, PLATFORM, type TargetsOf } from '../../core/permissions/rules';
import { anyRowOf, field, inputOf, labelled, rowOf } from '../../core/permissions/targets';
import { CommunitySpec } from '../hierarchy/community.loaders';
import { PersonSpec } from '../people/person.loaders';
import { ApiKeySpec, RoleBindingSpec, ServiceAccountSpec, UserSpec } from './identity.loaders';
import { decodeGlobalId } from '../../core/ids/global-id';
import { NotFoundError } from '../../core/errors/errors';

const { MANAGE_ACCESS } = Capability;

/** An optional reference in the input, or the platform when it is omitted. */
function orPlatform(target: TargetsOf, name: string): TargetsOf {
  return labelled(async (args, ctx) => (inputOf(args)[name] ? target(args, ctx) : [PLATFORM]), `${target.label}, or the platform without it`);
}

export const identityRules: Record<string, Record<string, IRule>> = {
  // Everyone may ask who they are.
  Viewer: fields(allow, 'kind', 'user', 'serviceAccount', 'bindings', 'can'),
  User: { ...NODE_FIELDS, ...fields(allow, 'login', 'displayName', 'lastLoginAt', 'person') },
  ServiceAccount: { ...NODE_FIELDS, ...fields(allow, 'name', 'description', 'disabledAt', 'community'), apiKeys: below(MANAGE_ACCESS) },
  ApiKey: { ...NODE_FIELDS, ...fields(allow, 'prefix', 'label', 'lastUsedAt', 'expiresAt', 'revokedAt', 'active', 'serviceAccount') },
  RoleBinding: { ...NODE_FIELDS, ...fields(allow, 'role', 'scopeType', 'revokedAt', 'scope', 'user', 'serviceAccount', 'grantedBy', 'capabilities', 'active') },
  ...connection('RoleBinding'),
  LoginPayload: fields(allow, 'token', 'expiresAt', 'user'),
  ...payload('CreateUserPayload', 'user'),
  ...payload('GrantRolePayload', 'roleBinding'),
  ...payload('RevokeRolePayload', 'roleBinding'),
  ...payload('CreateServiceAccountPayload', 'serviceAccount'),
  ...payload('CreateApiKeyPayload', 'apiKey', 'secret'),
  ...payload('RevokeApiKeyPayload', 'apiKey'),
};

export const identityMutationRules: Record<string, IRule> = {
  login: allow,
  createUser: mutation('createUser', MANAGE_ACCESS, orPlatform(field(PersonSpec, 'personId'), 'personId')),
  createServiceAccount: mutation('createServiceAccount', MANAGE_ACCESS, orPlatform(field(CommunitySpec, 'communityId'), 'communityId')),
  createApiKey: mutation('createApiKey', MANAGE_ACCESS, field(ServiceAccountSpec, 'serviceAccountId')),
  revokeApiKey: mutation('revokeApiKey', MANAGE_ACCESS, field(ApiKeySpec, 'apiKeyId')),
  grantRole: grantRule('grantRole', async (args, ctx) => {
    const input = inputOf(args);
    // A user linked to a person the granter cannot see belongs to another community: not found,
    // like a user that does not exist (UserSpec.visible). Users without a person are platform accounts.
    if (decodeGlobalId(String(input.userId))?.type === 'User' && !(await rowOf(ctx, UserSpec, input.userId))) throw new NotFoundError('User', { field: 'userId' });
    const scope = input.scopeId ? await anyRowOf(ctx, input.scopeId) : PLATFORM;
    return { role: input.role as Role, scope };
  }),
  revokeRole: grantRule('revokeRole', async (args, ctx) => {
    const binding = await rowOf(ctx, RoleBindingSpec, inputOf(args).roleBindingId);
    if (!binding) return null;
    const scope: Placed = binding.scopeType === 'PLATFORM' ? PLATFORM : { path: binding.path, communityId: binding.communityId };
    return { role: binding.role, scope };
  }),
};
