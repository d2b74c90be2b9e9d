import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { auditedWrite } from '../../core/audit/recorder';
import { dbOf } from '../../core/data/db';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { Compound } from '../places/compound.entity';
import { OrganizationRelation } from './organization.enums';
import { BuildingGroup } from './building-group.entity';
import { personOfCommunity } from './community-person';
import { CompoundBranch } from './compound-branch.entity';
import { CompoundBranchAssignment } from './compound-branch-assignment.entity';
import type { AssignCompoundToBranchInput, GraduateCompoundInput } from './coverage.inputs';
import { BranchAssignmentReason, BranchKind } from './organization.enums';
import { OrganizationError } from './organization.errors';

interface GroupOfCompound {
  id: number;
  name: string;
  inside: boolean;
}

/** The building groups holding the compound's buildings, and whether each lies wholly inside it. */
async function groupsOf(em: EntityManager, compoundId: number): Promise<GroupOfCompound[]> {
  return dbOf(em).query<GroupOfCompound>(
    `select g.id, g.name, bool_and(b.compound_id = $1) as inside
       from building_group g join building b on b.group_id = g.id and b.archived_at is null
      where g.id in (select group_id from building where compound_id = $2 and group_id is not null and archived_at is null)
      group by g.id, g.name order by g.id`,
    [compoundId, compoundId],
  );
}

/**
 * Moves a compound under another branch (or none) from `since`: closes the open assignment and
 * opens the next, carries along the building groups that lie wholly inside the compound, and
 * re-registers LOCAL party members living in the compound with the new branch. Ancestry paths of
 * everything beneath follow by trigger. Groups that also cover other compounds would be split
 * apart, so they are refused: move those buildings first.
 */
async function moveCompound(
  em: EntityManager,
  compound: Compound,
  next: CompoundBranch | null,
  since: string,
  reason: BranchAssignmentReason,
  sinceField: string,
): Promise<void> {
  const previous = compound.branch ? await em.findOneOrFail(CompoundBranch, compound.branch.id) : null;
  const open = await em.findOne(CompoundBranchAssignment, { compound, until: null });
  if (open && since < open.since) {
    refuse(
      sinceField,
      UserErrorCode.DATE_ORDER,
      `The compound has been covered by its current branch since ${open.since}; the change cannot be earlier`,
    );
  }
  const groups = await groupsOf(em, compound.id);
  const spanning = groups.find((g) => !g.inside);
  if (spanning) {
    refuse(
      'compoundId',
      OrganizationError.GROUP_SPANS_COMPOUNDS,
      `Building group ${spanning.name} also covers buildings of other compounds; move those buildings to another group first`,
    );
  }
  if (!next && groups.length > 0) {
    refuse(
      'branchId',
      UserErrorCode.MISMATCH,
      'Buildings of the compound are in building groups; a compound without a branch cannot keep them',
    );
  }

  if (open) {
    open.until = since;
    await em.flush(); // the open-assignment unique index needs the old row closed before the new one exists
  }
  for (const g of groups) {
    const group = await em.findOneOrFail(BuildingGroup, g.id);
    group.branch = ref(next as CompoundBranch);
  }
  compound.branch = next ? ref(next) : null;
  if (next) em.create(CompoundBranchAssignment, { community: compound.community, compound, branch: next, since, reason });
  await em.flush();

  if (previous && next) {
    // LOCAL members living in the compound were registered with the old branch; they move with it.
    await auditedWrite(em, {
      entity: 'PartyMembership',
      operation: 'UPDATE',
      sql: `update party_membership m set branch_id = $1, updated_at = now()
              from person p join household h on h.id = p.household_id
             where m.person_id = p.id and h.compound_id = $2 and m.branch_id = $3 and m.ended_on is null and m.organization_relation = $4
            returning m.id, m.community_id`,
      params: [next.id, compound.id, previous.id, OrganizationRelation.LOCAL],
      changes: () => ({ branch: { before: previous.id, after: next.id } }),
    });
  }
}

/** Which branch covers which compound, over time: reassignment and graduation (成熟一个、独立一个). */
export const coverageService = {
  /** Puts a compound under a branch of its community (or under none) from a date, keeping the history. */
  assign(ctx: RequestContext, input: AssignCompoundToBranchInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const compound = await findByGlobalId(em, Compound, 'Compound', input.compoundId, 'compoundId');
      if (compound.archivedAt) refuse('compoundId', UserErrorCode.ARCHIVED, 'The compound is archived');
      const next = input.branchId ? await findByGlobalId(em, CompoundBranch, 'CompoundBranch', input.branchId, 'branchId') : null;
      if (next?.archivedAt) refuse('branchId', UserErrorCode.PARENT_ARCHIVED, 'The branch is archived');
      if (next && next.community.id !== compound.community.id)
        refuse('branchId', UserErrorCode.MISMATCH, 'The branch belongs to another community');
      if ((next?.id ?? null) === (compound.branch?.id ?? null)) return compound.id;
      const hadBranch = (await em.count(CompoundBranchAssignment, { compound })) > 0;
      await moveCompound(
        em,
        compound,
        next,
        input.since ?? ctx.clock.today(),
        hadBranch ? BranchAssignmentReason.REASSIGNED : BranchAssignmentReason.ASSIGNED,
        'since',
      );
      return compound.id;
    });
  },

  /**
   * Graduates a compound from its joint branch to a new standalone branch, carrying its buildings,
   * groups and LOCAL members along, recorded with the date; all or nothing.
   */
  graduate(ctx: RequestContext, input: GraduateCompoundInput): Promise<MutationOutcome<{ compound: number; branch: number }>> {
    return mutate(ctx, input, async (em) => {
      const compound = await findByGlobalId(em, Compound, 'Compound', input.compoundId, 'compoundId');
      if (compound.archivedAt) refuse('compoundId', UserErrorCode.ARCHIVED, 'The compound is archived');
      const current = compound.branch ? await em.findOneOrFail(CompoundBranch, compound.branch.id) : null;
      if (!current || current.kind !== BranchKind.JOINT) {
        refuse(
          'compoundId',
          OrganizationError.NOT_IN_JOINT_BRANCH,
          'Only a compound covered by a joint branch can graduate to a branch of its own',
        );
      }
      if (await em.count(CompoundBranch, { community: compound.community, name: input.branchName })) {
        refuse('branchName', UserErrorCode.TAKEN, 'A branch with this name already exists in this community');
      }
      const secretary = await personOfCommunity(em, input.secretaryId, compound.community.id, 'secretaryId');
      const graduatedOn = input.graduatedOn ?? ctx.clock.today();
      const branch = em.create(CompoundBranch, {
        community: compound.community,
        committee: current.committee,
        name: input.branchName,
        kind: BranchKind.STANDALONE,
        establishedOn: graduatedOn,
        secretary: secretary ?? null,
      });
      await em.flush();
      await moveCompound(em, compound, branch, graduatedOn, BranchAssignmentReason.GRADUATED, 'graduatedOn');
      return { compound: compound.id, branch: branch.id };
    });
  },
};
