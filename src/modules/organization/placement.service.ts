import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { Building } from '../places/building.entity';
import { Compound } from '../places/compound.entity';
import type { CreateBuildingInput, CreateCompoundInput } from '../places/places.inputs';
import { BuildingGroup } from './building-group.entity';
import { CompoundBranch } from './compound-branch.entity';
import { CompoundBranchAssignment } from './compound-branch-assignment.entity';
import './coverage.mapping';
import type { MoveBuildingInput } from './coverage.inputs';
import { BranchAssignmentReason } from './organization.enums';

/**
 * A building may join only a group of the branch that covers its compound: the organization tree
 * and the places tree must agree about who looks after whom.
 */
async function groupForBuilding(em: EntityManager, compound: Compound, groupId: string, field: string): Promise<BuildingGroup> {
  const group = await findByGlobalId(em, BuildingGroup, 'BuildingGroup', groupId, field);
  if (group.archivedAt) refuse(field, UserErrorCode.PARENT_ARCHIVED, 'The building group is archived');
  if (!compound.branch || group.branch.id !== compound.branch.id) {
    refuse(field, UserErrorCode.MISMATCH, 'The building group belongs to a branch that does not cover this compound');
  }
  return group;
}
/** Where places sit in the organization: the branch covering a compound, the group of a building. */
export const placementService = {
  /** A new compound under the branch its input names, from the date it names (CompoundCreated). */
  async placeNewCompound(ctx: RequestContext, em: EntityManager, compound: Compound, input: CreateCompoundInput): Promise<void> {
    if (!input.branchId) return;
    const branch = await findByGlobalId(em, CompoundBranch, 'CompoundBranch', input.branchId, 'branchId');
    if (branch.community.id !== compound.community.id)
      refuse('branchId', UserErrorCode.MISMATCH, 'The branch belongs to another community');
    if (branch.archivedAt) refuse('branchId', UserErrorCode.PARENT_ARCHIVED, 'The branch is archived');
    compound.branch = ref(branch);
    em.create(CompoundBranchAssignment, {
      community: compound.community,
      compound,
      branch,
      since: input.branchSince ?? ctx.clock.today(),
      reason: BranchAssignmentReason.ASSIGNED,
    });
  },

  /** A new building in the group its input names (BuildingCreated). */
  async placeNewBuilding(em: EntityManager, building: Building, compound: Compound, input: CreateBuildingInput): Promise<void> {
    if (!input.buildingGroupId) return;
    building.group = ref(await groupForBuilding(em, compound, input.buildingGroupId, 'buildingGroupId'));
  },

  /** Moves a building to another building group (or out of any); its units, households and people follow. */
  moveBuilding(ctx: RequestContext, input: MoveBuildingInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const building = await findByGlobalId(em, Building, 'Building', input.buildingId, 'buildingId');
      if (building.archivedAt) refuse('buildingId', UserErrorCode.ARCHIVED, 'The building is archived');
      const compound = await em.findOneOrFail(Compound, building.compound.id);
      const group = input.buildingGroupId ? await groupForBuilding(em, compound, input.buildingGroupId, 'buildingGroupId') : null;
      building.group = group ? ref(group) : null;
      await em.flush();
      return building.id;
    });
  },
};
