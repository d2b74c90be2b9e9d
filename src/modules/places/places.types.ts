import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../core/pagination/connection';
import { ArchivableNodeFields } from '../../core/graphql/node-fields';
import { Node } from '../../core/graphql/node';
import { PropertyMode } from './places.enums';
import type { BuildingRow } from './building.loaders';
import type { CompoundRow } from './compound.loaders';
import type { HouseholdRow } from './household.loaders';
import type { UnitRow } from './unit.loaders';

@ObjectType('Compound', { implements: Node, simpleResolvers: true, description: '小区: a residential compound (gated estate).' })
export class CompoundType extends ArchivableNodeFields {
  @Field()
  name!: string;

  @Field(() => PropertyMode)
  propertyMode!: PropertyMode;

  @Field(() => Int, { nullable: true })
  builtYear!: number | null;
}

@ObjectType('Building', { implements: Node, simpleResolvers: true, description: '楼栋: a building of a compound.' })
export class BuildingType extends ArchivableNodeFields {
  @Field()
  name!: string;

  @Field(() => Int, { nullable: true })
  floors!: number | null;
}

@ObjectType('Unit', { implements: Node, simpleResolvers: true, description: '单元: a stairwell unit of a building.' })
export class UnitType extends ArchivableNodeFields {
  @Field()
  name!: string;
}

@ObjectType('Household', { implements: Node, simpleResolvers: true, description: '户: a dwelling and the people living in it.' })
export class HouseholdType extends ArchivableNodeFields {
  @Field(() => Float, { nullable: true, description: 'Floor area in m².' })
  areaSqm!: number | null;
}

export const CompoundConnection = ConnectionType<CompoundRow>(CompoundType, 'Compound');
export const BuildingConnection = ConnectionType<BuildingRow>(BuildingType, 'Building');
export const UnitConnection = ConnectionType<UnitRow>(UnitType, 'Unit');
export const HouseholdConnection = ConnectionType<HouseholdRow>(HouseholdType, 'Household');
