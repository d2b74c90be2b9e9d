import { ref, registerAncestor, registerAncestryLookahead } from '../../core/data/ancestry';
import { HOUSEHOLD_ANCESTRY } from '../places/household-ancestry';
import { BuildingGroupSpec } from './building-group.loaders';
import { CommunityCommitteeSpec } from './community-committee.loaders';
import { CompoundBranchSpec } from './compound-branch.loaders';

/** A household's organization ancestry, after the places' (its building names the group). */
registerAncestor(HOUSEHOLD_ANCESTRY, 'household', { as: 'grp', spec: BuildingGroupSpec, pk: ref('bld', 'groupId') });
registerAncestor(HOUSEHOLD_ANCESTRY, 'household', { as: 'brn', spec: CompoundBranchSpec, pk: ref('grp', 'branchId') });
registerAncestor(HOUSEHOLD_ANCESTRY, 'household', { as: 'cte', spec: CommunityCommitteeSpec, pk: ref('brn', 'committeeId') });

export { HOUSEHOLD_ANCESTRY };

// …and so does one that asks for its building group.
registerAncestryLookahead(HOUSEHOLD_ANCESTRY, ['buildingGroup']);
