import { defineModule } from '../../core/module';
import { PropertyCompany } from './property-company.entity';
import { ServiceEvaluation } from './service-evaluation.entity';
import { ServiceItem } from './service-item.entity';
import { ServiceList } from './service-list.entity';
import { ServiceObjection } from './service-objection.entity';
import { ServicesError } from './services.errors';
import {
  CommunityServicesResolver,
  CompoundServicesResolver,
  HouseholdServicesResolver,
  PropertyCompanyRatingResolver,
  PropertyCompanyResolver,
  ServiceEvaluationResolver,
  ServiceItemResolver,
  ServiceListResolver,
  ServiceObjectionResolver,
} from './services.resolver';
import { servicesMutationRules, servicesRules } from './services.rules';

/** Property companies, monthly service lists, objections, quarterly evaluations and flags. */
export const servicesModule = defineModule({
  name: 'services',
  entities: [PropertyCompany, ServiceList, ServiceItem, ServiceObjection, ServiceEvaluation],
  resolvers: [
    CommunityServicesResolver,
    CompoundServicesResolver,
    HouseholdServicesResolver,
    PropertyCompanyResolver,
    PropertyCompanyRatingResolver,
    ServiceListResolver,
    ServiceItemResolver,
    ServiceObjectionResolver,
    ServiceEvaluationResolver,
  ],
  permissions: { ...servicesRules, Mutation: servicesMutationRules },
  userErrors: ServicesError,
});
