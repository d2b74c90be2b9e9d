import { defineModule } from '../../core/module';
import { CrossAppointment } from './cross-appointment.entity';
import { EngagementError } from './engagement.errors';
import {
  BranchEngagementResolver,
  CommunityEngagementResolver,
  CompoundEngagementResolver,
  CrossAppointmentResolver,
  MembershipEngagementResolver,
  ReportingRelationResolver,
  ServiceClaimResolver,
  ServiceOfferResolver,
} from './engagement.resolver';
import { engagementMutationRules, engagementRules } from './engagement.rules';
import { MemberProfile } from './member-profile.entity';
import { ReportingRelation } from './reporting-relation.entity';
import { ServiceClaim } from './service-claim.entity';
import { ServiceOffer } from './service-offer.entity';

/**
 * How party members and the property side engage where they live: cross-appointments (交叉任职),
 * reporting members' claims (认领) read by their home branch, and members' public profiles (亮身份).
 */
export const engagementModule = defineModule({
  name: 'engagement',
  entities: [CrossAppointment, ServiceOffer, ServiceClaim, ReportingRelation, MemberProfile],
  resolvers: [
    CommunityEngagementResolver,
    CompoundEngagementResolver,
    BranchEngagementResolver,
    MembershipEngagementResolver,
    CrossAppointmentResolver,
    ServiceOfferResolver,
    ServiceClaimResolver,
    ReportingRelationResolver,
  ],
  permissions: { ...engagementRules, Mutation: engagementMutationRules },
  userErrors: EngagementError,
});
