import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../core/pagination/connection';
import { ArchivableNodeFields } from '../../core/graphql/node-fields';
import { Node } from '../../core/graphql/node';
import { PropertyMode, VulnerabilityTag } from './places.enums';
import type { BuildingRow } from './building.loaders';
import type { CompoundRow } from './compound.loaders';
import type { HouseholdRow } from './household.loaders';
import type { UnitRow } from './unit.loaders';

@ObjectType('Compound', { implements: Node, simpleResolvers: true, description: '小区: a residential compound (gated estate).' })
export class CompoundType extends ArchivableNodeFields {
  @Field({ description: 'Its name.' })
  name!: string;

  @Field(() => PropertyMode, { description: 'How it is managed.' })
  propertyMode!: PropertyMode;

  @Field(() => Int, { description: 'Year built; null when unknown.', nullable: true })
  builtYear!: number | null;
}

@ObjectType('Building', { implements: Node, simpleResolvers: true, description: '楼栋: a building of a compound.' })
export class BuildingType extends ArchivableNodeFields {
  @Field({ description: 'Its name or number.' })
  name!: string;

  @Field(() => Int, { description: 'Floors above ground.', nullable: true })
  floors!: number | null;
}

@ObjectType('Unit', { implements: Node, simpleResolvers: true, description: '单元: a stairwell unit of a building.' })
export class UnitType extends ArchivableNodeFields {
  @Field({ description: 'Its name or number.' })
  name!: string;
}

@ObjectType('Household', { implements: Node, simpleResolvers: true, description: '户: a dwelling and the people living in it.' })
export class HouseholdType extends ArchivableNodeFields {
  @Field({ description: 'Room number on the door, e.g. 101. Personal data: masked (5**) without a duty of care.' })
  doorNo!: string;

  @Field(() => [VulnerabilityTag], {
    nullable: true,
    description: 'The 147 linkage categories that apply. Personal data: null without a duty of care.',
  })
  vulnerabilityTags!: string[] | null;

  @Field(() => Float, { nullable: true, description: 'Floor area in m².' })
  areaSqm!: number | null;
}

export const CompoundConnection = ConnectionType<CompoundRow>(CompoundType, 'Compound');
export const BuildingConnection = ConnectionType<BuildingRow>(BuildingType, 'Building');
export const UnitConnection = ConnectionType<UnitRow>(UnitType, 'Unit');
export const HouseholdConnection = ConnectionType<HouseholdRow>(HouseholdType, 'Household');
