import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { payloadOf } from '../../core/graphql/payload';
import { related } from '../../core/graphql/relations';
import { DateScalar } from '../../core/graphql/scalars';
import type { CommunityRow } from '../geography/community.loaders';
import { CommunityType } from '../geography/geography.types';
import { HouseholdSpec, type HouseholdRow } from '../places/household.loaders';
import { CompoundSpec, type CompoundRow } from '../places/compound.loaders';
import { CompoundType, HouseholdType } from '../places/places.types';
import { previousQuarter, quarterStart } from '../../core/time/calendar';
import { communityRanking, type RatingRow } from './rating';
import {
  AnswerServiceObjectionInput,
  CreatePropertyCompanyInput,
  EvaluateServiceInput,
  CreatePropertyCompanyPayload,
  PublishServiceListInput,
  RaiseServiceObjectionInput,
  EvaluateServicePayload,
  PublishServiceListPayload,
  AnswerServiceObjectionPayload,
  RaiseServiceObjectionPayload,
} from './services.inputs';
import {
  PropertyCompanySpec,
  ServiceEvaluationSpec,
  ServiceItemSpec,
  ServiceListSpec,
  ServiceObjectionSpec,
  type PropertyCompanyRow,
  type ServiceEvaluationRow,
  type ServiceItemRow,
  type ServiceListRow,
  type ServiceObjectionRow,
} from './services.loaders';
import { servicesService } from './services.service';
import {
  PropertyCompanyRatingType,
  PropertyCompanyType,
  ServiceEvaluationType,
  ServiceItemType,
  ServiceListType,
  ServiceObjectionType,
} from './services.types';

/** The last `count` quarters up to the one containing today, oldest first. */
function recentQuarters(today: string, count: number): string[] {
  const out: string[] = [];
  let q = quarterStart(today);
  for (let i = 0; i < count; i++) {
    out.unshift(q);
    q = previousQuarter(q);
  }
  return out;
}

@Resolver(() => CommunityType)
export class CommunityServicesResolver {
  @FieldResolver(() => [PropertyCompanyRatingType], {
    description: "The compounds' service in a quarter, best first (unrated last): the red and yellow flags.",
  })
  serviceRanking(
    @Root() community: CommunityRow,
    @Arg('quarter', () => DateScalar, { description: 'Any day of the quarter.' }) quarter: string,
    @Ctx() ctx: RequestContext,
  ) {
    return communityRanking(ctx, community.pk, quarterStart(quarter));
  }

  @FieldResolver(() => [PropertyCompanyType], { description: 'Property companies recorded by the community.' })
  propertyCompanies(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(PropertyCompanySpec, 'community_id', 't.name, t.id').load(community.pk);
  }

  @Mutation(() => CreatePropertyCompanyPayload, {
    description: 'Records a property company that can manage compounds and provide services.',
  })
  async createPropertyCompany(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: CreatePropertyCompanyInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'propertyCompany', PropertyCompanySpec, await servicesService.createPropertyCompany(ctx, input));
  }
}

@Resolver(() => CompoundType)
export class CompoundServicesResolver {
  @FieldResolver(() => [ServiceListType], { description: 'Monthly service lists, newest first (at most 24).' })
  async serviceLists(@Root() compound: CompoundRow, @Ctx() ctx: RequestContext) {
    const all = await ctx.loaders.allBy(ServiceListSpec, 'compound_id', 't.month desc').load(compound.pk);
    return all.slice(0, 24);
  }

  @FieldResolver(() => PropertyCompanyRatingType, {
    nullable: true,
    description: "The quarter's service rating of the compound (null: no service list that quarter).",
  })
  async serviceRating(
    @Root() compound: CompoundRow,
    @Arg('quarter', () => DateScalar, { description: 'The first day of the quarter.' }) quarter: string,
    @Ctx() ctx: RequestContext,
  ) {
    const ranking = await communityRanking(ctx, compound.communityId, quarterStart(quarter));
    return ranking.find((r) => r.compoundId === compound.pk) ?? null;
  }

  @Mutation(() => PublishServiceListPayload, { description: "Publishes a month's service list with its items." })
  async publishServiceList(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: PublishServiceListInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'serviceList', ServiceListSpec, await servicesService.publishList(ctx, input));
  }
}

@Resolver(() => HouseholdType)
export class HouseholdServicesResolver {
  @FieldResolver(() => [ServiceEvaluationType], { description: "The household's own evaluations of a quarter." })
  async serviceEvaluations(
    @Root() household: HouseholdRow,
    @Arg('quarter', () => DateScalar, { description: 'The first day of the quarter.' }) quarter: string,
    @Ctx() ctx: RequestContext,
  ) {
    const all = await ctx.loaders.allBy(ServiceEvaluationSpec, 'household_id').load(household.pk);
    const q = quarterStart(quarter);
    return all.filter((e) => e.quarter === q);
  }

  @Mutation(() => EvaluateServicePayload, {
    description:
      "Rates an item, or the service overall, for the household's quarter (1–5); rating again changes it until the quarter closes.",
  })
  async evaluateService(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: EvaluateServiceInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'evaluation', ServiceEvaluationSpec, await servicesService.evaluate(ctx, input));
  }
}

@Resolver(() => PropertyCompanyType)
export class PropertyCompanyResolver {
  @FieldResolver(() => [PropertyCompanyRatingType], {
    description: "The company's ratings, compound by compound, over the last quarters (oldest first).",
  })
  async ratings(
    @Root() company: PropertyCompanyRow,
    @Arg('quarters', () => Int, { defaultValue: 4, description: 'How many quarters back (at most 12).' }) quarters: number,
    @Ctx() ctx: RequestContext,
  ) {
    const list = recentQuarters(ctx.clock.today(), Math.min(Math.max(quarters, 1), 12));
    const rankings = await Promise.all(list.map((q) => communityRanking(ctx, company.communityId, q)));
    return rankings.flat().filter((r) => r.propertyCompanyId === company.pk);
  }
}

@Resolver(() => PropertyCompanyRatingType)
export class PropertyCompanyRatingResolver {
  @FieldResolver(() => CompoundType, { description: 'The compound rated.' })
  compound(@Root() rating: RatingRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundSpec, rating.compoundId);
  }

  @FieldResolver(() => PropertyCompanyType, { nullable: true, description: 'Null when the committee provided the service itself.' })
  propertyCompany(@Root() rating: RatingRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PropertyCompanySpec, rating.propertyCompanyId);
  }
}

@Resolver(() => ServiceListType)
export class ServiceListResolver {
  @FieldResolver(() => CompoundType, { description: 'The compound.' })
  compound(@Root() list: ServiceListRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundSpec, list.compoundId);
  }

  @FieldResolver(() => PropertyCompanyType, { description: 'The company providing them, if one does.', nullable: true })
  propertyCompany(@Root() list: ServiceListRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PropertyCompanySpec, list.propertyCompanyId);
  }

  @FieldResolver(() => [ServiceItemType], { description: 'The services listed.' })
  items(@Root() list: ServiceListRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(ServiceItemSpec, 'list_id').load(list.pk);
  }
}

@Resolver(() => ServiceItemType)
export class ServiceItemResolver {
  @FieldResolver(() => ServiceListType, { description: "The month's list it is on." })
  list(@Root() item: ServiceItemRow, @Ctx() ctx: RequestContext) {
    return related(ctx, ServiceListSpec, item.listId);
  }

  @FieldResolver(() => [ServiceObjectionType], { description: 'Objections with their answers, oldest first.' })
  objections(@Root() item: ServiceItemRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(ServiceObjectionSpec, 'item_id').load(item.pk);
  }

  @Mutation(() => RaiseServiceObjectionPayload, { description: 'A resident objects to a service item (at any time).' })
  async raiseServiceObjection(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: RaiseServiceObjectionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'objection', ServiceObjectionSpec, await servicesService.raiseObjection(ctx, input));
  }
}

@Resolver(() => ServiceObjectionType)
export class ServiceObjectionResolver {
  @FieldResolver(() => ServiceItemType, { description: 'The service item objected to.' })
  item(@Root() objection: ServiceObjectionRow, @Ctx() ctx: RequestContext) {
    return related(ctx, ServiceItemSpec, objection.itemId);
  }

  @FieldResolver(() => HouseholdType, { description: 'The objecting household (for those who read households).' })
  household(@Root() objection: ServiceObjectionRow, @Ctx() ctx: RequestContext) {
    return related(ctx, HouseholdSpec, objection.householdId);
  }

  @Mutation(() => AnswerServiceObjectionPayload, { description: "The provider's answer to an objection." })
  async answerServiceObjection(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: AnswerServiceObjectionInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'objection', ServiceObjectionSpec, await servicesService.answerObjection(ctx, input));
  }
}

@Resolver(() => ServiceEvaluationType)
export class ServiceEvaluationResolver {
  @FieldResolver(() => ServiceItemType, { nullable: true, description: 'Null: the service overall.' })
  item(@Root() evaluation: ServiceEvaluationRow, @Ctx() ctx: RequestContext) {
    return related(ctx, ServiceItemSpec, evaluation.itemId);
  }
}
