import { Check, Entity, Enum, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { TenantPlaceEntity } from '../../core/database/tenant.entity';
import { CompoundBranch } from '../hierarchy/compound-branch.entity';
import { PropertyMode } from './places.enums';

/** 小区: a residential compound. `branch` is the branch covering it now; history is in CompoundBranchAssignment. */
@Entity()
@Unique({ properties: ['community', 'name'] })
@Index({ properties: ['community', 'archivedAt', 'id'] })
@Index({ properties: ['branch'] })
@Check({ name: 'compound_name_not_blank', expression: "btrim(name) <> ''" })
@Check({ name: 'compound_built_year_range', expression: 'built_year is null or (built_year >= 1900 and built_year <= 2100)' })
export class Compound extends TenantPlaceEntity {
  @Property({ length: 100 })
  name!: string;

  @Enum({ items: () => PropertyMode, length: 20 })
  propertyMode!: PropertyMode;

  @Property({ columnType: 'smallint', nullable: true })
  builtYear?: number | null;

  @ManyToOne(() => CompoundBranch, { ref: true, nullable: true, deleteRule: 'restrict' })
  branch?: Ref<CompoundBranch> | null;
}
