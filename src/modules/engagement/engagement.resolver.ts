import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { payloadOf } from '../../core/graphql/payload';
import { related } from '../../core/graphql/relations';
import { toGlobalId } from '../../core/ids/global-id';
import type { CommunityRow } from '../geography/community.loaders';
import { CommunityType } from '../geography/geography.types';
import type { CompoundBranchRow } from '../organization/compound-branch.loaders';
import { PartyMembershipSpec, type PartyMembershipRow } from '../organization/party-membership.loaders';
import { CompoundBranchType, PartyMembershipType } from '../organization/organization.types';
import { PersonSpec } from '../people/person.loaders';
import { PersonType } from '../people/people.types';
import { CompoundSpec, type CompoundRow } from '../places/compound.loaders';
import { CompoundType } from '../places/places.types';
import {
  AppointCrossPostInput,
  ClaimServiceOfferInput,
  CloseServiceOfferInput,
  CompleteServiceClaimInput,
  AppointCrossPostPayload,
  EndCrossAppointmentPayload,
  EndCrossAppointmentInput,
  EndReportingRelationInput,
  UpdateMyMemberProfilePayload,
  PublishServiceOfferInput,
  RecordReportingRelationInput,
  EndReportingRelationPayload,
  RecordReportingRelationPayload,
  ClaimServiceOfferPayload,
  CompleteServiceClaimPayload,
  CloseServiceOfferPayload,
  PublishServiceOfferPayload,
  UpdateMyMemberProfileInput,
} from './engagement.inputs';
import {
  CrossAppointmentSpec,
  holderNames,
  MemberProfileSpec,
  publicProfiles,
  reportedClaims,
  ReportingRelationSpec,
  ServiceClaimSpec,
  ServiceOfferSpec,
  type CrossAppointmentRow,
  type ReportingRelationRow,
  type ServiceClaimRow,
  type ServiceOfferRow,
} from './engagement.loaders';
import { engagementService } from './engagement.service';
import {
  CrossAppointmentType,
  MemberProfileType,
  PublicMemberProfileType,
  ReportedServiceClaimType,
  ReportingRelationType,
  ServiceClaimType,
  ServiceOfferType,
} from './engagement.types';

const INPUT = { description: "The mutation's input: one object, so fields can be added without breaking callers." };

@Resolver(() => CommunityType)
export class CommunityEngagementResolver {
  @FieldResolver(() => [CrossAppointmentType], {
    description: 'Cross-appointments (交叉任职) of the community and its compounds, past ones included.',
  })
  crossAppointments(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(CrossAppointmentSpec, 'community_id', 't.started_on, t.id').load(community.pk);
  }

  @FieldResolver(() => [ServiceOfferType], { description: 'Projects and services published for reporting members to claim (认领).' })
  serviceOffers(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(ServiceOfferSpec, 'community_id', 't.published_on, t.id').load(community.pk);
  }

  @Mutation(() => AppointCrossPostPayload, { description: 'Appoints a person to a cross-appointed post (交叉任职).' })
  async appointCrossPost(@Arg('input', INPUT) input: AppointCrossPostInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'appointment', CrossAppointmentSpec, await engagementService.appoint(ctx, input));
  }

  @Mutation(() => EndCrossAppointmentPayload, { description: 'Ends a cross-appointment.' })
  async endCrossAppointment(@Arg('input', INPUT) input: EndCrossAppointmentInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'appointment', CrossAppointmentSpec, await engagementService.endAppointment(ctx, input));
  }

  @Mutation(() => PublishServiceOfferPayload, { description: 'Publishes a project or service for reporting members to claim.' })
  async publishServiceOffer(@Arg('input', INPUT) input: PublishServiceOfferInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'offer', ServiceOfferSpec, await engagementService.publish(ctx, input));
  }

  @Mutation(() => CloseServiceOfferPayload, { description: 'Closes an offer to further claims.' })
  async closeServiceOffer(@Arg('input', INPUT) input: CloseServiceOfferInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'offer', ServiceOfferSpec, await engagementService.close(ctx, input));
  }

  @Mutation(() => ClaimServiceOfferPayload, { description: 'Records a reporting member’s claim of an offer (认领).' })
  async claimServiceOffer(@Arg('input', INPUT) input: ClaimServiceOfferInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'claim', ServiceClaimSpec, await engagementService.claim(ctx, input));
  }

  @Mutation(() => CompleteServiceClaimPayload, { description: 'Records that a claim is done, with minutes and outcome.' })
  async completeServiceClaim(@Arg('input', INPUT) input: CompleteServiceClaimInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'claim', ServiceClaimSpec, await engagementService.complete(ctx, input));
  }

  @Mutation(() => RecordReportingRelationPayload, { description: 'Records a reporting member’s home branch on the platform (双报到).' })
  async recordReportingRelation(@Arg('input', INPUT) input: RecordReportingRelationInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'relation', ReportingRelationSpec, await engagementService.recordRelation(ctx, input));
  }

  @Mutation(() => EndReportingRelationPayload, { description: 'Ends a reporting relation.' })
  async endReportingRelation(@Arg('input', INPUT) input: EndReportingRelationInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'relation', ReportingRelationSpec, await engagementService.endRelation(ctx, input));
  }

  @Mutation(() => UpdateMyMemberProfilePayload, {
    description: 'Writes the caller’s own public profile as a party member, and what of it residents see.',
  })
  async updateMyMemberProfile(@Arg('input', INPUT) input: UpdateMyMemberProfileInput, @Ctx() ctx: RequestContext) {
    return payloadOf(ctx, 'profile', MemberProfileSpec, await engagementService.updateMine(ctx, input));
  }

  @Query(() => MemberProfileType, { nullable: true, description: 'The caller’s own public profile as a party member (null: none yet).' })
  async myMemberProfile(@Ctx() ctx: RequestContext) {
    const principal = ctx.principal;
    if (principal.kind !== 'user' || principal.personId === null) return null;
    const rows = await ctx.loaders.allBy(MemberProfileSpec, 'person_id').load(principal.personId);
    return rows[0] ?? null;
  }
}

@Resolver(() => CompoundType)
export class CompoundEngagementResolver {
  @FieldResolver(() => [CrossAppointmentType], { description: 'Cross-appointments (交叉任职) for this compound, past ones included.' })
  crossAppointments(@Root() compound: CompoundRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(CrossAppointmentSpec, 'compound_id', 't.started_on, t.id').load(compound.pk);
  }

  @FieldResolver(() => [PublicMemberProfileType], {
    description: 'The public profiles of the party members living here (亮身份、亮职责、亮承诺): the fields each member shows.',
  })
  memberProfiles(@Root() compound: CompoundRow, @Ctx() ctx: RequestContext) {
    return publicProfiles(ctx).load(compound.pk);
  }
}

@Resolver(() => CompoundBranchType)
export class BranchEngagementResolver {
  @FieldResolver(() => [ReportedServiceClaimType], {
    description:
      'Claims this branch’s members made while reporting in other communities (双报到), through their reporting relations; read-only.',
  })
  reportedServiceClaims(@Root() branch: CompoundBranchRow, @Ctx() ctx: RequestContext) {
    return reportedClaims(ctx).load(branch.pk);
  }
}

@Resolver(() => PartyMembershipType)
export class MembershipEngagementResolver {
  @FieldResolver(() => [ServiceClaimType], { description: 'The member’s claims here (for reporting members).' })
  serviceClaims(@Root() membership: PartyMembershipRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(ServiceClaimSpec, 'membership_id', 't.claimed_on, t.id').load(membership.pk);
  }

  @FieldResolver(() => [ReportingRelationType], { description: 'The member’s home branches on record (双报到), past ones included.' })
  reportingRelations(@Root() membership: PartyMembershipRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(ReportingRelationSpec, 'membership_id', 't.recorded_on, t.id').load(membership.pk);
  }
}

@Resolver(() => CrossAppointmentType)
export class CrossAppointmentResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: 'The name of whoever holds the post, for the community’s own people (a public office; the person’s record is `person`).',
  })
  holderName(@Root() row: CrossAppointmentRow, @Ctx() ctx: RequestContext) {
    return holderNames(ctx).load(row.pk);
  }

  @FieldResolver(() => PersonType, { nullable: true, description: 'The person in the post.' })
  person(@Root() row: CrossAppointmentRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, row.personId);
  }

  @FieldResolver(() => CompoundType, { nullable: true, description: 'The compound; null for a post over the whole community.' })
  compound(@Root() row: CrossAppointmentRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundSpec, row.compoundId);
  }
}

@Resolver(() => ServiceOfferType)
export class ServiceOfferResolver {
  @FieldResolver(() => CompoundType, { nullable: true, description: 'The compound; null for a community-wide offer.' })
  compound(@Root() row: ServiceOfferRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundSpec, row.compoundId);
  }

  @FieldResolver(() => [ServiceClaimType], { description: 'Claims of this offer, oldest first.' })
  claims(@Root() row: ServiceOfferRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(ServiceClaimSpec, 'offer_id', 't.claimed_on, t.id').load(row.pk);
  }
}

@Resolver(() => ServiceClaimType)
export class ServiceClaimResolver {
  @FieldResolver(() => ServiceOfferType, { nullable: true, description: 'The offer claimed.' })
  offer(@Root() row: ServiceClaimRow, @Ctx() ctx: RequestContext) {
    return related(ctx, ServiceOfferSpec, row.offerId);
  }

  @FieldResolver(() => PartyMembershipType, { nullable: true, description: 'The reporting membership it was claimed through.' })
  membership(@Root() row: ServiceClaimRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PartyMembershipSpec, row.membershipId);
  }
}

@Resolver(() => ReportingRelationType)
export class ReportingRelationResolver {
  @FieldResolver(() => ID, { description: 'The home branch (another community’s; this community does not read it).' })
  homeBranchId(@Root() row: ReportingRelationRow) {
    return toGlobalId('CompoundBranch', row.homeBranchId);
  }

  @FieldResolver(() => PartyMembershipType, { nullable: true, description: 'The reporting membership.' })
  membership(@Root() row: ReportingRelationRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PartyMembershipSpec, row.membershipId);
  }
}
