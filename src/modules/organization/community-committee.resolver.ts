import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, Info, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../context';
import { payloadOf } from '../../core/graphql/payload';
import { connection, related } from '../../core/graphql/relations';
import { ArchivablePageArgs } from '../../core/pagination/page-args';
import { CommunitySpec, type CommunityRow } from '../geography/community.loaders';
import { CommunityType } from '../geography/geography.types';
import { OfficeHolderType, officeHolder } from '../people/office-holder';
import { PersonType } from '../people/people.types';
import { PersonSpec } from '../people/person.loaders';
import { CommunityCommitteeSpec, type CommunityCommitteeRow } from './community-committee.loaders';
import { UpdateCommunityCommitteeInput, UpdateCommunityCommitteePayload } from './community-committee.inputs';
import { communityCommitteeService } from './community-committee.service';
import { CompoundBranchSpec } from './compound-branch.loaders';
import { communityPartyMemberCounts } from './figures.loaders';
import { BranchKind } from './organization.enums';
import { CommunityCommitteeType, CompoundBranchConnection } from './organization.types';

@ArgsType()
class BranchesArgs extends ArchivablePageArgs {
  @Field(() => BranchKind, { nullable: true, description: 'Only branches of this kind; all when absent.' })
  kind?: BranchKind | null;
}

/** What the organization adds to a community. */
@Resolver(() => CommunityType)
export class CommunityOrganizationResolver {
  @FieldResolver(() => CommunityCommitteeType, { nullable: true, description: 'The community committee (社区党委).' })
  committee(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return ctx.loaders.oneBy(CommunityCommitteeSpec, 'community_id').load(community.pk);
  }

  @FieldResolver(() => CompoundBranchConnection, { description: 'Compound branches and joint branches of the community.' })
  compoundBranches(
    @Root() community: CommunityRow,
    @Args() args: BranchesArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    const filter = args.kind ? { key: `k${args.kind}`, sql: 't.kind = $1', params: [args.kind] } : undefined;
    return connection(ctx, info, CompoundBranchConnection, CompoundBranchSpec, 'community_id', community.pk, args, filter);
  }

  @FieldResolver(() => Int, { description: 'Current party memberships recorded here, LOCAL and EXTERNAL.' })
  partyMemberCount(@Root() community: CommunityRow, @Ctx() ctx: RequestContext) {
    return communityPartyMemberCounts(ctx).load(community.pk);
  }
}

@Resolver(() => CommunityCommitteeType)
export class CommunityCommitteeResolver {
  @FieldResolver(() => CommunityType, { description: 'The community it governs.' })
  community(@Root() committee: CommunityCommitteeRow, @Ctx() ctx: RequestContext) {
    return related(ctx, CommunitySpec, committee.communityId);
  }

  @FieldResolver(() => PersonType, {
    nullable: true,
    description: "The secretary's record: for those with a duty of care for them (secretaryProfile is the public face).",
  })
  secretary(@Root() committee: CommunityCommitteeRow, @Ctx() ctx: RequestContext) {
    return related(ctx, PersonSpec, committee.secretaryId);
  }

  @FieldResolver(() => OfficeHolderType, {
    nullable: true,
    description: 'The secretary’s public face: name, post, plate duties and pledge.',
  })
  secretaryProfile(@Root() committee: CommunityCommitteeRow, @Ctx() ctx: RequestContext) {
    return officeHolder(ctx, committee.secretaryId, `${committee.name}书记`);
  }

  @FieldResolver(() => CompoundBranchConnection, { description: 'The branches under this committee.' })
  branches(
    @Root() committee: CommunityCommitteeRow,
    @Args() args: ArchivablePageArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ) {
    return connection(ctx, info, CompoundBranchConnection, CompoundBranchSpec, 'committee_id', committee.pk, args);
  }

  @Mutation(() => UpdateCommunityCommitteePayload, { description: "Changes a community committee's details (居委会)." })
  async updateCommunityCommittee(
    @Arg('input', { description: "The mutation's input: one object, so fields can be added without breaking callers." })
    input: UpdateCommunityCommitteeInput,
    @Ctx() ctx: RequestContext,
  ) {
    return payloadOf(ctx, 'committee', CommunityCommitteeSpec, await communityCommitteeService.update(ctx, input));
  }
}
