import { Check, Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Personal-data values of one kind shown plain to a user or a service account in one request (PIPL:
 * who saw whose phone, door number or vulnerability tags, and when): one row per community, kind of
 * object, field and whose data, naming the objects by id. Written once per request, in the
 * request's transaction, for the values actually returned unmasked; append-only like the audit log.
 * The log's entries (one per object) are the view `personal_data_read`; a row is one write however
 * many objects it names, where one row per object cost a request of 400 households ≈ 6 ms.
 */
@Entity()
@Index({ properties: ['communityId', 'id'] })
@Index({ properties: ['subjectIds'], type: 'gin' })
@Check({
  name: 'personal_data_read_batch_one_reader',
  expression:
    "(reader_kind = 'user' and reader_user_id is not null and reader_service_account_id is null) or (reader_kind = 'service' and reader_service_account_id is not null and reader_user_id is null)",
})
// An entry's key is the batch's id × 2^20 + its position: positions must fit in 20 bits.
@Check({ name: 'personal_data_read_batch_subjects', expression: 'cardinality(subject_ids) >= 1 and cardinality(subject_ids) <= 1048575' })
export class PersonalDataReadBatch {
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

  /** The GraphQL type of the objects the values belong to, e.g. Household. */
  @Property({ length: 64 })
  subjectType!: string;

  /** The objects, in the order the request showed them (each once). */
  @Property({ type: 'integer[]', columnType: 'int[]' })
  subjectIds!: number[];

  /** The field, e.g. vulnerabilityTags. */
  @Property({ length: 64 })
  field!: string;

  /** Whose data it is: a person's or a household's. */
  @Property({ length: 10 })
  dataOf!: string;
}
