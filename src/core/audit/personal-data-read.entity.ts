import { Check, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * One personal-data value shown plain to a user or a service account (PIPL: who saw whose phone, door number or
 * vulnerability tags, and when). Written once per request, in the request's transaction, for the
 * values actually returned unmasked; append-only like the audit log.
 */
@Entity()
@Index({ properties: ['communityId', 'id'] })
@Index({ properties: ['subjectType', 'subjectId'] })
@Check({
  name: 'personal_data_read_one_reader',
  expression:
    "(reader_kind = 'user' and reader_user_id is not null and reader_service_account_id is null) or (reader_kind = 'service' and reader_service_account_id is not null and reader_user_id is null)",
})
export class PersonalDataRead {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ columnType: 'timestamptz', defaultRaw: 'current_timestamp' })
  readAt?: Date;

  @Property({ type: 'integer' })
  communityId!: number;

  @Property({ length: 64 })
  requestId!: string;

  /** Who read: a user or a service account (an integration's API key). */
  @Property({ length: 10, default: 'user' })
  readerKind!: string;

  @Property({ type: 'integer', nullable: true })
  readerUserId?: number | null;

  @Property({ type: 'integer', nullable: true })
  readerServiceAccountId?: number | null;

  /** The API key the service account used. */
  @Property({ type: 'integer', nullable: true })
  readerApiKeyId?: number | null;

  @Property({ type: 'integer', nullable: true })
  readerPersonId?: number | null;

  @Property({ length: 100 })
  readerLabel!: string;

  /** The GraphQL type of the object the value belongs to, e.g. Household. */
  @Property({ length: 64 })
  subjectType!: string;

  @Property({ type: 'integer' })
  subjectId!: number;

  /** The field, e.g. vulnerabilityTags. */
  @Property({ length: 64 })
  field!: string;

  /** Whose data it is: a person's or a household's. */
  @Property({ length: 10 })
  dataOf!: string;
}
