import { Check, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { ArchivableTenantEntity } from '../../core/database/tenant.entity';
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
@Check({ name: 'person_phone_format', expression: "phone is null or phone ~ '^[0-9+ -]{5,20}$'" })
@Check({ name: 'person_id_number_format', expression: "id_number is null or id_number ~ '^[0-9]{17}[0-9X]$'" })
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

  /** Personal data: readable only with a duty of care (docs/permissions.md). */
  @Property({ length: 20, nullable: true })
  phone?: string | null;

  /** Personal data: the resident identity card number (18 characters). */
  @Property({ length: 18, nullable: true })
  idNumber?: string | null;

  @Property({ columnType: 'ltree', defaultRaw: `''`, nullable: false })
  path?: string;

  @Property({ columnType: 'ltree', nullable: true })
  orgPath?: string | null;
}
