import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { CompoundBranch } from './compound-branch.entity';
import { PartyMembership } from './party-membership.entity';
import type { EndPartyMembershipInput, RecordPartyMembershipInput, UpdatePartyMembershipInput } from './party-membership.inputs';
import { OrganizationRelation } from './organization.enums';
import { Person } from '../people/person.entity';
import { OrganizationError } from './organization.errors';

async function branchOf(em: EntityManager, id: string, communityId: number): Promise<CompoundBranch> {
  const branch = await findByGlobalId(em, CompoundBranch, 'CompoundBranch', id, 'branchId');
  if (branch.community.id !== communityId) refuse('branchId', UserErrorCode.MISMATCH, 'The branch belongs to another community');
  if (branch.archivedAt) refuse('branchId', UserErrorCode.PARENT_ARCHIVED, 'The branch is archived');
  return branch;
}

/** A LOCAL member is registered with a branch here; an EXTERNAL one is registered elsewhere (双报到). */
function checkRelation(m: Pick<PartyMembership, 'organizationRelation' | 'branch' | 'homeOrganization'>): void {
  if (m.organizationRelation === OrganizationRelation.LOCAL && !m.branch) {
    refuse('branchId', UserErrorCode.REQUIRED, 'A LOCAL member is registered with a branch of this community; give the branch');
  }
  if (m.organizationRelation === OrganizationRelation.EXTERNAL && !m.homeOrganization) {
    refuse('homeOrganization', UserErrorCode.REQUIRED, 'An EXTERNAL member is registered elsewhere; say where');
  }
}

/** Party memberships as a community records them. */
export const membershipService = {
  /** Records a person's current party membership (one at a time). */
  record(ctx: RequestContext, input: RecordPartyMembershipInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const person = await findByGlobalId(em, Person, 'Person', input.personId, 'personId');
      if (person.archivedAt) refuse('personId', UserErrorCode.ARCHIVED, 'The person is archived');
      if (await em.count(PartyMembership, { person, endedOn: null })) {
        refuse('personId', OrganizationError.ALREADY_MEMBER, 'The person already has a current party membership; update or end it');
      }
      const branch = input.branchId ? await branchOf(em, input.branchId, person.community.id) : null;
      const membership = em.create(PartyMembership, {
        community: person.community,
        person,
        branch: branch ? ref(branch) : null,
        organizationRelation: input.organizationRelation,
        status: input.status,
        homeOrganization: input.homeOrganization ?? null,
        joinedOn: input.joinedOn ?? null,
      });
      checkRelation(membership);
      await em.flush();
      return membership.id;
    });
  },

  /** Changes status (probationary → full), relation, branch or home organization of a current membership. */
  update(ctx: RequestContext, input: UpdatePartyMembershipInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const membership = await findByGlobalId(em, PartyMembership, 'PartyMembership', input.id, 'id');
      if (membership.endedOn) refuse('id', UserErrorCode.ALREADY_ENDED, 'The membership has ended');
      if (input.status) membership.status = input.status;
      if (input.organizationRelation) membership.organizationRelation = input.organizationRelation;
      if (input.branchId !== undefined)
        membership.branch = input.branchId ? ref(await branchOf(em, input.branchId, membership.community.id)) : null;
      if (input.homeOrganization !== undefined) membership.homeOrganization = input.homeOrganization;
      checkRelation(membership);
      await em.flush();
      return membership.id;
    });
  },

  /** Ends a membership here (transfer, death); the record stays. */
  end(ctx: RequestContext, input: EndPartyMembershipInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const membership = await findByGlobalId(em, PartyMembership, 'PartyMembership', input.id, 'id');
      if (membership.endedOn) refuse('id', UserErrorCode.ALREADY_ENDED, 'The membership has already ended');
      const on = input.endedOn ?? ctx.clock.today();
      if (membership.joinedOn && on < membership.joinedOn)
        refuse('endedOn', UserErrorCode.DATE_ORDER, `The membership began on ${membership.joinedOn}`);
      membership.endedOn = on;
      await em.flush();
      return membership.id;
    });
  },
};
