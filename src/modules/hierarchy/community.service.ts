import type { RequestContext } from '../../context';
import { registerUniqueConstraint } from '../../core/graphql/constraints';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { Community } from './community.entity';
import { CommunityCommittee } from './community-committee.entity';
import { personOfCommunity } from './community-person';
import type { CreateCommunityInput, UpdateCommunityCommitteeInput, UpdateCommunityInput } from './community.inputs';
import { Street } from './street.entity';

registerUniqueConstraint('community_street_id_name_unique', 'name', 'A community with this name already exists in this street');

function decimal(value: number | null | undefined): string | null | undefined {
  return value === undefined ? undefined : value === null ? null : value.toFixed(2);
}

/** Communities (the tenants) and their committees. */
export const communityService = {
  /** Creates a community with its community committee (one per community), in one transaction. */
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
      em.create(CommunityCommittee, { community, name: input.committeeName ?? `${input.name}党委`, brandName: input.brandName ?? null });
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

  /** Renames the committee, sets its brand or its secretary (a person of the same community). */
  updateCommittee(ctx: RequestContext, input: UpdateCommunityCommitteeInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const committee = await findByGlobalId(em, CommunityCommittee, 'CommunityCommittee', input.id, 'id');
      if (input.name !== undefined) committee.name = input.name;
      if (input.brandName !== undefined) committee.brandName = input.brandName;
      const secretary = await personOfCommunity(em, input.secretaryId, committee.community.id, 'secretaryId');
      if (secretary !== undefined) committee.secretary = secretary;
      await em.flush();
      return committee.id;
    });
  },
};
