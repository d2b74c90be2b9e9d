import { LockMode } from '@mikro-orm/core';
import type { RequestContext } from '../../context';
import { actorLabel } from '../../core/auth/principal';
import { registerUniqueConstraint } from '../../core/graphql/constraints';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { Community } from '../geography/community.entity';
import { Compound } from '../places/compound.entity';
import { Household } from '../places/household.entity';
import { PropertyCompany } from './property-company.entity';
import { monthStart, quarterEnd, quarterStart } from '../../core/time/calendar';
import { ServiceEvaluation } from './service-evaluation.entity';
import { ServiceItem } from './service-item.entity';
import { ServiceList } from './service-list.entity';
import { ServiceObjection } from './service-objection.entity';
import { ServiceProvider } from './services.enums';
import type {
  AnswerServiceObjectionInput,
  CreatePropertyCompanyInput,
  EvaluateServiceInput,
  PublishServiceListInput,
  RaiseServiceObjectionInput,
} from './services.inputs';
import { ServicesError } from './services.errors';

registerUniqueConstraint('property_company_community_id_name_unique', 'name', 'A property company with this name is already on record');
registerUniqueConstraint('service_list_compound_id_month_unique', 'month', "This month's service list is already published");
// Two first evaluations of one household, quarter and item at once: the later insert meets the
// earlier one's row in the unique index (it was not there to update when read).
registerUniqueConstraint(
  'service_evaluation_once',
  'quarter',
  "The household's evaluation was recorded at the same moment by another request; send yours again to change it",
);

/** Service lists, objections and quarterly evaluations. */
export const servicesService = {
  createPropertyCompany(ctx: RequestContext, input: CreatePropertyCompanyInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const community = await findByGlobalId(em, Community, 'Community', input.communityId, 'communityId');
      const company = em.create(PropertyCompany, { community, name: input.name });
      await em.flush();
      return company.id;
    });
  },

  publishList(ctx: RequestContext, input: PublishServiceListInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const compound = await findByGlobalId(em, Compound, 'Compound', input.compoundId, 'compoundId');
      if (!input.items.length) refuse('items', UserErrorCode.REQUIRED, 'A service list has at least one item');
      let company: PropertyCompany | null = null;
      if (input.provider === ServiceProvider.PROPERTY_COMPANY) {
        if (!input.propertyCompanyId) refuse('propertyCompanyId', UserErrorCode.REQUIRED, 'Name the property company');
        company = await findByGlobalId(em, PropertyCompany, 'PropertyCompany', input.propertyCompanyId, 'propertyCompanyId');
      } else if (input.propertyCompanyId) {
        refuse('propertyCompanyId', UserErrorCode.INVALID, 'A list the committee provides names no company');
      }
      const list = em.create(ServiceList, {
        community: compound.community,
        compound,
        month: monthStart(input.month),
        provider: input.provider,
        propertyCompany: company,
        publishedBy: actorLabel(ctx.principal),
      });
      for (const item of input.items) {
        em.create(ServiceItem, {
          community: compound.community,
          list,
          title: item.title,
          description: item.description ?? null,
          schedule: item.schedule ?? null,
        });
      }
      await em.flush();
      return list.id;
    });
  },

  /**
   * Residents may object to any item of a list whose quarter is still open, at any time in it. An
   * objection counts against its list's quarter, so one raised after the quarter closed would change
   * a closed quarter's rating and flags (and the figures' roll-up): refused as QUARTER_CLOSED.
   */
  raiseObjection(ctx: RequestContext, input: RaiseServiceObjectionInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const item = await findByGlobalId(em, ServiceItem, 'ServiceItem', input.itemId, 'itemId');
      const household = await findByGlobalId(em, Household, 'Household', input.householdId, 'householdId');
      const list = await em.findOneOrFail(ServiceList, { id: item.list.id });
      if (household.compound.id !== list.compound.id)
        refuse('householdId', UserErrorCode.MISMATCH, "The household does not live in the item's compound");
      const quarter = quarterStart(list.month);
      if (quarterEnd(quarter) <= ctx.clock.today())
        refuse(
          'itemId',
          ServicesError.QUARTER_CLOSED,
          `The quarter starting ${quarter} has closed and its rating with it; object to an item of a current list`,
        );
      const objection = em.create(ServiceObjection, {
        community: item.community,
        item,
        household,
        text: input.text,
        raisedBy: actorLabel(ctx.principal),
      });
      await em.flush();
      return objection.id;
    });
  },

  /**
   * Answers an objection, once: the rating counts an objection as answered by when it was answered,
   * so answering again (a later answeredAt) would turn it unanswered in a closed quarter. The row is
   * locked so two answers at once meet one after the other; a trigger holds the rule for every writer.
   */
  answerObjection(ctx: RequestContext, input: AnswerServiceObjectionInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const found = await findByGlobalId(em, ServiceObjection, 'ServiceObjection', input.objectionId, 'objectionId');
      const objection = await em.findOneOrFail(ServiceObjection, { id: found.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
      if (objection.answeredAt)
        refuse(
          'objectionId',
          ServicesError.ALREADY_ANSWERED,
          `The objection was answered at ${objection.answeredAt.toISOString()}; an answer is given once`,
        );
      objection.answer = input.answer;
      objection.answeredBy = actorLabel(ctx.principal);
      objection.answeredAt = ctx.clock.now();
      await em.flush();
      return objection.id;
    });
  },

  /** Once per household, quarter and item (or overall); changed in place until the quarter closes. */
  evaluate(ctx: RequestContext, input: EvaluateServiceInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const household = await findByGlobalId(em, Household, 'Household', input.householdId, 'householdId');
      const quarter = quarterStart(input.quarter);
      const today = ctx.clock.today();
      if (quarterEnd(quarter) <= today)
        refuse('quarter', ServicesError.QUARTER_CLOSED, `The evaluation of the quarter starting ${quarter} has closed`);
      if (quarter > today)
        refuse('quarter', ServicesError.QUARTER_CLOSED, `The evaluation of the quarter starting ${quarter} has not opened`);
      let item: ServiceItem | null = null;
      if (input.itemId) {
        item = await findByGlobalId(em, ServiceItem, 'ServiceItem', input.itemId, 'itemId');
        const list = await em.findOneOrFail(ServiceList, { id: item.list.id });
        if (list.compound.id !== household.compound.id || list.month < quarter || list.month >= quarterEnd(quarter)) {
          refuse('itemId', UserErrorCode.MISMATCH, "The item is not on one of this quarter's lists of the household's compound");
        }
      }
      let evaluation = await em.findOne(ServiceEvaluation, { household, quarter, item: item ? item.id : null });
      if (evaluation) {
        evaluation.score = input.score;
        if (input.comment !== undefined) evaluation.comment = input.comment;
      } else {
        evaluation = em.create(ServiceEvaluation, {
          community: household.community,
          compound: household.compound,
          household,
          quarter,
          item,
          score: input.score,
          comment: input.comment ?? null,
        });
      }
      await em.flush();
      return evaluation.id;
    });
  },
};
