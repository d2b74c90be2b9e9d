import type { ModuleManifest } from '../core/module';
import { archivingModule } from './archiving/archiving.module';
import { auditModule } from './audit/audit.module';
import { careModule } from './care/care.module';
import { feesModule } from './fees/fees.module';
import { figuresModule } from './figures/figures.module';
import { financeModule } from './finance/finance.module';
import { geographyModule } from './geography/geography.module';
import { governanceModule } from './governance/governance.module';
import { identityModule } from './identity/identity.module';
import { organizationModule } from './organization/organization.module';
import { peopleModule } from './people/people.module';
import { placesModule } from './places/places.module';
import { servicesModule } from './services/services.module';
import { volunteersModule } from './volunteers/volunteers.module';
import { integrationModule } from './integration/integration.module';
import { issuesModule } from './issues/issues.module';
import { meetingsModule } from './meetings/meetings.module';
import { stationsModule } from './stations/stations.module';
import { engagementModule } from './engagement/engagement.module';
import { webhooksModule } from './webhooks/webhooks.module';

/**
 * The modules of the platform, lower ones first (a module depends only on modules above it in
 * this list; a test checks). Adding a module is adding its folder and one line here.
 */
export const modules: readonly ModuleManifest[] = [
  geographyModule,
  placesModule,
  peopleModule,
  organizationModule,
  identityModule,
  auditModule,
  archivingModule,
  financeModule,
  governanceModule,
  servicesModule,
  feesModule,
  careModule,
  volunteersModule,
  integrationModule,
  issuesModule,
  meetingsModule,
  stationsModule,
  engagementModule,
  webhooksModule,
  figuresModule,
];
