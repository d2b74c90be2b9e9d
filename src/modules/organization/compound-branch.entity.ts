import { Check, Entity, Enum, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { TenantNodeEntity } from '../../core/database/tenant.entity';
import { CommunityCommittee } from './community-committee.entity';
import { BranchKind } from './organization.enums';
import type { Person } from '../people/person.entity';

/** 小区党支部 (STANDALONE) or 联合党支部 (JOINT), under the community committee. */
@Entity()
@Unique({ properties: ['community', 'name'] })
@Check({ name: 'compound_branch_name_not_blank', expression: "btrim(name) <> ''" })
export class CompoundBranch extends TenantNodeEntity {
  @ManyToOne(() => CommunityCommittee, { ref: true, deleteRule: 'restrict' })
  committee!: Ref<CommunityCommittee>;

  @Property({ length: 100 })
  name!: string;

  @Enum({ items: () => BranchKind, length: 20 })
  kind!: BranchKind;

  @Property({ columnType: 'date', nullable: true })
  establishedOn?: string | null;

  @ManyToOne({ entity: 'Person', ref: true, nullable: true, deleteRule: 'set null' })
  secretary?: Ref<Person> | null;
}
