import { ref } from '@mikro-orm/core';
import type { RequestContext } from '../../context';
import { registerUniqueConstraint } from '../../core/graphql/constraints';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { decodeGlobalId } from '../../core/ids/global-id';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { Community } from '../geography/community.entity';
import { Household } from '../places/household.entity';
import type { CreatePersonInput, UpdatePersonInput } from './people.inputs';
import { Person, setIdNumber, setPhone } from './person.entity';
import { refuseIdNumberUnderPreviousIndexKey } from './id-number-rotation';

/**
 * Persons on record: who lives where. An identity card number written is tested against the
 * community's (TAKEN or not): the writer pays for it as for a lookup by it (guessedSecrets).
 */
export const personService = {
  /** Records a person, living in a household or (without one) on record in a community. */
  create(ctx: RequestContext, input: CreatePersonInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      let household: Household | null = null;
      let community: Community;
      if (input.householdId) {
        household = await findByGlobalId(em, Household, 'Household', input.householdId, 'householdId');
        if (household.archivedAt) refuse('householdId', UserErrorCode.PARENT_ARCHIVED, 'The household is archived');
        community = await em.findOneOrFail(Community, household.community.id);
        if (input.communityId && decodeGlobalId(input.communityId)?.pk !== community.id) {
          refuse('communityId', UserErrorCode.MISMATCH, 'The household belongs to another community');
        }
      } else if (input.communityId) {
        community = await findByGlobalId(em, Community, 'Community', input.communityId, 'communityId');
        if (community.archivedAt) refuse('communityId', UserErrorCode.PARENT_ARCHIVED, 'The community is archived');
      } else {
        refuse('householdId', UserErrorCode.REQUIRED, 'Give the household, or the community for a person without a household');
      }
      const person = em.create(Person, {
        community,
        household: household ? ref(household) : null,
        name: input.name,
        gender: input.gender ?? null,
        birthYear: input.birthYear ?? null,
      });
      setPhone(person, input.phone ?? null);
      setIdNumber(person, input.idNumber ?? null);
      if (input.idNumber) ctx.session?.guessedSecrets(1);
      await refuseIdNumberUnderPreviousIndexKey(ctx, community.id, input.idNumber, null);
      await em.flush();
      return person.id;
    });
  },

  /** Corrects a person's record or moves them to another household of the same community. */
  update(ctx: RequestContext, input: UpdatePersonInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const person = await findByGlobalId(em, Person, 'Person', input.id, 'id');
      if (input.name !== undefined) person.name = input.name;
      if (input.gender !== undefined) person.gender = input.gender;
      if (input.birthYear !== undefined) person.birthYear = input.birthYear;
      if (input.phone !== undefined) setPhone(person, input.phone);
      if (input.idNumber !== undefined) {
        const index = person.idNumberIndex;
        setIdNumber(person, input.idNumber);
        // Only a number the person did not have is tested against the community's.
        if (input.idNumber && person.idNumberIndex !== index) ctx.session?.guessedSecrets(1);
        await refuseIdNumberUnderPreviousIndexKey(ctx, person.community.id, input.idNumber, person.id);
      }
      if (input.householdId !== undefined) {
        if (input.householdId === null) person.household = null;
        else {
          const household = await findByGlobalId(em, Household, 'Household', input.householdId, 'householdId');
          if (household.community.id !== person.community.id)
            refuse('householdId', UserErrorCode.MISMATCH, 'The household belongs to another community');
          if (household.archivedAt) refuse('householdId', UserErrorCode.PARENT_ARCHIVED, 'The household is archived');
          person.household = ref(household);
        }
      }
      await em.flush();
      return person.id;
    });
  },
};

registerUniqueConstraint('person_id_number_unique', 'idNumber', 'Another person in this community has this identity card number');
registerUniqueConstraint('party_membership_active_unique', 'personId', 'The person already has a current party membership');
registerUniqueConstraint(
  'duty_assignment_building_head_unique',
  'buildingId',
  'The building already has a building head; end that duty first',
);
registerUniqueConstraint('duty_assignment_unit_head_unique', 'unitId', 'The unit already has a unit head; end that duty first');
