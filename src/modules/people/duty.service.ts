import { ref } from '@mikro-orm/core';
import type { RequestContext } from '../../context';
import { findByGlobalId } from '../../core/graphql/lookup';
import { mutate, type MutationOutcome } from '../../core/graphql/mutation';
import { endDated } from '../../core/validation/ending';
import { UserErrorCode, refuse } from '../../core/validation/user-error';
import { Building } from '../places/building.entity';
import { Compound } from '../places/compound.entity';
import { Unit } from '../places/unit.entity';
import { DutyAssignment } from './duty-assignment.entity';
import type { AssignDutyRoleInput, EndDutyAssignmentInput } from './people.inputs';
import { DutyRole } from './people.enums';
import { Person } from './person.entity';

/** 两长四员: who holds which duty for which place. */
export const dutyService = {
  /**
   * Gives a person a duty for a place: a building head needs a building, a unit head a unit; the
   * compound follows from the building or unit. One current building head per building, one unit
   * head per unit.
   */
  assign(ctx: RequestContext, input: AssignDutyRoleInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const person = await findByGlobalId(em, Person, 'Person', input.personId, 'personId');
      if (person.archivedAt) refuse('personId', UserErrorCode.ARCHIVED, 'The person is archived');
      if (input.role === DutyRole.BUILDING_HEAD && !input.buildingId)
        refuse('buildingId', UserErrorCode.REQUIRED, 'A building head needs the building');
      if (input.role === DutyRole.UNIT_HEAD && !input.unitId) refuse('unitId', UserErrorCode.REQUIRED, 'A unit head needs the unit');

      const unit = input.unitId ? await findByGlobalId(em, Unit, 'Unit', input.unitId, 'unitId') : null;
      let building = input.buildingId ? await findByGlobalId(em, Building, 'Building', input.buildingId, 'buildingId') : null;
      if (unit) {
        if (building && unit.building.id !== building.id) refuse('unitId', UserErrorCode.MISMATCH, 'The unit is not in that building');
        building ??= await em.findOneOrFail(Building, unit.building.id);
      }
      let compound = input.compoundId ? await findByGlobalId(em, Compound, 'Compound', input.compoundId, 'compoundId') : null;
      if (building) {
        if (compound && building.compound.id !== compound.id)
          refuse('buildingId', UserErrorCode.MISMATCH, 'The building is not in that compound');
        compound ??= await em.findOneOrFail(Compound, building.compound.id);
      }
      if (!compound) refuse('compoundId', UserErrorCode.REQUIRED, 'Say which compound (or building, or unit) the duty is for');
      if (compound.community.id !== person.community.id)
        refuse('compoundId', UserErrorCode.MISMATCH, 'The place belongs to another community than the person');
      if (compound.archivedAt || building?.archivedAt || unit?.archivedAt)
        refuse('compoundId', UserErrorCode.PARENT_ARCHIVED, 'The place is archived');

      const duty = em.create(DutyAssignment, {
        community: person.community,
        person,
        role: input.role,
        compound,
        building: building ? ref(building) : null,
        unit: unit ? ref(unit) : null,
        startedOn: input.startedOn ?? ctx.clock.today(),
      });
      await em.flush();
      return duty.id;
    });
  },

  /** Ends a duty on a date; the record stays. */
  end(ctx: RequestContext, input: EndDutyAssignmentInput): Promise<MutationOutcome<number>> {
    return mutate(ctx, input, async (em) => {
      const duty = await findByGlobalId(em, DutyAssignment, 'DutyAssignment', input.id, 'id');
      endDated(duty, duty.startedOn, input.endedOn ?? ctx.clock.today(), 'id', 'duty');
      await em.flush();
      return duty.id;
    });
  },
};
