import type { RequestContext } from '../../context';
import { emit } from '../../core/events';
import { registerUniqueConstraint } from '../../core/graphql/constraints';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { Community } from './community.entity';
import type { CreateCommunityInput, UpdateCommunityInput } from './community.inputs';
import { CommunityCreated } from './geography.events';
import { Street } from './street.entity';

registerUniqueConstraint('community_street_id_name_unique', 'name', 'A community with this name already exists in this street');

function decimal(value: number | null | undefined): string | null | undefined {
  return value === undefined ? undefined : value === null ? null : value.toFixed(2);
}

/** Communities: the tenants. */
export const communityService = {
  /** Creates a community; what belongs with it from the start (its committee) comes with it, in the same transaction. */
  createCommunity(ctx: RequestContext, input: CreateCommunityInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const street = await findByGlobalId(em, Street, 'Street', input.streetId, 'streetId');
      if (street.archivedAt) refuse('streetId', UserErrorCode.PARENT_ARCHIVED, 'The street is archived; restore it first');
      const community = em.create(Community, {
        street,
        district: street.district,
        name: input.name,
        areaKm2: decimal(input.areaKm2) ?? null,
        registeredResidents: input.registeredResidents ?? null,
      });
      await emit(ctx, em, CommunityCreated, { community, input });
      await em.flush();
      return community.id;
    });
  },

  /** Renames a community or corrects its published figures. */
  updateCommunity(ctx: RequestContext, input: UpdateCommunityInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const community = await findByGlobalId(em, Community, 'Community', input.id, 'id');
      if (input.name !== undefined) community.name = input.name;
      if (input.areaKm2 !== undefined) community.areaKm2 = decimal(input.areaKm2);
      if (input.registeredResidents !== undefined) community.registeredResidents = input.registeredResidents;
      await em.flush();
      return community.id;
    });
  },
};
