import { Check, Entity, ManyToOne, OneToOne, Property, type Ref } from '@mikro-orm/core';
import { ArchivableEntity } from '../../core/database/base.entity';
import { Community } from '../geography/community.entity';
import type { Person } from '../people/person.entity';

/** 社区党委: exactly one per community, created with it. Its scope is the community's. */
@Entity()
@Check({ name: 'community_committee_name_not_blank', expression: "btrim(name) <> ''" })
export class CommunityCommittee extends ArchivableEntity {
  @OneToOne(() => Community, { owner: true, ref: true, deleteRule: 'restrict', unique: 'community_committee_community_id_unique' })
  community!: Ref<Community>;

  @Property({ length: 100 })
  name!: string;

  /** The party-building brand (e.g. 志愿星光、辉耀永康). */
  @Property({ length: 100, nullable: true })
  brandName?: string | null;

  @ManyToOne({ entity: 'Person', ref: true, nullable: true, deleteRule: 'set null' })
  secretary?: Ref<Person> | null;
}
