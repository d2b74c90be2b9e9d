import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../core/pagination/connection';
import { Node } from '../../core/graphql/node';
import { NodeFields } from '../../core/graphql/node-fields';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { PrincipalKind, Role, ScopeType } from '../../core/auth/roles';
import type { RoleBindingRow } from './identity.loaders';

@ObjectType('User', { implements: Node, simpleResolvers: true, description: 'A person or officer who signs in.' })
export class UserType extends NodeFields {
  @Field({ description: 'The login name.' })
  login!: string;

  @Field({ description: 'The name shown for the login.' })
  displayName!: string;

  @Field(() => DateTimeScalar, { description: 'When it last signed in; null if never.', nullable: true })
  lastLoginAt!: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: 'When the user was disabled: a disabled user cannot sign in, and their tokens stop working.',
  })
  disabledAt!: string | null;
}

@ObjectType('ServiceAccount', {
  implements: Node,
  simpleResolvers: true,
  description: 'The identity of an integration script; it authenticates with API keys.',
})
export class ServiceAccountType extends NodeFields {
  @Field({ description: 'Its name.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'What the other system is and who runs it.' })
  description!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was disabled; null while enabled.', nullable: true })
  disabledAt!: string | null;
}

@ObjectType('ApiKey', {
  implements: Node,
  simpleResolvers: true,
  description: 'An API key of a service account. The secret is shown once, when created.',
})
export class ApiKeyType extends NodeFields {
  @Field(() => String, { description: 'The name it was given, to tell keys apart.', nullable: true })
  label!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it last signed a request in; null if never.', nullable: true })
  lastUsedAt!: string | null;

  @Field(() => DateTimeScalar, { description: 'When the key stops working.', nullable: true })
  expiresAt!: string | null;

  @Field(() => DateTimeScalar, { description: 'When it was revoked; null while valid.', nullable: true })
  revokedAt!: string | null;

  @Field({ description: 'Neither revoked nor expired.' })
  active!: boolean;
}

@ObjectType('RoleBinding', {
  implements: Node,
  simpleResolvers: true,
  description: 'A role held by a user or service account at a node of the hierarchy (and everything beneath it).',
})
export class RoleBindingType extends NodeFields {
  @Field(() => Role, { description: 'The role.' })
  role!: Role;

  @Field(() => ScopeType, { description: 'The kind of node it is bound at.' })
  scopeType!: ScopeType;

  @Field(() => DateTimeScalar, { description: 'When it was revoked; null while live.', nullable: true })
  revokedAt!: string | null;
}

@ObjectType('Viewer', { simpleResolvers: true, description: 'Who is calling, their role bindings, and what they may do.' })
export class ViewerType {
  @Field(() => PrincipalKind, { description: 'Who is calling.' })
  kind!: PrincipalKind;
}

export const RoleBindingConnection = ConnectionType<RoleBindingRow>(RoleBindingType, 'RoleBinding');
