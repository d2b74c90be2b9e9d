import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { BadUserInputError } from '../../core/errors/errors';
import { payloadOf } from '../../core/graphql/payload';
import { connection, related } from '../../core/graphql/relations';
import { DateScalar } from '../../core/graphql/scalars';
import { ConnectionType } from '../../core/pagination/connection';
import { PageArgs } from '../../core/pagination/page-args';
import type { CommunityRow } from '../geography/community.loaders';
import { CommunityType } from '../geography/geography.types';
import type { CompoundBranchRow } from '../organization/compound-branch.loaders';
import { CompoundBranchType } from '../organization/organization.types';
import { PersonSpec, type PersonRow } from '../people/person.loaders';
import { PersonType } from '../people/people.types';
import { CompoundSpec } from '../places/compound.loaders';
import { HouseholdSpec, type HouseholdRow } from '../places/household.loaders';
import { CompoundType, HouseholdType } from '../places/places.types';
import {
  AddCareHelpItemInput,
  AppointCareStaffInput,
  AddCareHelpItemPayload,
  RetireCareHelpItemPayload,
  EndCareLinkPayload,
  LinkCareHouseholdPayload,
  AppointCareStaffPayload,
  EndCareStaffPayload,
  RecordCareVisitPayload,
  EndCareLinkInput,
  EndCareStaffInput,
  LinkCareHouseholdInput,
  RecordCareVisitInput,
  RetireCareHelpItemInput,
} from './care.inputs';
import {
  careFigures,
  coverage,
  CareHelpItemSpec,
  CareLinkSpec,
  CareStaffSpec,
  CareVisitSpec,
  type CareLinkRow,
  type CareStaffRow,
  type CareVisitRow,
} from './care.loaders';
import { careService } from './care.service';
import {
  CareCompoundCountType,
  CareCoverageType,
  CareHelpItemType,
  CareLinkType,
  CareMonthType,
  CareStaffType,
  CareVisitType,
} from './care.types';

export const CareVisitConnection = ConnectionType<CareVisitRow>(CareVisitType, 'CareVisit');

const LINK_ORDER = 't.ended_on is not null, t.linked_on, t.id';

/** Coverage of a scope (a community's place path or a branch's organization path) from its tagged households. */
async function coverageOf(ctx: RequestContext, path: string): Promise<CareCoverageType> {
  const rows = await coverage(ctx).load(path);
  const byCompound = new Map<number, CareCompoundCountType>();
  for (const r of rows) {
    const c = byCompound.get(r.compoundId) ?? { compoundId: r.compoundId, tagged: 0, linked: 0, uncovered: 0 };
    c.tagged++;
    if (r.linked) c.linked++;
    else c.uncovered++;
    byCompound.set(r.compoundId, c);
  }
  const linked = rows.filter((r) => r.linked).length;
  return {
    householdIds: rows.filter((r) => !r.linked).map((r) => r.householdId),
    compounds: [...byCompound.values()],
    tagged: rows.length,
    linked,
    share: rows.length ? Math.round((linked / rows.length) * 10_000) / 10_000 : null,
  };
}

@Resolver(() => CommunityType)
export class CommunityCareResolver {
  @FieldResolver(() => [CareHelpItemType], {
    description: 'The kinds of help on the community’s linkage cards, in card order (retired ones too).',
  })
  careHelpItems(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(CareHelpItemSpec, 'community_id', 't.position, t.id').load(community.pk);
  }

  @FieldResolver(() => CareCoverageType, {
    description: 'Special-group households and which have no linked member (its care staff only: the list reveals who is vulnerable).',
  })
  careCoverage(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return coverageOf(ctx, community.path);
  }

  @FieldResolver(() => [CareStaffType], { description: 'Care-staff appointments, current and past.' })
  careStaff(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(CareStaffSpec, 'community_id', 't.ended_on is not null, t.id').load(community.pk);
  }

  @FieldResolver(() => [CareMonthType], {
    description:
      'Linkage activities per month from `from` to `to` (at most 36 months apart): visits, problems solved and passed on, minutes.',
  })
  careMonths(
    @Root() community: CommunityRow,
    @Arg('from', () => DateScalar, { description: 'First day counted.' }) from: string,
    @Arg('to', () => DateScalar, { description: 'Last day counted.' }) to: string,
    @Ctx() ctx: RequestContext,
  ) {
    if (to < from || Date.parse(to) - Date.parse(from) > 3 * 366 * 86_400_000)
      throw new BadUserInputError('from must not be after to, and at most 36 months before it');
    return careFigures(ctx, from, to).load(community.pk);
  }

  @Mutation(() => AddCareHelpItemPayload, { description: 'Adds a kind of help to the community’s linkage cards.' })
  async addCareHelpItem(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: AddCareHelpItemInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'helpItem', CareHelpItemSpec, await careService.addHelpItem(ctx, input));
  }

  @Mutation(() => RetireCareHelpItemPayload, { description: 'Retires a kind of help (past visits keep it).' })
  async retireCareHelpItem(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: RetireCareHelpItemInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'helpItem', CareHelpItemSpec, await careService.retireHelpItem(ctx, input));
  }

  @Mutation(() => AppointCareStaffPayload, {
    description: 'Appoints a person of the community to its care staff (a duty of care for its households).',
  })
  async appointCareStaff(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: AppointCareStaffInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'careStaff', CareStaffSpec, await careService.appointStaff(ctx, input));
  }

  @Mutation(() => EndCareStaffPayload, { description: 'Ends a care-staff appointment today.' })
  async endCareStaff(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: EndCareStaffInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'careStaff', CareStaffSpec, await careService.endStaff(ctx, input));
  }
}

@Resolver(() => CompoundBranchType)
export class BranchCareResolver {
  @FieldResolver(() => CareCoverageType, {
    description:
      'Special-group households under the branch and which have no linked member (its secretary and the community’s care staff only).',
  })
  careCoverage(@Root() branch: CompoundBranchRow, @Ctx() ctx: RequestContext) {
    return coverageOf(ctx, branch.path);
  }
}

@Resolver(() => CareCoverageType)
export class CareCoverageResolver {
  @FieldResolver(() => [HouseholdType], { description: 'The households without an active link (the coverage gap).' })
  async uncoveredHouseholds(@Root() cover: CareCoverageType, @Ctx() ctx: RequestContext) {
    const rows = await ctx.loaders.node(HouseholdSpec).loadMany(cover.householdIds);
    return rows.filter((r): r is HouseholdRow => !!r && !(r instanceof Error));
  }

  @FieldResolver(() => [CareCompoundCountType], { description: 'Counts per compound.' })
  compounds(@Root() cover: CareCoverageType) {
    return cover.compounds;
  }
}

@Resolver(() => CareCompoundCountType)
export class CareCompoundCountResolver {
  @FieldResolver(() => CompoundType, { nullable: true, description: 'The compound.' })
  compound(@Root() count: CareCompoundCountType, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundSpec, count.compoundId);
  }
}

@Resolver(() => PersonType)
export class PersonCareResolver {
  @FieldResolver(() => [CareLinkType], { description: 'The person’s linkage card: the households linked to them, active first.' })
  careLinks(@Root() person: PersonRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(CareLinkSpec, 'member_id', LINK_ORDER).load(person.pk);
  }
}

@Resolver(() => HouseholdType)
export class HouseholdCareResolver {
  @FieldResolver(() => [CareLinkType], { description: 'The party members linked to the household, active first.' })
  careLinks(@Root() household: HouseholdRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(CareLinkSpec, 'household_id', LINK_ORDER).load(household.pk);
  }
}

@Resolver(() => CareLinkType)
export class CareLinkResolver {
  @Query(() => [CareLinkType], { description: 'The caller’s own linkage card (none for callers who are not a person on record).' })
  myCareLinks(@Ctx() ctx: RequestContext) {
    const principal = ctx.principal;
    if (principal.kind !== 'user' || principal.personId === null) return [];
    return ctx.loaders.allBy(CareLinkSpec, 'member_id', LINK_ORDER).load(principal.personId);
  }

  @FieldResolver(() => HouseholdType, {
    nullable: true,
    description: 'The household linked (null where the caller may not see households).',
  })
  household(@Root() link: CareLinkRow, @Ctx() ctx: RequestContext) {
    return related(ctx, HouseholdSpec, link.householdId);
  }

  @FieldResolver(() => PersonType, {
    nullable: true,
    description: 'The party member holding the card (null where the caller may not see persons).',
  })
  member(@Root() link: CareLinkRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, link.memberId);
  }

  @FieldResolver(() => CareVisitConnection, { description: 'Visits and help given on the link, oldest first.' })
  visits(@Root() link: CareLinkRow, @Args() args: PageArgs, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo) {
    return connection(ctx, info, CareVisitConnection, CareVisitSpec, 'link_id', link.pk, args);
  }

  @Mutation(() => LinkCareHouseholdPayload, { description: 'Links a special-group household to a party member’s card, with its consent.' })
  async linkCareHousehold(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: LinkCareHouseholdInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'link', CareLinkSpec, await careService.link(ctx, input));
  }

  @Mutation(() => EndCareLinkPayload, { description: 'Ends a care link (its history stays).' })
  async endCareLink(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: EndCareLinkInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'link', CareLinkSpec, await careService.endLink(ctx, input));
  }
}

@Resolver(() => CareVisitType)
export class CareVisitResolver {
  @FieldResolver(() => CareLinkType, { nullable: true, description: 'The link the visit was made on.' })
  link(@Root() visit: CareVisitRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CareLinkSpec, visit.linkId);
  }

  @FieldResolver(() => CareHelpItemType, { nullable: true, description: 'The kind of help.' })
  helpItem(@Root() visit: CareVisitRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CareHelpItemSpec, visit.helpItemId);
  }

  @Mutation(() => RecordCareVisitPayload, { description: 'Records a visit or help given on a care link.' })
  async recordCareVisit(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: RecordCareVisitInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'visit', CareVisitSpec, await careService.recordVisit(ctx, input));
  }
}

@Resolver(() => CareStaffType)
export class CareStaffResolver {
  @FieldResolver(() => PersonType, { nullable: true, description: 'The person appointed.' })
  person(@Root() staff: CareStaffRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, staff.personId);
  }
}
