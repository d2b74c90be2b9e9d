import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Role } from '../../core/auth/roles';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { GlobalId, LoginName, Password, Text } from '../../core/validation/rules';
import { UserError } from '../../core/validation/user-error';
import { ApiKeyType, RoleBindingType, ServiceAccountType, UserType } from './identity.types';

@InputType()
export class LoginInput {
  @Field()
  login!: string;

  @Field()
  password!: string;
}

@ObjectType({ simpleResolvers: true })
export class LoginPayload {
  @Field({ description: 'Send as Authorization: Bearer <token>.' })
  token!: string;

  @Field(() => DateTimeScalar)
  expiresAt!: Date;

  @Field(() => UserType)
  user!: unknown;
}

@InputType()
export class CreateUserInput {
  @Field({ description: 'Lower-case letters, digits, ".", "-", "_", e.g. secretary.xinyuan.' })
  @LoginName()
  login!: string;

  @Field()
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

@InputType()
export class GrantRoleInput {
  @Field(() => ID, { nullable: true, description: 'The user to grant to (or serviceAccountId).' })
  @GlobalId(true)
  userId?: string | null;

  @Field(() => ID, { nullable: true })
  @GlobalId(true)
  serviceAccountId?: string | null;

  @Field(() => Role)
  role!: Role;

  @Field(() => ID, {
    nullable: true,
    description: 'The scope node: a district, street, community, branch, building group, compound or household. Omit for the platform.',
  })
  @GlobalId(true)
  scopeId?: string | null;
}

@InputType()
export class RevokeRoleInput {
  @Field(() => ID)
  @GlobalId()
  roleBindingId!: string;
}

@InputType()
export class CreateServiceAccountInput {
  @Field({ description: 'e.g. sync.yongkangbeilu' })
  @LoginName()
  name!: string;

  @Field(() => String, { nullable: true })
  @Text({ max: 200, nullable: true })
  description?: string | null;

  @Field(() => ID, { nullable: true, description: 'The community that owns it; omit for a platform-level account.' })
  @GlobalId(true)
  communityId?: string | null;
}

@InputType()
export class CreateApiKeyInput {
  @Field(() => ID)
  @GlobalId()
  serviceAccountId!: string;

  @Field(() => String, { nullable: true })
  @Text({ max: 100, nullable: true })
  label?: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the key stops working; by default API_KEY_DEFAULT_TTL_DAYS from now, at most API_KEY_MAX_TTL_DAYS.',
  })
  expiresAt?: Date | null;
}

@InputType()
export class RevokeApiKeyInput {
  @Field(() => ID)
  @GlobalId()
  apiKeyId!: string;
}

@ObjectType({ simpleResolvers: true })
export class CreateUserPayload {
  @Field(() => UserType, { nullable: true })
  user!: unknown;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType({ simpleResolvers: true })
export class GrantRolePayload {
  @Field(() => RoleBindingType, { nullable: true })
  roleBinding!: unknown;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType({ simpleResolvers: true })
export class RevokeRolePayload {
  @Field(() => RoleBindingType, { nullable: true })
  roleBinding!: unknown;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType({ simpleResolvers: true })
export class CreateServiceAccountPayload {
  @Field(() => ServiceAccountType, { nullable: true })
  serviceAccount!: unknown;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType({ simpleResolvers: true })
export class CreateApiKeyPayload {
  @Field(() => ApiKeyType, { nullable: true })
  apiKey!: unknown;

  @Field(() => String, {
    nullable: true,
    description: 'The key to send as Authorization: Bearer <key>. Shown once: only its hash is kept.',
  })
  secret!: string | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType({ simpleResolvers: true })
export class RevokeApiKeyPayload {
  @Field(() => ApiKeyType, { nullable: true })
  apiKey!: unknown;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class ChangePasswordInput {
  @Field({ description: 'The password in use now.' })
  currentPassword!: string;

  @Field({ description: 'At least 10 characters.' })
  @Password()
  newPassword!: string;
}

@ObjectType({ simpleResolvers: true })
export class ChangePasswordPayload {
  @Field(() => String, {
    nullable: true,
    description: 'A fresh token: every token issued before the change, this request’s included, stops working.',
  })
  token!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@ObjectType({ simpleResolvers: true })
export class LogoutPayload {
  @Field({ description: 'The session of the token this request was sent with has ended.' })
  loggedOut!: boolean;
}

@InputType()
export class RevokeTokensInput {
  @Field(() => ID, { description: 'The user whose tokens end: every token issued until now (yours too, if it is you).' })
  @GlobalId()
  userId!: string;
}

@ObjectType({ simpleResolvers: true })
export class RevokeTokensPayload {
  @Field(() => UserType, { nullable: true })
  user!: unknown;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class DisableUserInput {
  @Field(() => ID)
  @GlobalId()
  userId!: string;
}

@ObjectType({ simpleResolvers: true })
export class DisableUserPayload {
  @Field(() => UserType, { nullable: true })
  user!: unknown;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class EnableUserInput {
  @Field(() => ID)
  @GlobalId()
  userId!: string;
}

@ObjectType({ simpleResolvers: true })
export class EnableUserPayload {
  @Field(() => UserType, { nullable: true })
  user!: unknown;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class DisableServiceAccountInput {
  @Field(() => ID)
  @GlobalId()
  serviceAccountId!: string;
}

@ObjectType({ simpleResolvers: true })
export class DisableServiceAccountPayload {
  @Field(() => ServiceAccountType, { nullable: true })
  serviceAccount!: unknown;

  @Field(() => [UserError])
  userErrors!: UserError[];
}

@InputType()
export class EnableServiceAccountInput {
  @Field(() => ID)
  @GlobalId()
  serviceAccountId!: string;
}

@ObjectType({ simpleResolvers: true })
export class EnableServiceAccountPayload {
  @Field(() => ServiceAccountType, { nullable: true })
  serviceAccount!: unknown;

  @Field(() => [UserError])
  userErrors!: UserError[];
}
