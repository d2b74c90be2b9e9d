import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The last change-feed position handed out in a community. A trigger on the audit log takes the
 * next one for each entry: the row stays locked until the writing transaction ends, so a later
 * writer in the community gets its position only after the earlier one committed (or rolled back,
 * returning its positions). Positions are therefore commit-ordered and gap-free per community.
 * Only that trigger writes here; the application's role has no grant on the table.
 */
@Entity()
export class ChangeFeedPosition {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  communityId!: number;

  @Property({ type: 'bigint' })
  lastSeq!: string;
}
