import { defineModule } from '../../core/module';
import { ExternalId } from './external-id.entity';
import { ExternalIdResolver, externalIdsResolvers, ServiceAccountSystemsResolver } from './integration.resolver';
import { integrationRules } from './integration.rules';
import { ServiceAccountSystem } from './service-account-system.entity';
import { IntegrationError } from './integration.errors';
import { UpsertResolver } from './upsert.resolver';

/** Integration with city systems: external IDs per source system, and the systems a service account speaks for. */
export const integrationModule = defineModule({
  name: 'integration',
  entities: [ExternalId, ServiceAccountSystem],
  resolvers: [ExternalIdResolver, ServiceAccountSystemsResolver, UpsertResolver, ...externalIdsResolvers],
  userErrors: IntegrationError,
  permissions: integrationRules,
});
