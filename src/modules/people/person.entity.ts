import { Check, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { ArchivableTenantEntity } from '../../core/database/tenant.entity';
import { Household } from '../places/household.entity';
import { Gender } from './people.enums';

/**
 * 居民: a person on record in a community, usually living in a household. People in demo data are
 * fictional. `path`/`orgPath` are copied from the household (or the community) by a trigger.
 */
@Entity()
@Index({ properties: ['household', 'archivedAt', 'id'] })
@Index({ properties: ['community'] })
@Check({ name: 'person_name_not_blank', expression: "btrim(name) <> ''" })
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

  @Property({ columnType: 'ltree', defaultRaw: `''`, nullable: false })
  path?: string;

  @Property({ columnType: 'ltree', nullable: true })
  orgPath?: string | null;
}
