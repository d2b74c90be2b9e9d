import { Check, Entity, Enum, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { BaseEntity } from '../../core/database/base.entity';
import type { TenantRef } from '../../core/database/tenant.entity';
import { ExternalNodeType } from './integration.enums';

/**
 * What a city system calls one of our nodes: `{ system: "taiyuan-population", id: "…" }`. One ID
 * per node and system; an ID names one node per (community, system, kind). The community is taken
 * from the node by a trigger (none for districts and streets, which sit above communities).
 */
@Entity()
@Unique({ name: 'external_id_node_system_unique', properties: ['nodeId', 'nodeType', 'system'] })
@Index({
  name: 'external_id_unique',
  expression:
    'create unique index "external_id_unique" on "external_id" ("community_id", "system", "node_type", "external_id") nulls not distinct',
})
@Check({ name: 'external_id_system_format', expression: "system ~ '^[a-z0-9][a-z0-9._-]{1,63}$'" })
@Check({ name: 'external_id_not_blank', expression: "btrim(external_id) <> ''" })
export class ExternalId extends BaseEntity {
  @ManyToOne({ entity: 'Community', ref: true, nullable: true, deleteRule: 'restrict', updateRule: 'no action' })
  community?: Ref<TenantRef> | null;

  @Property({ length: 64 })
  system!: string;

  @Enum({ items: () => ExternalNodeType, length: 20 })
  nodeType!: ExternalNodeType;

  /** The node's primary key in the table of its kind (no foreign key: the kinds live in eight tables; nodes are archived, never deleted). */
  @Property()
  nodeId!: number;

  @Property({ length: 128 })
  externalId!: string;
}
