import { defineEvent } from '../../core/events';
import type { Building } from './building.entity';
import type { Compound } from './compound.entity';
import type { CreateBuildingInput, CreateCompoundInput } from './places.inputs';

/** A compound is being created (inside its mutation): the organization records the branch named in the input. */
export const CompoundCreated = defineEvent<{ compound: Compound; input: CreateCompoundInput }>('places.compound-created');

/** A building is being created: the organization records the building group named in the input. */
export const BuildingCreated = defineEvent<{ building: Building; compound: Compound; input: CreateBuildingInput }>(
  'places.building-created',
);
