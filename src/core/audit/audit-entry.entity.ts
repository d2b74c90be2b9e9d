import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * One changed row of one mutation: who (actor), what (mutation, entity, operation), when, and the
 * changed fields before and after. Append-only: the application's database role may insert and
 * read these rows, never update or delete them.
 */
@Entity()
@Index({ properties: ['communityId', 'id'] })
@Index({ properties: ['entity', 'entityId'] })
@Unique({ properties: ['communityId', 'feedSeq'] })
export class AuditEntry {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ columnType: 'timestamptz', defaultRaw: 'current_timestamp' })
  occurredAt?: Date;

  @Property({ type: 'integer', nullable: true })
  communityId?: number | null;

  /** The server's id of the request (unique; the log's key). */
  @Property({ length: 64 })
  requestId!: string;

  /** The id the client sent in `x-request-id`, if any: for matching the client's own logs, never trusted as unique. */
  @Property({ length: 64, nullable: true })
  clientRequestId?: string | null;

  @Property({ type: 'integer', nullable: true })
  actorUserId?: number | null;

  @Property({ type: 'integer', nullable: true })
  actorServiceAccountId?: number | null;

  @Property({ length: 100 })
  actorLabel!: string;

  /** The mutation, e.g. graduateCompound. */
  @Property({ length: 64 })
  action!: string;

  /** The entity changed, e.g. Compound. */
  @Property({ length: 64 })
  entity!: string;

  @Property({ type: 'integer', nullable: true })
  entityId?: number | null;

  /** CREATE, UPDATE or DELETE. */
  @Property({ length: 10 })
  operation!: string;

  /**
   * The entry's position in its community's change feed (1, 2, 3, … in commit order, no gaps),
   * given by a trigger under a per-community lock held until commit (migration
   * ..._commit_ordered_feed); null for platform entries (no community).
   */
  @Property({ type: 'bigint', nullable: true })
  feedSeq?: string | null;

  /** { field: { before, after } } of the changed fields. */
  @Property({ type: 'json' })
  changes!: Record<string, { before: unknown; after: unknown }>;
}
