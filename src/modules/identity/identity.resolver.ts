import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { Capability, ROLE_CAPABILITIES } from '../../core/auth/capabilities';
import { can, canSomewhere, type Placed } from '../../core/auth/principal';
import { PrincipalKind, ScopeType } from '../../core/auth/roles';
import { Node, nodeSpecFor } from '../../core/graphql/node';
import { payloadOf } from '../../core/graphql/payload';
import { connection, related } from '../../core/graphql/relations';
import { decodeGlobalId } from '../../core/ids/global-id';
import { PageArgs } from '../../core/pagination/page-args';
import { ArchivedFilter } from '../../core/pagination/page-args';
import { CommunitySpec } from '../geography/community.loaders';
import { CommunityType } from '../geography/geography.types';
import { PersonType } from '../people/people.types';
import { PersonSpec } from '../people/person.loaders';
import { accessService } from './access.service';
import {
  ChangePasswordInput,
  ChangePasswordPayload,
  DisableServiceAccountInput,
  DisableServiceAccountPayload,
  DisableUserInput,
  DisableUserPayload,
  EnableServiceAccountInput,
  EnableServiceAccountPayload,
  EnableUserInput,
  EnableUserPayload,
  LogoutInput,
  LogoutPayload,
  RevokeTokensInput,
  RevokeTokensPayload,
  CreateApiKeyInput,
  CreateApiKeyPayload,
  CreateServiceAccountInput,
  CreateServiceAccountPayload,
  CreateUserInput,
  CreateUserPayload,
  GrantRoleInput,
  GrantRolePayload,
  LoginInput,
  LoginPayload,
  RevokeApiKeyInput,
  RevokeApiKeyPayload,
  RevokeRoleInput,
  RevokeRolePayload,
} from './identity.inputs';
import {
  ACTIVE_BINDING,
  ApiKeySpec,
  RoleBindingSpec,
  ServiceAccountSpec,
  UserSpec,
  type ApiKeyRow,
  type RoleBindingRow,
  type ServiceAccountRow,
  type UserRow,
} from './identity.loaders';
import { ApiKeyType, RoleBindingConnection, RoleBindingType, ServiceAccountType, UserType, ViewerType } from './identity.types';
import { loginService, sessionService } from './login.service';

const SCOPE_SPEC_TYPE: Readonly<Record<ScopeType, string | null>> = {
  [ScopeType.PLATFORM]: null,
  [ScopeType.DISTRICT]: 'District',
  [ScopeType.STREET]: 'Street',
  [ScopeType.COMMUNITY]: 'Community',
  [ScopeType.BRANCH]: 'CompoundBranch',
  [ScopeType.GROUP]: 'BuildingGroup',
  [ScopeType.COMPOUND]: 'Compound',
  [ScopeType.HOUSEHOLD]: 'Household',
};

@Resolver(() => ViewerType)
export class ViewerResolver {
  @Query(() => ViewerType, {
    description: 'Who is calling: identity, role bindings, and what they may do. Answers for anonymous callers too.',
  })
  viewer(@Ctx() ctx: RequestContext): ViewerType {
    const kind =
      ctx.principal.kind === 'user'
        ? PrincipalKind.USER
        : ctx.principal.kind === 'service'
          ? PrincipalKind.SERVICE_ACCOUNT
          : PrincipalKind.ANONYMOUS;
    return { kind };
  }

  @FieldResolver(() => UserType, { description: 'The signed-in login, if one is.', nullable: true })
  user(@Ctx() ctx: RequestContext) {
    return ctx.principal.kind === 'user' ? ctx.loaders.node(UserSpec).load(ctx.principal.userId) : null;
  }

  @FieldResolver(() => ServiceAccountType, { description: 'The service account calling, if one is.', nullable: true })
  serviceAccount(@Ctx() ctx: RequestContext) {
    return ctx.principal.kind === 'service' ? ctx.loaders.node(ServiceAccountSpec).load(ctx.principal.serviceAccountId) : null;
  }

  @FieldResolver(() => [RoleBindingType], { description: 'The caller’s live role bindings.' })
  async bindings(@Ctx() ctx: RequestContext) {
    const rows = await ctx.loaders.node(RoleBindingSpec).loadMany(ctx.principal.bindings.map((b) => b.id));
    return rows.filter((r): r is RoleBindingRow => !!r && !(r instanceof Error));
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether the caller may do `capability` on the object `on` (or anywhere, without it): for showing or hiding buttons.',
  })
  async can(
    @Arg('capability', () => Capability, { description: 'The capability asked about.' }) capability: Capability,
    @Arg('on', () => ID, { nullable: true, description: 'The object (global ID) it would apply to; null: anywhere.' }) on: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    if (!on) return canSomewhere(ctx.principal, capability);
    const decoded = decodeGlobalId(on);
    const spec = decoded && nodeSpecFor(decoded.type);
    const row = spec && decoded ? await ctx.loaders.node(spec).load(decoded.pk) : null;
    return !!row && can(ctx.principal, capability, row as Placed);
  }

  @Mutation(() => LoginPayload, {
    description: 'Signs in with login and password and returns a bearer token. Wrong login or password: UNAUTHENTICATED.',
  })
  async login(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." }) input: LoginInput,
    @Ctx() ctx: RequestContext,
  ) {
    const { userId, token, expiresAt } = await loginService.login(ctx, input.login, input.password);
    return { token, expiresAt, user: await ctx.loaders.node(UserSpec).load(userId) };
  }

  @Mutation(() => CreateUserPayload, {
    description: 'Creates a login for a person, with a first password; an access manager of the scope.',
  })
  async createUser(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: CreateUserInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'user', UserSpec, await accessService.createUser(ctx, input, ctx.tokens.oidcIssuer));
  }

  @Mutation(() => GrantRolePayload, {
    description: 'Grants a role at a node; the granter must cover the node and hold every capability of the role.',
  })
  async grantRole(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: GrantRoleInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'roleBinding', RoleBindingSpec, await accessService.grantRole(ctx, input));
  }

  @Mutation(() => RevokeRolePayload, { description: 'Ends a role binding: the holder loses what it gave at once.' })
  async revokeRole(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: RevokeRoleInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'roleBinding', RoleBindingSpec, await accessService.revokeRole(ctx, input));
  }

  @Mutation(() => CreateServiceAccountPayload, { description: 'Creates a service account for another system (it signs in with API keys).' })
  async createServiceAccount(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: CreateServiceAccountInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'serviceAccount', ServiceAccountSpec, await accessService.createServiceAccount(ctx, input));
  }

  @Mutation(() => CreateApiKeyPayload, { description: 'Creates an API key; `secret` is shown this once.' })
  async createApiKey(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: CreateApiKeyInput,
    @Ctx() ctx: RequestContext,
  ) {
    const outcome = await accessService.createApiKey(ctx, input);
    return {
      apiKey: outcome.value ? await ctx.loaders.node(ApiKeySpec).load(outcome.value.id) : null,
      secret: outcome.value?.token ?? null,
      userErrors: outcome.userErrors,
    };
  }

  @Mutation(() => ChangePasswordPayload, {
    description: 'Changes the caller’s own password; every earlier token stops working and a fresh one is returned.',
  })
  async changePassword(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: ChangePasswordInput,
    @Ctx() ctx: RequestContext,
  ) {
    const outcome = await sessionService.changePassword(ctx, input);
    return { token: outcome.value?.token ?? null, expiresAt: outcome.value?.expiresAt ?? null, userErrors: outcome.userErrors };
  }

  @Mutation(() => LogoutPayload, { description: 'Ends the session of the token this request was sent with.' })
  async logout(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: LogoutInput,
    @Ctx() ctx: RequestContext,
  ) {
    return { loggedOut: await sessionService.logout(ctx), clientMutationId: input.clientMutationId ?? null };
  }

  @Mutation(() => RevokeTokensPayload, {
    description: 'Every token of the user issued until now stops working (their own, or one they manage).',
  })
  async revokeTokens(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: RevokeTokensInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'user', UserSpec, await accessService.revokeTokens(ctx, input));
  }

  @Mutation(() => DisableUserPayload, { description: 'The user can no longer sign in, and their tokens stop working at once.' })
  async disableUser(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: DisableUserInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'user', UserSpec, await accessService.disableUser(ctx, input));
  }

  @Mutation(() => EnableUserPayload, {
    description: 'Enables or disables a login; a disabled login cannot sign in and its tokens stop working.',
  })
  async enableUser(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: EnableUserInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'user', UserSpec, await accessService.enableUser(ctx, input));
  }

  @Mutation(() => DisableServiceAccountPayload, { description: 'The service account’s keys stop working at once.' })
  async disableServiceAccount(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: DisableServiceAccountInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'serviceAccount', ServiceAccountSpec, await accessService.disableServiceAccount(ctx, input));
  }

  @Mutation(() => EnableServiceAccountPayload, { description: 'Enables or disables a service account and all its API keys.' })
  async enableServiceAccount(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: EnableServiceAccountInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'serviceAccount', ServiceAccountSpec, await accessService.enableServiceAccount(ctx, input));
  }

  @Mutation(() => RevokeApiKeyPayload, { description: 'Revokes an API key: it stops working at once.' })
  async revokeApiKey(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: RevokeApiKeyInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'apiKey', ApiKeySpec, await accessService.revokeApiKey(ctx, input));
  }
}

@Resolver(() => UserType)
export class UserResolver {
  @FieldResolver(() => PersonType, { description: 'The person behind the login, if recorded.', nullable: true })
  person(@Root() user: UserRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, user.personId);
  }
}

@Resolver(() => ServiceAccountType)
export class ServiceAccountResolver {
  @FieldResolver(() => CommunityType, { description: 'The community it belongs to, if any.', nullable: true })
  community(@Root() account: ServiceAccountRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CommunitySpec, account.communityId);
  }

  @FieldResolver(() => [ApiKeyType], { description: 'Its API keys.' })
  apiKeys(@Root() account: ServiceAccountRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(ApiKeySpec, 'service_account_id').load(account.pk);
  }
}

@Resolver(() => ApiKeyType)
export class ApiKeyResolver {
  @FieldResolver({ description: 'The public part of the key, to tell keys apart: lxk_<id>.' })
  prefix(@Root() key: ApiKeyRow): string {
    return `lxk_${key.keyId}`;
  }

  @FieldResolver(() => ServiceAccountType, { description: 'The service account it signs in as.' })
  serviceAccount(@Root() key: ApiKeyRow, @Ctx() ctx: RequestContext) {
    return related(ctx, ServiceAccountSpec, key.serviceAccountId);
  }
}

@Resolver(() => RoleBindingType)
export class RoleBindingResolver {
  @FieldResolver(() => Node, { nullable: true, description: 'The node the role is held at; null for the platform.' })
  scope(@Root() binding: RoleBindingRow, @Ctx() ctx: RequestContext) {
    const type = SCOPE_SPEC_TYPE[binding.scopeType];
    const spec = type ? nodeSpecFor(type) : undefined;
    return spec && binding.scopeId ? spec && ctx.loaders.node(spec).load(binding.scopeId) : null;
  }

  @FieldResolver(() => UserType, { description: 'The login holding it, if not a service account.', nullable: true })
  user(@Root() binding: RoleBindingRow, @Ctx() ctx: RequestContext) {
    return related(ctx, UserSpec, binding.userId);
  }

  @FieldResolver(() => ServiceAccountType, { description: 'The service account holding it, if not a user.', nullable: true })
  serviceAccount(@Root() binding: RoleBindingRow, @Ctx() ctx: RequestContext) {
    return related(ctx, ServiceAccountSpec, binding.serviceAccountId);
  }

  @FieldResolver(() => UserType, { description: 'The login that granted it.', nullable: true })
  grantedBy(@Root() binding: RoleBindingRow, @Ctx() ctx: RequestContext) {
    return related(ctx, UserSpec, binding.grantedById);
  }

  @FieldResolver(() => [Capability], { description: 'What the role allows within its scope.' })
  capabilities(@Root() binding: RoleBindingRow): readonly Capability[] {
    return ROLE_CAPABILITIES[binding.role];
  }

  @FieldResolver({ description: 'Not revoked.' })
  active(@Root() binding: RoleBindingRow): boolean {
    return !binding.revokedAt;
  }
}

@Resolver(() => CommunityType)
export class CommunityAccessResolver {
  @FieldResolver(() => RoleBindingConnection, {
    description: 'Live role bindings at this community and beneath it (who may do what here).',
  })
  roleBindings(@Root() community: { pk: number }, @Args() args: PageArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return connection(
      ctx,
      info,
      RoleBindingConnection,
      RoleBindingSpec,
      'community_id',
      community.pk,
      { ...args, archived: ArchivedFilter.ALL },
      ACTIVE_BINDING,
    );
  }
}
