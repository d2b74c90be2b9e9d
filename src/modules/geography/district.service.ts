import type { RequestContext } from '../../context';
import { registerUniqueConstraint } from '../../core/graphql/constraints';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { District } from './district.entity';
import type { CreateDistrictInput, CreateStreetInput, UpdateDistrictInput, UpdateStreetInput } from './district.inputs';
import { Street } from './street.entity';

registerUniqueConstraint('district_city_name_unique', 'name', 'A district with this name already exists in this city');
registerUniqueConstraint('street_district_id_name_unique', 'name', 'A street with this name already exists in this district');

/** Districts and streets: the levels above the communities. */
export const districtService = {
  /** Creates a district. */
  createDistrict(ctx: RequestContext, input: CreateDistrictInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const district = em.create(District, { name: input.name, city: input.city });
      await em.flush();
      return district.id;
    });
  },

  /** Renames a district or corrects its city. */
  updateDistrict(ctx: RequestContext, input: UpdateDistrictInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const district = await findByGlobalId(em, District, 'District', input.id, 'id');
      if (input.name !== undefined) district.name = input.name;
      if (input.city !== undefined) district.city = input.city;
      await em.flush();
      return district.id;
    });
  },

  /** Creates a street office in an active district. */
  createStreet(ctx: RequestContext, input: CreateStreetInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const district = await findByGlobalId(em, District, 'District', input.districtId, 'districtId');
      if (district.archivedAt) refuse('districtId', UserErrorCode.PARENT_ARCHIVED, 'The district is archived; restore it first');
      const street = em.create(Street, { district, name: input.name });
      await em.flush();
      return street.id;
    });
  },

  /** Renames a street office. */
  updateStreet(ctx: RequestContext, input: UpdateStreetInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const street = await findByGlobalId(em, Street, 'Street', input.id, 'id');
      if (input.name !== undefined) street.name = input.name;
      await em.flush();
      return street.id;
    });
  },
};
