import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../core/pagination/connection';
import { Node } from '../../core/graphql/node';
import { NodeFields } from '../../core/graphql/node-fields';
import { DateTimeScalar } from '../../core/graphql/scalars';
import { PrincipalKind, Role, ScopeType } from '../../core/auth/roles';
import type { RoleBindingRow } from './identity.loaders';

@ObjectType('User', { implements: Node, simpleResolvers: true, description: 'A person or officer who signs in.' })
export class UserType extends NodeFields {
  @Field()
  login!: string;

  @Field()
  displayName!: string;

  @Field(() => DateTimeScalar, { nullable: true })
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
  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  disabledAt!: string | null;
}

@ObjectType('ApiKey', {
  implements: Node,
  simpleResolvers: true,
  description: 'An API key of a service account. The secret is shown once, when created.',
})
export class ApiKeyType extends NodeFields {
  @Field(() => String, { nullable: true })
  label!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  lastUsedAt!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  expiresAt!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
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
  @Field(() => Role)
  role!: Role;

  @Field(() => ScopeType)
  scopeType!: ScopeType;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt!: string | null;
}

@ObjectType('Viewer', { description: 'Who is calling, their role bindings, and what they may do.' })
export class ViewerType {
  @Field(() => PrincipalKind)
  kind!: PrincipalKind;
}

export const RoleBindingConnection = ConnectionType<RoleBindingRow>(RoleBindingType, 'RoleBinding');
