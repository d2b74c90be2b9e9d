import { ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { ArchivableEntity, BaseEntity } from './base.entity';

/** The tenant as tenant rows see it (the Community entity is the geography module's). */
export interface TenantRef {
  id: number;
}

/*
 * Every row a community owns carries `community_id` (the tenant key used by row-level security).
 * Triggers copy it from the parent row and refuse a row whose community differs from its parent's,
 * so no insert can point into another community.
 */

export abstract class TenantEntity extends BaseEntity {
  @ManyToOne({ entity: 'Community', ref: true, deleteRule: 'restrict', updateRule: 'no action' })
  community!: Ref<TenantRef>;
}

export abstract class ArchivableTenantEntity extends ArchivableEntity {
  @ManyToOne({ entity: 'Community', ref: true, deleteRule: 'restrict', updateRule: 'no action' })
  community!: Ref<TenantRef>;
}

/** A tenant-owned node of the hierarchy: `path` is its place ancestry, `orgPath` its organization ancestry. */
export abstract class TenantNodeEntity extends ArchivableTenantEntity {
  @Property({ columnType: 'ltree', defaultRaw: `''`, nullable: false })
  path?: string;
}

export abstract class TenantPlaceEntity extends TenantNodeEntity {
  /** The branch or building group this place sits under, if any (`d1.s2.c3.br4.g5`). */
  @Property({ columnType: 'ltree', nullable: true })
  orgPath?: string | null;
}
