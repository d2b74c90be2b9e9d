import type { RequestContext } from '../../context';
import { registerUniqueConstraint } from '../../core/graphql/constraints';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { BuildingGroup } from './building-group.entity';
import { Community } from '../geography/community.entity';
import { CommunityCommittee } from './community-committee.entity';
import { personOfCommunity } from './community-person';
import { CompoundBranch } from './compound-branch.entity';
import type {
  CreateBuildingGroupInput,
  CreateCompoundBranchInput,
  UpdateBuildingGroupInput,
  UpdateCompoundBranchInput,
} from './organization.inputs';

registerUniqueConstraint('compound_branch_community_id_name_unique', 'name', 'A branch with this name already exists in this community');
registerUniqueConstraint('building_group_branch_id_name_unique', 'name', 'A building group with this name already exists in this branch');

/** The second and third levels of the organization: compound branches and building groups. */
export const organizationService = {
  /** Creates a compound branch (STANDALONE) or a joint branch (JOINT) under the community committee. */
  createBranch(ctx: RequestContext, input: CreateCompoundBranchInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const community = await findByGlobalId(em, Community, 'Community', input.communityId, 'communityId');
      if (community.archivedAt) refuse('communityId', UserErrorCode.PARENT_ARCHIVED, 'The community is archived');
      const committee = await em.findOneOrFail(CommunityCommittee, { community });
      const secretary = await personOfCommunity(em, input.secretaryId, community.id, 'secretaryId');
      const branch = em.create(CompoundBranch, {
        community,
        committee,
        name: input.name,
        kind: input.kind,
        establishedOn: input.establishedOn ?? null,
        secretary: secretary ?? null,
      });
      await em.flush();
      return branch.id;
    });
  },

  /** Renames a branch, changes its kind, establishment date or secretary. */
  updateBranch(ctx: RequestContext, input: UpdateCompoundBranchInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const branch = await findByGlobalId(em, CompoundBranch, 'CompoundBranch', input.id, 'id');
      if (input.name !== undefined) branch.name = input.name;
      if (input.kind !== undefined && input.kind !== null) branch.kind = input.kind;
      if (input.establishedOn !== undefined) branch.establishedOn = input.establishedOn;
      const secretary = await personOfCommunity(em, input.secretaryId, branch.community.id, 'secretaryId');
      if (secretary !== undefined) branch.secretary = secretary;
      await em.flush();
      return branch.id;
    });
  },

  /** Creates a building group under an active branch. */
  createGroup(ctx: RequestContext, input: CreateBuildingGroupInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const branch = await findByGlobalId(em, CompoundBranch, 'CompoundBranch', input.branchId, 'branchId');
      if (branch.archivedAt) refuse('branchId', UserErrorCode.PARENT_ARCHIVED, 'The branch is archived');
      const leader = await personOfCommunity(em, input.leaderId, branch.community.id, 'leaderId');
      const group = em.create(BuildingGroup, { community: branch.community, branch, name: input.name, leader: leader ?? null });
      await em.flush();
      return group.id;
    });
  },

  /** Renames a building group or changes its leader. */
  updateGroup(ctx: RequestContext, input: UpdateBuildingGroupInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const group = await findByGlobalId(em, BuildingGroup, 'BuildingGroup', input.id, 'id');
      if (input.name !== undefined) group.name = input.name;
      const leader = await personOfCommunity(em, input.leaderId, group.community.id, 'leaderId');
      if (leader !== undefined) group.leader = leader;
      await em.flush();
      return group.id;
    });
  },
};
