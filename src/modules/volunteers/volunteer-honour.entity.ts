import { Check, Entity, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Person } from '../people/person.entity';
import { Compound } from '../places/compound.entity';
import { VolunteerTeam } from './volunteer-team.entity';

/** An honour or title (全国最佳志愿服务社区…) for the community, a compound, a team or a person, with who awarded it and when. */
@Entity()
@Check({ name: 'volunteer_honour_title_not_blank', expression: "btrim(title) <> ''" })
export class VolunteerHonour extends TenantEntity {
  @ManyToOne(() => Compound, { ref: true, nullable: true, deleteRule: 'restrict' })
  compound?: Ref<Compound> | null;

  @ManyToOne(() => VolunteerTeam, { ref: true, nullable: true, deleteRule: 'restrict' })
  team?: Ref<VolunteerTeam> | null;

  @ManyToOne(() => Person, { ref: true, nullable: true, deleteRule: 'restrict' })
  person?: Ref<Person> | null;

  @Property({ length: 100 })
  title!: string;

  /** The awarding body, e.g. 中央文明办. */
  @Property({ length: 100 })
  awardedBy!: string;

  @Property({ columnType: 'date' })
  awardedOn!: string;
}
