import { Check, Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { TenantNodeEntity } from '../../core/database/tenant.entity';
import { CompoundBranch } from './compound-branch.entity';
import type { Person } from '../people/person.entity';

/** 楼院党小组: the party members of one or a few buildings or courtyards, under a branch. */
@Entity()
@Unique({ properties: ['branch', 'name'] })
@Check({ name: 'building_group_name_not_blank', expression: "btrim(name) <> ''" })
export class BuildingGroup extends TenantNodeEntity {
  @ManyToOne(() => CompoundBranch, { ref: true, deleteRule: 'restrict' })
  branch!: Ref<CompoundBranch>;

  @Property({ length: 100 })
  name!: string;

  @ManyToOne({ entity: 'Person', ref: true, nullable: true, deleteRule: 'set null' })
  leader?: Ref<Person> | null;
}
