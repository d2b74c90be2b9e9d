import { ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { Role, ScopeType } from '../../core/auth/roles';
import { registerUniqueConstraint } from '../../core/graphql/constraints';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { endDated } from '../../core/validation/ending';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { Community } from '../geography/community.entity';
import { RoleBinding } from '../identity/role-binding.entity';
import { UserAccount } from '../identity/user-account.entity';
import { Person } from '../people/person.entity';
import { Building } from '../places/building.entity';
import { Compound } from '../places/compound.entity';
import { GridArea } from './grid-area.entity';
import { GridPosting } from './grid-posting.entity';
import { GridPostingBinding } from './grid-posting-binding.entity';
import { GridUnit } from './grid-unit.entity';
import { ServiceStation } from './service-station.entity';
import type { CreateGridUnitInput, EndGridPostingInput, PostToGridInput } from './stations.inputs';

registerUniqueConstraint('grid_unit_community_id_name_unique', 'name', 'The community already has a grid of this name');
registerUniqueConstraint('grid_posting_one_active', 'personId', 'The person is already posted to this grid');
registerUniqueConstraint('grid_posting_one_chief', 'post', 'The grid already has a chief; end that posting first');

/** The compounds a grid covers (a building counts for its compound: GRID_WORKER is held at compounds). */
async function coveredCompounds(em: EntityManager, grid: GridUnit): Promise<number[]> {
  const areas = await em.find(GridArea, { grid });
  return [...new Set(areas.map((a) => a.compound.id))].sort((a, b) => a - b);
}

/**
 * The posting's GRID_WORKER bindings: one per compound the grid covers, for the person's active
 * login. A binding the login already holds there (by hand or from another posting) is left as it
 * is and not linked; a person without a login gets none (postings of persons without logins carry
 * no access).
 */
async function grantBindings(ctx: RequestContext, em: EntityManager, posting: GridPosting, grid: GridUnit): Promise<void> {
  const user = await em.findOne(UserAccount, { person: posting.person.id, disabledAt: null });
  if (!user) return;
  for (const compound of await coveredCompounds(em, grid)) {
    const held = await em.count(RoleBinding, {
      user,
      role: Role.GRID_WORKER,
      scopeType: ScopeType.COMPOUND,
      scopeId: compound,
      revokedAt: null,
    });
    if (held) continue;
    const binding = em.create(RoleBinding, {
      community: grid.community.id,
      user: ref(user),
      role: Role.GRID_WORKER,
      scopeType: ScopeType.COMPOUND,
      scopeId: compound,
      grantedBy: ctx.principal.kind === 'user' ? em.getReference(UserAccount, ctx.principal.userId, { wrapped: true }) : null,
    });
    em.create(GridPostingBinding, { community: grid.community, posting, roleBinding: binding });
  }
}

/** Ending a posting revokes its bindings, unless another active posting of the person covers the compound: it takes the binding over. */
async function releaseBindings(ctx: RequestContext, em: EntityManager, posting: GridPosting): Promise<void> {
  const links = await em.find(GridPostingBinding, { posting }, { populate: ['roleBinding'] });
  if (!links.length) return;
  const others = await em.find(GridPosting, { person: posting.person, endedOn: null, id: { $ne: posting.id } });
  const coverage = new Map<number, GridPosting>();
  for (const other of others)
    for (const compound of await coveredCompounds(em, await em.findOneOrFail(GridUnit, { id: other.grid.id })))
      coverage.set(compound, other);
  for (const link of links) {
    const binding = link.roleBinding.getEntity();
    const heir = binding.scopeId ? coverage.get(binding.scopeId) : undefined;
    if (heir) {
      link.posting = ref(heir);
    } else if (!binding.revokedAt) {
      binding.revokedAt = ctx.clock.now();
      binding.revokedBy = ctx.principal.kind === 'user' ? em.getReference(UserAccount, ctx.principal.userId, { wrapped: true }) : null;
    }
  }
}

/** Grid units, what they cover, their chief and workers; postings carry the GRID_WORKER role. */
export const gridsService = {
  createGrid(ctx: RequestContext, input: CreateGridUnitInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const community = await findByGlobalId(em, Community, 'Community', input.communityId, 'communityId');
      const station = input.stationId ? await findByGlobalId(em, ServiceStation, 'ServiceStation', input.stationId, 'stationId') : null;
      if (station && station.community.id !== community.id)
        refuse('stationId', UserErrorCode.MISMATCH, 'The station is not of this community');
      const compounds: Compound[] = [];
      for (const id of input.compoundIds ?? []) compounds.push(await findByGlobalId(em, Compound, 'Compound', id, 'compoundIds'));
      const buildings: Building[] = [];
      for (const id of input.buildingIds ?? []) buildings.push(await findByGlobalId(em, Building, 'Building', id, 'buildingIds'));
      if (!compounds.length && !buildings.length)
        refuse('compoundIds', UserErrorCode.REQUIRED, 'A grid covers at least one compound or building');
      const grid = em.create(GridUnit, { community, name: input.name, station });
      for (const compound of compounds) em.create(GridArea, { community, grid, compound, building: null });
      for (const building of buildings) em.create(GridArea, { community, grid, compound: building.compound, building });
      await em.flush();
      return grid.id;
    });
  },

  post(ctx: RequestContext, input: PostToGridInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const grid = await findByGlobalId(em, GridUnit, 'GridUnit', input.gridId, 'gridId');
      const person = await findByGlobalId(em, Person, 'Person', input.personId, 'personId');
      if (person.community.id !== grid.community.id)
        refuse('personId', UserErrorCode.MISMATCH, 'The person is not of the grid’s community');
      const posting = em.create(GridPosting, {
        community: grid.community,
        grid,
        person,
        post: input.post,
        startedOn: input.startedOn ?? ctx.clock.today(),
      });
      await em.flush();
      await grantBindings(ctx, em, posting, grid);
      await em.flush();
      return posting.id;
    });
  },

  endPosting(ctx: RequestContext, input: EndGridPostingInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const posting = await findByGlobalId(em, GridPosting, 'GridPosting', input.gridPostingId, 'gridPostingId');
      endDated(posting, posting.startedOn, input.endedOn ?? ctx.clock.today(), 'gridPostingId', 'posting');
      await em.flush();
      await releaseBindings(ctx, em, posting);
      await em.flush();
      return posting.id;
    });
  },
};
