import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../context';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import type { Community } from '../geography/community.entity';
import type { CreateCommunityInput } from '../geography/community.inputs';
import { CommunityCommittee } from './community-committee.entity';
import type { UpdateCommunityCommitteeInput } from './community-committee.inputs';
import { personOfCommunity } from './community-person';

/** The community committee (社区党委): one per community, created with it. */
export const communityCommitteeService = {
  /** Every new community gets its committee in the same transaction (CommunityCreated). */
  createFor(em: EntityManager, community: Community, input: CreateCommunityInput): void {
    em.create(CommunityCommittee, { community, name: input.committeeName ?? `${input.name}党委`, brandName: input.brandName ?? null });
  },

  /** Renames the committee, sets its brand or its secretary (a person of the same community). */
  update(ctx: RequestContext, input: UpdateCommunityCommitteeInput): Promise<MutationOutcome<number>> {
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
