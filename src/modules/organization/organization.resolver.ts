import type { GraphQLResolveInfo } from 'graphql';
import { OfficeHolderType, officeHolder } from '../people/office-holder';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Info, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { payloadOf } from '../../core/graphql/payload';
import { connection, related } from '../../core/graphql/relations';
import { ArchivablePageArgs, ArchivedFilter, PageArgs } from '../../core/pagination/page-args';
import { CURRENT_MEMBERSHIP, PartyMembershipSpec } from './party-membership.loaders';
import { PersonType } from '../people/people.types';
import { PartyMembershipConnection } from './organization.types';
import { PersonSpec } from '../people/person.loaders';
import { BuildingSpec } from '../places/building.loaders';
import { CompoundSpec } from '../places/compound.loaders';
import { HouseholdSpec } from '../places/household.loaders';
import { BuildingConnection, CompoundConnection, CompoundType, HouseholdType } from '../places/places.types';
import { BuildingGroupSpec, type BuildingGroupRow } from './building-group.loaders';
import { CommunitySpec } from '../geography/community.loaders';
import { CommunityCommitteeSpec } from './community-committee.loaders';
import { CompoundBranchSpec, type CompoundBranchRow } from './compound-branch.loaders';
import { CompoundBranchAssignmentSpec, type CompoundBranchAssignmentRow } from './compound-branch-assignment.loaders';
import {
  AssignCompoundToBranchInput,
  AssignCompoundToBranchPayload,
  GraduateCompoundInput,
  GraduateCompoundPayload,
} from './coverage.inputs';
import { coverageService } from './coverage.service';
import {
  BuildingGroupConnection,
  BuildingGroupType,
  CommunityCommitteeType,
  CompoundBranchAssignmentType,
  CompoundBranchType,
  MemberHouseholdConnection,
  MemberHouseholdType,
} from './organization.types';
import { CommunityType } from '../geography/geography.types';
import {
  DesignateMemberHouseholdInput,
  DesignateMemberHouseholdPayload,
  UndesignateMemberHouseholdInput,
  UndesignateMemberHouseholdPayload,
  UpdateMemberHouseholdInput,
  UpdateMemberHouseholdPayload,
} from './member-household.inputs';
import { ACTIVE_DESIGNATION, MemberHouseholdSpec, type MemberHouseholdRow } from './member-household.loaders';
import { memberHouseholdService } from './member-household.service';
import {
  CreateBuildingGroupInput,
  CreateBuildingGroupPayload,
  CreateCompoundBranchInput,
  CreateCompoundBranchPayload,
  UpdateBuildingGroupInput,
  UpdateBuildingGroupPayload,
  UpdateCompoundBranchInput,
  UpdateCompoundBranchPayload,
} from './organization.inputs';
import { organizationService } from './organization.service';

@ArgsType()
class MembershipListArgs extends PageArgs {
  @Field({ defaultValue: false, description: 'Include memberships that have ended.' })
  includeEnded: boolean = false;
}

@ArgsType()
class DesignationListArgs extends PageArgs {
  @Field({ defaultValue: false, description: 'Include designations that have ended.' })
  includeEnded: boolean = false;
}

/** Member households reach their building group through their household's building. */
const BY_GROUP = {
  key: 'group',
  expr: 'b.group_id',
  joins: ' join household h on h.id = t.household_id join building b on b.id = h.building_id',
};

@Resolver(() => CompoundBranchType)
export class CompoundBranchResolver {
  @FieldResolver(() => CommunityType, { description: 'The community.' })
  community(@Root() branch: CompoundBranchRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CommunitySpec, branch.communityId);
  }

  @FieldResolver(() => CommunityCommitteeType, { description: 'The community committee it belongs to.' })
  committee(@Root() branch: CompoundBranchRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CommunityCommitteeSpec, branch.committeeId);
  }

  @FieldResolver(() => PersonType, {
    nullable: true,
    description: "The secretary's record: for those with a duty of care for them (secretaryProfile is the public face).",
  })
  secretary(@Root() branch: CompoundBranchRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, branch.secretaryId);
  }

  @FieldResolver(() => OfficeHolderType, {
    nullable: true,
    description: 'The secretary’s public face: name, post, plate duties and pledge.',
  })
  secretaryProfile(@Root() branch: CompoundBranchRow, @Ctx() ctx: RequestContext) {
    return officeHolder(ctx, branch.secretaryId, `${branch.name}书记`);
  }

  @FieldResolver(() => CompoundConnection, { description: 'The compounds this branch covers now (a joint branch covers several).' })
  compounds(
    @Root() branch: CompoundBranchRow,
    @Args() args: ArchivablePageArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return connection(ctx, info, CompoundConnection, CompoundSpec, 'branch_id', branch.pk, args);
  }

  @FieldResolver(() => [CompoundBranchAssignmentType], {
    description: 'Every compound this branch has covered, with the periods; oldest first.',
  })
  compoundHistory(@Root() branch: CompoundBranchRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.allBy(CompoundBranchAssignmentSpec, 'branch_id', 't.since, t.id').load(branch.pk);
  }

  @FieldResolver(() => BuildingGroupConnection, { description: 'Its building groups.' })
  buildingGroups(
    @Root() branch: CompoundBranchRow,
    @Args() args: ArchivablePageArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return connection(ctx, info, BuildingGroupConnection, BuildingGroupSpec, 'branch_id', branch.pk, args);
  }

  @FieldResolver(() => PartyMembershipConnection, { description: 'Party members registered with or reporting to this branch.' })
  partyMemberships(
    @Root() branch: CompoundBranchRow,
    @Args() args: MembershipListArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return connection(
      ctx,
      info,
      PartyMembershipConnection,
      PartyMembershipSpec,
      'branch_id',
      branch.pk,
      { ...args, archived: ArchivedFilter.ALL },
      args.includeEnded ? undefined : CURRENT_MEMBERSHIP,
    );
  }

  @Mutation(() => CreateCompoundBranchPayload, {
    description: 'Adds a party branch: a standalone compound branch or a joint branch of small compounds.',
  })
  async createCompoundBranch(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: CreateCompoundBranchInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'branch', CompoundBranchSpec, await organizationService.createBranch(ctx, input));
  }

  @Mutation(() => UpdateCompoundBranchPayload, { description: "Changes a branch's name, kind or secretary." })
  async updateCompoundBranch(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: UpdateCompoundBranchInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'branch', CompoundBranchSpec, await organizationService.updateBranch(ctx, input));
  }

  @Mutation(() => AssignCompoundToBranchPayload, {
    description: 'Puts a compound under another branch (or none) from a date; the history is kept.',
  })
  async assignCompoundToBranch(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: AssignCompoundToBranchInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'compound', CompoundSpec, await coverageService.assign(ctx, input));
  }

  @Mutation(() => GraduateCompoundPayload, {
    description:
      'Graduates a compound from its joint branch to a new standalone branch (成熟一个、独立一个), carrying its buildings, groups and LOCAL members along.',
  })
  async graduateCompound(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: GraduateCompoundInput,
    @Ctx() ctx: RequestContext,
  ) {
    const outcome = await coverageService.graduate(ctx, input);
    const ids = outcome.value;
    return {
      compound: ids ? await ctx.loaders.node(CompoundSpec).load(ids.compound) : null,
      branch: ids ? await ctx.loaders.node(CompoundBranchSpec).load(ids.branch) : null,
      userErrors: outcome.userErrors,
    };
  }
}

@Resolver(() => CompoundBranchAssignmentType)
export class CompoundBranchAssignmentResolver {
  @FieldResolver(() => CompoundType, { description: 'The compound.' })
  compound(@Root() assignment: CompoundBranchAssignmentRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundSpec, assignment.compoundId);
  }

  @FieldResolver(() => CompoundBranchType, { description: 'The branch.' })
  branch(@Root() assignment: CompoundBranchAssignmentRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundBranchSpec, assignment.branchId);
  }
}

@Resolver(() => BuildingGroupType)
export class BuildingGroupResolver {
  @FieldResolver(() => CompoundBranchType, { description: 'The branch the group belongs to.' })
  branch(@Root() group: BuildingGroupRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CompoundBranchSpec, group.branchId);
  }

  @FieldResolver(() => CommunityType, { description: 'The community it is in.' })
  community(@Root() group: BuildingGroupRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CommunitySpec, group.communityId);
  }

  @FieldResolver(() => PersonType, {
    nullable: true,
    description: "The leader's record: for those with a duty of care for them (leaderProfile is the public face).",
  })
  leader(@Root() group: BuildingGroupRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, group.leaderId);
  }

  @FieldResolver(() => OfficeHolderType, { nullable: true, description: 'The leader’s public face: name, post, plate duties and pledge.' })
  leaderProfile(@Root() group: BuildingGroupRow, @Ctx() ctx: RequestContext) {
    return officeHolder(ctx, group.leaderId, `${group.name}组长`);
  }

  @FieldResolver(() => BuildingConnection, { description: 'The buildings it covers.' })
  buildings(
    @Root() group: BuildingGroupRow,
    @Args() args: ArchivablePageArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return connection(ctx, info, BuildingConnection, BuildingSpec, 'group_id', group.pk, args);
  }

  @FieldResolver(() => MemberHouseholdConnection, { description: 'Member households in the buildings of this group.' })
  memberHouseholds(
    @Root() group: BuildingGroupRow,
    @Args() args: DesignationListArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return connection(
      ctx,
      info,
      MemberHouseholdConnection,
      MemberHouseholdSpec,
      BY_GROUP,
      group.pk,
      { ...args, archived: ArchivedFilter.ALL },
      args.includeEnded ? undefined : ACTIVE_DESIGNATION,
    );
  }

  @Mutation(() => CreateBuildingGroupPayload, { description: 'Adds a building group (楼栋党小组) under a branch.' })
  async createBuildingGroup(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: CreateBuildingGroupInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'buildingGroup', BuildingGroupSpec, await organizationService.createGroup(ctx, input));
  }

  @Mutation(() => UpdateBuildingGroupPayload, { description: "Changes a building group's name or leader." })
  async updateBuildingGroup(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: UpdateBuildingGroupInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'buildingGroup', BuildingGroupSpec, await organizationService.updateGroup(ctx, input));
  }
}

@Resolver(() => MemberHouseholdType)
export class MemberHouseholdResolver {
  @FieldResolver(() => HouseholdType, { description: 'The household.' })
  household(@Root() designation: MemberHouseholdRow, @Ctx() ctx: RequestContext) {
    return related(ctx, HouseholdSpec, designation.householdId);
  }

  @FieldResolver(() => BuildingGroupType, { nullable: true, description: 'The building group of the household’s building, if it has one.' })
  async buildingGroup(@Root() designation: MemberHouseholdRow, @Ctx() ctx: RequestContext) {
    const household = await ctx.loaders.node(HouseholdSpec).load(designation.householdId);
    const building = household && (await ctx.loaders.node(BuildingSpec).load(household.buildingId));
    return related(ctx, BuildingGroupSpec, building?.groupId);
  }

  @FieldResolver({ description: 'True until the designation is ended.' })
  active(@Root() designation: MemberHouseholdRow): boolean {
    return designation.undesignatedOn === null;
  }

  @Mutation(() => DesignateMemberHouseholdPayload, {
    description: 'Makes a household a member household (党员户), with its linked households.',
  })
  async designateMemberHousehold(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: DesignateMemberHouseholdInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'memberHousehold', MemberHouseholdSpec, await memberHouseholdService.designate(ctx, input));
  }

  @Mutation(() => UpdateMemberHouseholdPayload, { description: "Changes a member household's plate or the households it is linked to." })
  async updateMemberHousehold(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: UpdateMemberHouseholdInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'memberHousehold', MemberHouseholdSpec, await memberHouseholdService.update(ctx, input));
  }

  @Mutation(() => UndesignateMemberHouseholdPayload, { description: 'Ends a household being a member household.' })
  async undesignateMemberHousehold(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: UndesignateMemberHouseholdInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'memberHousehold', MemberHouseholdSpec, await memberHouseholdService.undesignate(ctx, input));
  }
}
