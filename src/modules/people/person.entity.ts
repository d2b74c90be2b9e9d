import { Check, Entity, Enum, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { ArchivableTenantEntity } from '../../core/database/tenant.entity';
import { blindIndex, open, seal } from '../../core/crypto/sealed';
import { Household } from '../places/household.entity';
import { Gender } from './people.enums';

/**
 * 居民: a person on record in a community, usually living in a household. People in demo data are
 * fictional. `path`/`orgPath` are copied from the household (or the community) by a trigger.
 */
@Entity()
@Index({ properties: ['household', 'archivedAt', 'id', 'community'] })
@Index({ properties: ['community'] })
@Check({ name: 'person_name_not_blank', expression: "btrim(name) <> ''" })
@Index({ name: 'person_phone_index_index', properties: ['community', 'phoneIndex'] })
@Unique({ name: 'person_id_number_unique', properties: ['community', 'idNumberIndex'] })
// Nothing plain at rest: a value is sealed (v1:<key id>:…) and indexed, or neither.
@Check({ name: 'person_phone_indexed', expression: '(phone_sealed is null) = (phone_index is null)' })
@Check({ name: 'person_phone_sealed', expression: "phone_sealed is null or phone_sealed ~ '^v1:'" })
@Check({ name: 'person_id_number_indexed', expression: '(id_number_sealed is null) = (id_number_index is null)' })
@Check({ name: 'person_id_number_sealed', expression: "id_number_sealed is null or id_number_sealed ~ '^v1:'" })
@Check({ name: 'person_birth_year_range', expression: 'birth_year is null or (birth_year >= 1900 and birth_year <= 2100)' })
export class Person extends ArchivableTenantEntity {
  @ManyToOne(() => Household, { ref: true, nullable: true, deleteRule: 'restrict' })
  household?: Ref<Household> | null;

  @Property({ length: 50 })
  name!: string;

  @Enum({ items: () => Gender, length: 10, nullable: true })
  gender?: Gender | null;

  @Property({ columnType: 'smallint', nullable: true })
  birthYear?: number | null;

  /** Personal data, sealed (AES-256-GCM, core/crypto): readable only with a duty of care (docs/permissions.md). Written through sealPhone. */
  @Property({ columnType: 'text', nullable: true })
  phoneSealed?: string | null;

  /** Blind index of the phone (HMAC), for matching without reading it. */
  @Property({ length: 64, nullable: true })
  phoneIndex?: string | null;

  /** Personal data, sealed: the resident identity card number (18 characters). Written through sealIdNumber. */
  @Property({ columnType: 'text', nullable: true })
  idNumberSealed?: string | null;

  /** Blind index of the identity card number: unique in the community, and how personByIdNumber finds the person. */
  @Property({ length: 64, nullable: true })
  idNumberIndex?: string | null;

  @Property({ columnType: 'ltree', defaultRaw: `''`, nullable: false })
  path?: string;

  @Property({ columnType: 'ltree', nullable: true })
  orgPath?: string | null;
}

/** Sets a person's phone: sealed, with its blind index (null clears both). */
export function setPhone(person: Person, phone: string | null): void {
  if (phone !== null && person.phoneSealed && open(person.phoneSealed) === phone) return; // unchanged: no new ciphertext, no audit entry
  person.phoneSealed = phone === null ? null : seal(phone);
  person.phoneIndex = blindIndex('phone', phone);
}

/** Sets a person's identity card number: sealed, with its blind index (null clears both). */
export function setIdNumber(person: Person, idNumber: string | null): void {
  if (idNumber !== null && person.idNumberSealed && open(person.idNumberSealed) === idNumber) return;
  person.idNumberSealed = idNumber === null ? null : seal(idNumber);
  person.idNumberIndex = blindIndex('id-number', idNumber);
}
