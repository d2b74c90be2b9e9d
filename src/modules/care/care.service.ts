import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { actorLabel } from '../../core/auth/principal';
import { registerUniqueConstraint } from '../../core/graphql/constraints';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { endDated } from '../../core/validation/ending';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { Community } from '../geography/community.entity';
import { PartyMembership } from '../organization/party-membership.entity';
import { Person } from '../people/person.entity';
import { Household } from '../places/household.entity';
import { CareError } from './care.errors';
import { DEFAULT_HELP_ITEMS } from './care-defaults';
import { CareHelpItem } from './care-help-item.entity';
import { CareLink } from './care-link.entity';
import { CareStaff } from './care-staff.entity';
import { CareVisit } from './care-visit.entity';
import type {
  AddCareHelpItemInput,
  AppointCareStaffInput,
  EndCareLinkInput,
  EndCareStaffInput,
  LinkCareHouseholdInput,
  RecordCareVisitInput,
  RetireCareHelpItemInput,
} from './care.inputs';

registerUniqueConstraint('care_link_active_unique', 'householdId', 'The household is already on this member’s card');
registerUniqueConstraint('care_staff_active_unique', 'personId', 'The person is already on the care staff');
registerUniqueConstraint('care_help_item_community_id_name_unique', 'name', 'The community already has a help item of this name');

/** A new community's list of help: the article's seven. */
export function defaultHelpItems(em: EntityManager, community: Community): void {
  DEFAULT_HELP_ITEMS.forEach((name, i) => em.create(CareHelpItem, { community, name, position: i + 1 }));
}

/** Care links, visits, the community's help items and care staff. */
export const careService = {
  link(ctx: RequestContext, input: LinkCareHouseholdInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const household = await findByGlobalId(em, Household, 'Household', input.householdId, 'householdId');
      const member = await findByGlobalId(em, Person, 'Person', input.memberId, 'memberId');
      if (member.community.id !== household.community.id)
        refuse('memberId', UserErrorCode.MISMATCH, 'The member is not of the household’s community');
      // A linkage card is a party member's: whoever is put on it gains a duty of care over the household.
      const membership = await em.findOne(PartyMembership, { person: member, community: household.community, endedOn: null });
      if (!membership) refuse('memberId', UserErrorCode.MISMATCH, 'The member is not a current party member of the household’s community');
      if (!household.vulnerabilityTags.includes(input.tag))
        refuse('tag', CareError.NOT_TAGGED, 'The household does not carry this special-group tag');
      const linkedOn = input.linkedOn ?? ctx.clock.today();
      if (input.consentedOn > linkedOn) refuse('consentedOn', UserErrorCode.DATE_ORDER, 'Consent comes before the link begins');
      const link = em.create(CareLink, {
        community: household.community,
        household,
        member,
        tag: input.tag,
        consentBy: input.consentBy,
        consentedOn: input.consentedOn,
        consentScope: input.consentScope,
        linkedOn,
      });
      await em.flush();
      return link.id;
    });
  },

  endLink(ctx: RequestContext, input: EndCareLinkInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const found = await findByGlobalId(em, CareLink, 'CareLink', input.linkId, 'linkId');
      const link = await em.findOneOrFail(CareLink, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      endDated(link, link.linkedOn, input.endedOn, 'linkId', 'link');
      link.endedReason = input.reason;
      await em.flush();
      return link.id;
    });
  },

  recordVisit(ctx: RequestContext, input: RecordCareVisitInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const link = await findByGlobalId(em, CareLink, 'CareLink', input.linkId, 'linkId');
      const item = await findByGlobalId(em, CareHelpItem, 'CareHelpItem', input.helpItemId, 'helpItemId');
      if (link.endedOn && input.visitedOn > link.endedOn) refuse('linkId', CareError.LINK_ENDED, 'The link had ended by then');
      if (input.visitedOn < link.linkedOn) refuse('visitedOn', UserErrorCode.DATE_ORDER, 'The visit is before the link began');
      if (item.community.id !== link.community.id) refuse('helpItemId', UserErrorCode.MISMATCH, 'The help item is of another community');
      if (item.retiredOn && item.retiredOn <= input.visitedOn) refuse('helpItemId', CareError.ITEM_RETIRED, 'The help item is retired');
      const visit = em.create(CareVisit, {
        community: link.community,
        link,
        helpItem: item,
        visitedOn: input.visitedOn,
        done: input.done,
        outcome: input.outcome,
        minutesSpent: input.minutesSpent,
        recordedBy: actorLabel(ctx.principal),
      });
      await em.flush();
      return visit.id;
    });
  },

  addHelpItem(ctx: RequestContext, input: AddCareHelpItemInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const community = await findByGlobalId(em, Community, 'Community', input.communityId, 'communityId');
      const last = await em.findOne(CareHelpItem, { community }, { orderBy: { position: 'desc' } });
      const item = em.create(CareHelpItem, { community, name: input.name, position: (last?.position ?? 0) + 1 });
      await em.flush();
      return item.id;
    });
  },

  retireHelpItem(ctx: RequestContext, input: RetireCareHelpItemInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const item = await findByGlobalId(em, CareHelpItem, 'CareHelpItem', input.helpItemId, 'helpItemId');
      if (item.retiredOn) refuse('helpItemId', UserErrorCode.ALREADY_ENDED, 'The help item is already retired');
      item.retiredOn = ctx.clock.today();
      await em.flush();
      return item.id;
    });
  },

  appointStaff(ctx: RequestContext, input: AppointCareStaffInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const community = await findByGlobalId(em, Community, 'Community', input.communityId, 'communityId');
      const person = await findByGlobalId(em, Person, 'Person', input.personId, 'personId');
      if (person.community.id !== community.id) refuse('personId', UserErrorCode.MISMATCH, 'The person is not of this community');
      const staff = em.create(CareStaff, { community, person, appointedOn: ctx.clock.today(), appointedBy: actorLabel(ctx.principal) });
      await em.flush();
      return staff.id;
    });
  },

  endStaff(ctx: RequestContext, input: EndCareStaffInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const staff = await findByGlobalId(em, CareStaff, 'CareStaff', input.careStaffId, 'careStaffId');
      if (staff.endedOn) refuse('careStaffId', UserErrorCode.ALREADY_ENDED, 'The appointment has already ended');
      staff.endedOn = ctx.clock.today();
      await em.flush();
      return staff.id;
    });
  },
};
