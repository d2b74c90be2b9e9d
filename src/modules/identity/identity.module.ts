import { defineModule } from '../../core/module';
import { allow } from '../../core/permissions/rules';
import { ApiKey } from './api-key.entity';
import { IdentityError } from './identity.errors';
import {
  ApiKeyResolver,
  CommunityAccessResolver,
  RoleBindingResolver,
  ServiceAccountResolver,
  UserResolver,
  ViewerResolver,
} from './identity.resolver';
import { identityMutationRules, identityRules } from './identity.rules';
import { RoleBinding } from './role-binding.entity';
import { ServiceAccount } from './service-account.entity';
import { UserAccount } from './user-account.entity';

/** Users, service accounts, API keys, role bindings; signing in; who the caller is. */
export const identityModule = defineModule({
  name: 'identity',
  entities: [UserAccount, ServiceAccount, ApiKey, RoleBinding],
  resolvers: [ViewerResolver, UserResolver, ServiceAccountResolver, ApiKeyResolver, RoleBindingResolver, CommunityAccessResolver],
  // Everyone may ask who they are.
  permissions: { ...identityRules, Query: { viewer: allow }, Mutation: identityMutationRules },
  userErrors: IdentityError,
});
