import { Check, Entity, Enum, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Person } from '../people/person.entity';
import { Compound } from '../places/compound.entity';
import { VolunteerTeamKind } from './volunteers.enums';

/** 志愿服务队: a volunteer team of a community, or of one compound. */
@Entity()
@Check({ name: 'volunteer_team_name_not_blank', expression: "btrim(name) <> ''" })
export class VolunteerTeam extends TenantEntity {
  @ManyToOne(() => Compound, { ref: true, nullable: true, deleteRule: 'restrict' })
  compound?: Ref<Compound> | null;

  @Property({ length: 100 })
  name!: string;

  @Enum({ items: () => VolunteerTeamKind, length: 20 })
  kind!: VolunteerTeamKind;

  @ManyToOne(() => Person, { ref: true, nullable: true, deleteRule: 'restrict' })
  leader?: Ref<Person> | null;
}
