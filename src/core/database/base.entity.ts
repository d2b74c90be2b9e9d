import { PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Columns every table shares. Timestamps are `timestamptz` (UTC on the wire); `archivedAt` is the
 * soft delete: archived rows leave default lists but stay readable by id and with a filter.
 */
export abstract class BaseEntity {
  @PrimaryKey({ autoincrement: true })
  id!: number;

  @Property({ columnType: 'timestamptz', defaultRaw: 'current_timestamp', nullable: false })
  createdAt?: Date;

  @Property({ columnType: 'timestamptz', defaultRaw: 'current_timestamp', onUpdate: () => new Date(), nullable: false })
  updatedAt?: Date;
}

export abstract class ArchivableEntity extends BaseEntity {
  @Property({ columnType: 'timestamptz', nullable: true })
  archivedAt?: Date | null;
}

/**
 * A node of the hierarchy. `path` is its materialized ancestry as a PostgreSQL `ltree`
 * (e.g. `d1.s2.c3.cp4.b5`), computed by database triggers from the parent row, never by the
 * application: a permission check "is scope X above this object" is then a prefix comparison.
 */
export abstract class HierarchyNodeEntity extends ArchivableEntity {
  @Property({ columnType: 'ltree', defaultRaw: `''`, nullable: false, lazy: false })
  path?: string;
}
