import type { RequestContext } from '../../context';
import { registerUniqueConstraint } from '../../core/graphql/constraints';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { Household } from '../places/household.entity';
import { PartyMembership } from './party-membership.entity';
import { MemberHousehold } from './member-household.entity';
import type { DesignateMemberHouseholdInput, UndesignateMemberHouseholdInput, UpdateMemberHouseholdInput } from './member-household.inputs';
import { OrganizationError } from './organization.errors';

registerUniqueConstraint('member_household_active_unique', 'householdId', 'The household is already a member household');

/** 党员中心户: designation, its public statements, and un-designation (the record stays). */
export const memberHouseholdService = {
  /** Designates a household with a current party member as a member household. */
  designate(ctx: RequestContext, input: DesignateMemberHouseholdInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const household = await findByGlobalId(em, Household, 'Household', input.householdId, 'householdId');
      if (household.archivedAt) refuse('householdId', UserErrorCode.ARCHIVED, 'The household is archived');
      if (await em.count(MemberHousehold, { household, undesignatedOn: null })) {
        refuse('householdId', OrganizationError.ALREADY_DESIGNATED, 'The household is already a member household');
      }
      const members = await em.count(PartyMembership, { endedOn: null, person: { household, archivedAt: null } });
      if (members === 0) refuse('householdId', OrganizationError.NO_PARTY_MEMBER, 'No current party member lives in this household');
      const designation = em.create(MemberHousehold, {
        community: household.community,
        household,
        designatedOn: input.designatedOn ?? ctx.clock.today(),
        displaysPlate: input.displaysPlate ?? true,
        duties: input.duties ?? null,
        pledge: input.pledge ?? null,
        specialties: input.specialties ?? null,
      });
      await em.flush();
      return designation.id;
    });
  },

  /** Changes what a member household shows publicly. */
  update(ctx: RequestContext, input: UpdateMemberHouseholdInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const designation = await findByGlobalId(em, MemberHousehold, 'MemberHousehold', input.id, 'id');
      if (designation.undesignatedOn) refuse('id', UserErrorCode.ALREADY_ENDED, 'The designation has ended');
      if (input.displaysPlate !== undefined && input.displaysPlate !== null) designation.displaysPlate = input.displaysPlate;
      if (input.duties !== undefined) designation.duties = input.duties;
      if (input.pledge !== undefined) designation.pledge = input.pledge;
      if (input.specialties !== undefined) designation.specialties = input.specialties;
      await em.flush();
      return designation.id;
    });
  },

  /** Ends a designation on a date; the record and its history stay readable. */
  undesignate(ctx: RequestContext, input: UndesignateMemberHouseholdInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const designation = await findByGlobalId(em, MemberHousehold, 'MemberHousehold', input.id, 'id');
      if (designation.undesignatedOn) refuse('id', UserErrorCode.ALREADY_ENDED, 'The designation has already ended');
      const on = input.undesignatedOn ?? ctx.clock.today();
      if (on < designation.designatedOn)
        refuse('undesignatedOn', UserErrorCode.DATE_ORDER, `The designation began on ${designation.designatedOn}`);
      designation.undesignatedOn = on;
      await em.flush();
      return designation.id;
    });
  },
};
