import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Role } from '../../core/auth/roles';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { GlobalId, LoginName, Password, Text } from '../../core/validation/rules';
import { UserError } from '../../core/validation/user-error';
import { ApiKeyType, RoleBindingType, ServiceAccountType, UserType } from './identity.types';

@InputType({ description: 'What the `login` mutation takes.' })
export class LoginInput {
  @Field({ description: 'The login name.' })
  login!: string;

  @Field({ description: 'The password (never stored or logged).' })
  password!: string;
}

@ObjectType({
  simpleResolvers: true,
})
export class LoginPayload {
  @Field({ description: 'Send as Authorization: Bearer <token>.' })
  token!: string;

  @Field(() => DateTimeScalar, { description: 'When the token expires.' })
  expiresAt!: Date;

  @Field(() => UserType, { description: 'The signed-in login; null when refused.' })
  user!: unknown;
}

@InputType({ description: 'What the `createUser` mutation takes.' })
export class CreateUserInput {
  @Field({ description: 'Lower-case letters, digits, ".", "-", "_", e.g. secretary.xinyuan.' })
  @LoginName()
  login!: string;

  @Field({ description: "The name shown for the login (not necessarily a person's legal name)." })
  @Text({ max: 100 })
  displayName!: string;

  @Field(() => String, {
    nullable: true,
    description: 'At least 10 characters; omit for accounts that sign in through the OpenID Connect provider.',
  })
  @Password()
  password?: string | null;

  @Field(() => ID, { nullable: true, description: 'The person on record this user is.' })
  @GlobalId(true)
  personId?: string | null;

  @Field(() => String, { nullable: true, description: 'The subject ("sub") of this user at the configured OpenID Connect provider.' })
  @Text({ max: 200, nullable: true })
  oidcSubject?: string | null;
}

@InputType({ description: 'What the `grantRole` mutation takes.' })
export class GrantRoleInput {
  @Field(() => ID, { nullable: true, description: 'The user to grant to (or serviceAccountId).' })
  @GlobalId(true)
  userId?: string | null;

  @Field(() => ID, { description: 'The service account that receives it (instead of a user).', nullable: true })
  @GlobalId(true)
  serviceAccountId?: string | null;

  @Field(() => Role, { description: 'The role granted.' })
  role!: Role;

  @Field(() => ID, {
    nullable: true,
    description: 'The scope node: a district, street, community, branch, building group, compound or household. Omit for the platform.',
  })
  @GlobalId(true)
  scopeId?: string | null;
}

@InputType({ description: 'What the `revokeRole` mutation takes.' })
export class RevokeRoleInput {
  @Field(() => ID, { description: 'The role binding to end.' })
  @GlobalId()
  roleBindingId!: string;
}

@InputType({ description: 'What the `createServiceAccount` mutation takes.' })
export class CreateServiceAccountInput {
  @Field({ description: 'e.g. sync.yongkangbeilu' })
  @LoginName()
  name!: string;

  @Field(() => String, { description: 'What the other system is and who runs it.', nullable: true })
  @Text({ max: 200, nullable: true })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'The community that owns it; omit for a platform-level account.' })
  @GlobalId(true)
  communityId?: string | null;
}

@InputType({ description: 'What the `createApiKey` mutation takes.' })
export class CreateApiKeyInput {
  @Field(() => ID, { description: 'The service account the key signs in as.' })
  @GlobalId()
  serviceAccountId!: string;

  @Field(() => String, { description: 'A name for the key, to tell keys apart (not secret).', nullable: true })
  @Text({ max: 100, nullable: true })
  label?: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the key stops working; by default API_KEY_DEFAULT_TTL_DAYS from now, at most API_KEY_MAX_TTL_DAYS.',
  })
  expiresAt?: Date | null;
}

@InputType({ description: 'What the `revokeApiKey` mutation takes.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'The API key to revoke.' })
  @GlobalId()
  apiKeyId!: string;
}

@ObjectType({
  simpleResolvers: true,
})
export class CreateUserPayload {
  @Field(() => UserType, { description: 'The new login; null when refused.', nullable: true })
  user!: unknown;

  @Field(() => [UserError], { description: 'Empty when the mutation succeeded; otherwise why nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({
  simpleResolvers: true,
})
export class GrantRolePayload {
  @Field(() => RoleBindingType, { description: 'The new role binding; null when refused.', nullable: true })
  roleBinding!: unknown;

  @Field(() => [UserError], { description: 'Empty when the mutation succeeded; otherwise why nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({
  simpleResolvers: true,
})
export class RevokeRolePayload {
  @Field(() => RoleBindingType, { description: 'The binding, now revoked; null when refused.', nullable: true })
  roleBinding!: unknown;

  @Field(() => [UserError], { description: 'Empty when the mutation succeeded; otherwise why nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({
  simpleResolvers: true,
})
export class CreateServiceAccountPayload {
  @Field(() => ServiceAccountType, { description: 'The new service account; null when refused.', nullable: true })
  serviceAccount!: unknown;

  @Field(() => [UserError], { description: 'Empty when the mutation succeeded; otherwise why nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({
  simpleResolvers: true,
})
export class CreateApiKeyPayload {
  @Field(() => ApiKeyType, { description: 'The new key; its secret is in `secret`, shown once.', nullable: true })
  apiKey!: unknown;

  @Field(() => String, {
    nullable: true,
    description: 'The key to send as Authorization: Bearer <key>. Shown once: only its hash is kept.',
  })
  secret!: string | null;

  @Field(() => [UserError], { description: 'Empty when the mutation succeeded; otherwise why nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({
  simpleResolvers: true,
})
export class RevokeApiKeyPayload {
  @Field(() => ApiKeyType, { description: 'The key, now revoked; null when refused.', nullable: true })
  apiKey!: unknown;

  @Field(() => [UserError], { description: 'Empty when the mutation succeeded; otherwise why nothing was changed.' })
  userErrors!: UserError[];
}

@InputType({ description: 'What the `changePassword` mutation takes.' })
export class ChangePasswordInput {
  @Field({ description: 'The password in use now.' })
  currentPassword!: string;

  @Field({ description: 'At least 10 characters.' })
  @Password()
  newPassword!: string;
}

@ObjectType({
  simpleResolvers: true,
})
export class ChangePasswordPayload {
  @Field(() => String, {
    nullable: true,
    description: 'A fresh token: every token issued before the change, this request’s included, stops working.',
  })
  token!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the new token expires.', nullable: true })
  expiresAt!: Date | null;

  @Field(() => [UserError], { description: 'Empty when the mutation succeeded; otherwise why nothing was changed.' })
  userErrors!: UserError[];
}

@ObjectType({
  simpleResolvers: true,
})
export class LogoutPayload {
  @Field({ description: 'The session of the token this request was sent with has ended.' })
  loggedOut!: boolean;

  @Field(() => String, { nullable: true, description: 'The `clientMutationId` of the input, as sent (Relay convention).' })
  clientMutationId!: string | null;
}

@InputType({
  description: 'What the `logout` mutation takes: nothing but an optional label (the session is the one of the token the request carries).',
})
export class LogoutInput {
  @Field(() => String, { nullable: true, description: 'A label of the caller’s choosing, given back in the payload (Relay convention).' })
  clientMutationId?: string | null;
}

@InputType({ description: 'What the `revokeTokens` mutation takes.' })
export class RevokeTokensInput {
  @Field(() => ID, { description: 'The user whose tokens end: every token issued until now (yours too, if it is you).' })
  @GlobalId()
  userId!: string;
}

@ObjectType({
  simpleResolvers: true,
})
export class RevokeTokensPayload {
  @Field(() => UserType, { description: 'The login whose tokens were revoked; null when refused.', nullable: true })
  user!: unknown;

  @Field(() => [UserError], { description: 'Empty when the mutation succeeded; otherwise why nothing was changed.' })
  userErrors!: UserError[];
}

@InputType({ description: 'What the `disableUser` mutation takes.' })
export class DisableUserInput {
  @Field(() => ID, { description: 'The login to disable.' })
  @GlobalId()
  userId!: string;
}

@ObjectType({
  simpleResolvers: true,
})
export class DisableUserPayload {
  @Field(() => UserType, { description: 'The login, now disabled; null when refused.', nullable: true })
  user!: unknown;

  @Field(() => [UserError], { description: 'Empty when the mutation succeeded; otherwise why nothing was changed.' })
  userErrors!: UserError[];
}

@InputType({ description: 'What the `enableUser` mutation takes.' })
export class EnableUserInput {
  @Field(() => ID, { description: 'The login to enable again.' })
  @GlobalId()
  userId!: string;
}

@ObjectType({
  simpleResolvers: true,
})
export class EnableUserPayload {
  @Field(() => UserType, { description: 'The login, enabled again; null when refused.', nullable: true })
  user!: unknown;

  @Field(() => [UserError], { description: 'Empty when the mutation succeeded; otherwise why nothing was changed.' })
  userErrors!: UserError[];
}

@InputType({ description: 'What the `disableServiceAccount` mutation takes.' })
export class DisableServiceAccountInput {
  @Field(() => ID, { description: 'The service account to disable.' })
  @GlobalId()
  serviceAccountId!: string;
}

@ObjectType({
  simpleResolvers: true,
})
export class DisableServiceAccountPayload {
  @Field(() => ServiceAccountType, { description: 'The service account, now disabled; null when refused.', nullable: true })
  serviceAccount!: unknown;

  @Field(() => [UserError], { description: 'Empty when the mutation succeeded; otherwise why nothing was changed.' })
  userErrors!: UserError[];
}

@InputType({ description: 'What the `enableServiceAccount` mutation takes.' })
export class EnableServiceAccountInput {
  @Field(() => ID, { description: 'The service account to enable again.' })
  @GlobalId()
  serviceAccountId!: string;
}

@ObjectType({
  simpleResolvers: true,
})
export class EnableServiceAccountPayload {
  @Field(() => ServiceAccountType, { description: 'The service account, enabled again; null when refused.', nullable: true })
  serviceAccount!: unknown;

  @Field(() => [UserError], { description: 'Empty when the mutation succeeded; otherwise why nothing was changed.' })
  userErrors!: UserError[];
}
