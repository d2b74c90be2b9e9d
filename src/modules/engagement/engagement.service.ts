import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { ForbiddenError } from '../../core/errors/errors';
import { registerUniqueConstraint } from '../../core/graphql/constraints';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { decodeGlobalId } from '../../core/ids/global-id';
import { endDated } from '../../core/validation/ending';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { Community } from '../geography/community.entity';
import { CompoundBranch } from '../organization/compound-branch.entity';
import { OrganizationRelation } from '../organization/organization.enums';
import { PartyMembership } from '../organization/party-membership.entity';
import { Person } from '../people/person.entity';
import { Compound } from '../places/compound.entity';
import { Household } from '../places/household.entity';
import { CrossAppointment } from './cross-appointment.entity';
import { EngagementError } from './engagement.errors';
import type {
  AppointCrossPostInput,
  ClaimServiceOfferInput,
  CloseServiceOfferInput,
  CompleteServiceClaimInput,
  EndCrossAppointmentInput,
  EndReportingRelationInput,
  PublishServiceOfferInput,
  RecordReportingRelationInput,
  UpdateMyMemberProfileInput,
} from './engagement.inputs';
import { MemberProfile } from './member-profile.entity';
import { ReportingRelation } from './reporting-relation.entity';
import { ServiceClaim } from './service-claim.entity';
import { ServiceOffer } from './service-offer.entity';

registerUniqueConstraint('service_claim_open_unique', 'offerId', 'The member has already claimed this offer and not finished it');
registerUniqueConstraint('reporting_relation_active_unique', 'membershipId', 'The member already has a current home branch on record');

/** A compound's or the community's: the place a post or an offer is for. */
async function placeOf(
  em: EntityManager,
  input: { communityId?: string | null; compoundId?: string | null },
): Promise<{ community: Community; compound: Compound | null }> {
  const compound = input.compoundId ? await findByGlobalId(em, Compound, 'Compound', input.compoundId, 'compoundId') : null;
  const community = input.communityId ? await findByGlobalId(em, Community, 'Community', input.communityId, 'communityId') : null;
  if (compound && community && compound.community.id !== community.id)
    refuse('compoundId', UserErrorCode.MISMATCH, 'The compound is not of this community');
  if (!compound && !community) refuse('compoundId', UserErrorCode.REQUIRED, 'Say which compound, or the community');
  if (compound?.archivedAt) refuse('compoundId', UserErrorCode.PARENT_ARCHIVED, 'The compound is archived');
  return { community: community ?? (await em.findOneOrFail(Community, compound!.community.id)), compound };
}

/** A current reporting (EXTERNAL) membership, or a refusal on `field`. */
async function reportingMembership(em: EntityManager, id: string, field: string): Promise<PartyMembership> {
  const membership = await findByGlobalId(em, PartyMembership, 'PartyMembership', id, field);
  if (membership.organizationRelation !== OrganizationRelation.EXTERNAL || membership.endedOn)
    refuse(field, EngagementError.NOT_A_REPORTING_MEMBER, 'Not a current reporting (EXTERNAL) membership');
  return membership;
}

/** Cross-appointments, offers and claims, reporting relations, members' profiles. */
export const engagementService = {
  appoint(ctx: RequestContext, input: AppointCrossPostInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const { community, compound } = await placeOf(em, input);
      const person = await findByGlobalId(em, Person, 'Person', input.personId, 'personId');
      if (person.community.id !== community.id) refuse('personId', UserErrorCode.MISMATCH, 'The person is not of this community');
      if (person.archivedAt) refuse('personId', UserErrorCode.ARCHIVED, 'The person is archived');
      const appointment = em.create(CrossAppointment, {
        community,
        compound,
        person,
        post: input.post,
        counterpart: input.counterpart,
        appointedBy: input.appointedBy,
        startedOn: input.startedOn ?? ctx.clock.today(),
      });
      await em.flush();
      return appointment.id;
    });
  },

  endAppointment(ctx: RequestContext, input: EndCrossAppointmentInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const appointment = await findByGlobalId(em, CrossAppointment, 'CrossAppointment', input.appointmentId, 'appointmentId');
      endDated(appointment, appointment.startedOn, input.endedOn ?? ctx.clock.today(), 'appointmentId', 'appointment');
      await em.flush();
      return appointment.id;
    });
  },

  publish(ctx: RequestContext, input: PublishServiceOfferInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const { community, compound } = await placeOf(em, input);
      const offer = em.create(ServiceOffer, {
        community,
        compound,
        kind: input.kind,
        title: input.title,
        description: input.description,
        publishedOn: ctx.clock.today(),
      });
      await em.flush();
      return offer.id;
    });
  },

  close(ctx: RequestContext, input: CloseServiceOfferInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const offer = await findByGlobalId(em, ServiceOffer, 'ServiceOffer', input.offerId, 'offerId');
      if (offer.closedOn) refuse('offerId', UserErrorCode.ALREADY_ENDED, 'The offer is already closed');
      const on = input.closedOn ?? ctx.clock.today();
      if (on < offer.publishedOn) refuse('closedOn', UserErrorCode.DATE_ORDER, `It was published on ${offer.publishedOn}`);
      offer.closedOn = on;
      await em.flush();
      return offer.id;
    });
  },

  claim(ctx: RequestContext, input: ClaimServiceOfferInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const offer = await findByGlobalId(em, ServiceOffer, 'ServiceOffer', input.offerId, 'offerId');
      const membership = await reportingMembership(em, input.membershipId, 'membershipId');
      if (membership.community.id !== offer.community.id)
        refuse('membershipId', UserErrorCode.MISMATCH, 'The member reports to another community than the offer’s');
      const claimedOn = input.claimedOn ?? ctx.clock.today();
      if (offer.closedOn && offer.closedOn < claimedOn) refuse('offerId', EngagementError.OFFER_CLOSED, 'The offer is closed');
      if (claimedOn < offer.publishedOn) refuse('claimedOn', UserErrorCode.DATE_ORDER, `The offer was published on ${offer.publishedOn}`);
      const claim = em.create(ServiceClaim, { community: offer.community, offer, membership, claimedOn });
      await em.flush();
      return claim.id;
    });
  },

  complete(ctx: RequestContext, input: CompleteServiceClaimInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const claim = await findByGlobalId(em, ServiceClaim, 'ServiceClaim', input.claimId, 'claimId');
      if (claim.completedOn) refuse('claimId', UserErrorCode.ALREADY_ENDED, 'The claim is already done');
      const on = input.completedOn ?? ctx.clock.today();
      if (on < claim.claimedOn) refuse('completedOn', UserErrorCode.DATE_ORDER, `It was claimed on ${claim.claimedOn}`);
      Object.assign(claim, { minutes: input.minutes, outcome: input.outcome, completedOn: on });
      await em.flush();
      return claim.id;
    });
  },

  /**
   * The home branch is another community's, which this caller cannot read: it is taken by ID as
   * the home branch's secretary gave it, and the foreign key alone checks it exists (a missing one
   * is NOT_FOUND, as for any reference).
   */
  recordRelation(ctx: RequestContext, input: RecordReportingRelationInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const membership = await reportingMembership(em, input.membershipId, 'membershipId');
      const home = decodeGlobalId(input.homeBranchId);
      if (home?.type !== 'CompoundBranch') refuse('homeBranchId', UserErrorCode.INVALID, 'Not the ID of a branch');
      const relation = em.create(ReportingRelation, {
        community: membership.community,
        membership,
        homeBranch: ref(CompoundBranch, home.pk),
        recordedOn: input.recordedOn ?? ctx.clock.today(),
      });
      await em.flush();
      return relation.id;
    });
  },

  endRelation(ctx: RequestContext, input: EndReportingRelationInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const relation = await findByGlobalId(em, ReportingRelation, 'ReportingRelation', input.relationId, 'relationId');
      endDated(relation, relation.recordedOn, input.endedOn ?? ctx.clock.today(), 'relationId', 'relation');
      await em.flush();
      return relation.id;
    });
  },

  /** The caller's own profile, created on first write; shown in the compound they live in. */
  updateMine(ctx: RequestContext, input: UpdateMyMemberProfileInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const principal = ctx.principal;
      const person = principal.kind === 'user' && principal.personId !== null ? await em.findOne(Person, { id: principal.personId }) : null;
      if (!person) throw new ForbiddenError();
      const member = await em.findOne(PartyMembership, { person, endedOn: null });
      if (!member) refuse('shown', EngagementError.NOT_A_PARTY_MEMBER, 'The caller is not a current party member');
      const household = person.household ? await em.findOne(Household, { id: person.household.id }) : null;
      if (!household) refuse('shown', EngagementError.NO_HOME_COMPOUND, 'The caller lives in no compound on record');
      let profile = await em.findOne(MemberProfile, { person });
      profile ??= em.create(MemberProfile, { community: person.community, person, compound: household.compound });
      for (const key of ['post', 'duties', 'pledge', 'responsibilityZone', 'pioneerPost'] as const) {
        if (input[key] !== undefined) profile[key] = input[key];
      }
      if (input.shown !== undefined && input.shown !== null) profile.shown = [...new Set(input.shown)];
      await em.flush();
      return profile.id;
    });
  },
};
