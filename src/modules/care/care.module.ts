import { hidden } from '../../core/auth/personal-data';
import { on } from '../../core/events';
import { defineModule } from '../../core/module';
import { CommunityCreated } from '../geography/geography.events';
import { careDuties } from './care-duty';
import { CareError } from './care.errors';
import { CareHelpItem } from './care-help-item.entity';
import { CareLink } from './care-link.entity';
import {
  BranchCareResolver,
  CareCompoundCountResolver,
  CareCoverageResolver,
  CareLinkResolver,
  CareStaffResolver,
  CareVisitResolver,
  CommunityCareResolver,
  HouseholdCareResolver,
  PersonCareResolver,
} from './care.resolver';
import { careMutationRules, careRules } from './care.rules';
import { defaultHelpItems } from './care.service';
import { CareStaff } from './care-staff.entity';
import { CareVisit } from './care-visit.entity';

/** Care links (the "147" method): linkage cards, visits and help, the coverage of special-group households, care staff. */
export const careModule = defineModule({
  name: 'care',
  entities: [CareHelpItem, CareLink, CareVisit, CareStaff],
  resolvers: [
    CommunityCareResolver,
    BranchCareResolver,
    CareCoverageResolver,
    CareCompoundCountResolver,
    PersonCareResolver,
    HouseholdCareResolver,
    CareLinkResolver,
    CareVisitResolver,
    CareStaffResolver,
  ],
  permissions: { ...careRules, Mutation: careMutationRules },
  userErrors: CareError,
  // The special group a link is for is the household's vulnerability tag under another name.
  personalData: [{ type: 'CareLink', field: 'tag', of: 'household', sensitive: true, otherwise: hidden }],
  dutiesOfCare: careDuties,
  subscriptions: [on(CommunityCreated, (_ctx, em, { community }) => defaultHelpItems(em, community))],
});
