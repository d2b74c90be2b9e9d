import { Check, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Person } from '../people/person.entity';
import { Compound } from '../places/compound.entity';
import { CrossAppointedPost } from './engagement.enums';

/**
 * 交叉任职: a person appointed to one of the four cross-appointed posts for a compound (or the whole
 * community), held at a counterpart body (the property company), from a day to a day, by whom.
 * Property-company staff are persons of the community (without a household where they live elsewhere).
 */
@Entity()
@Index({ properties: ['person'] })
@Index({ properties: ['compound'] })
@Check({ name: 'cross_appointment_period', expression: 'ended_on is null or ended_on >= started_on' })
@Check({ name: 'cross_appointment_counterpart_not_blank', expression: "btrim(counterpart) <> ''" })
export class CrossAppointment extends TenantEntity {
  @ManyToOne(() => Person, { ref: true, deleteRule: 'restrict' })
  person!: Ref<Person>;

  @ManyToOne(() => Compound, { ref: true, nullable: true, deleteRule: 'restrict' })
  compound?: Ref<Compound> | null;

  @Enum({ items: () => CrossAppointedPost, length: 30 })
  post!: CrossAppointedPost;

  /** The other side of the post, e.g. the property company (郑州某物业服务有限公司). */
  @Property({ length: 200 })
  counterpart!: string;

  @Property({ columnType: 'date' })
  startedOn!: string;

  @Property({ columnType: 'date', nullable: true })
  endedOn?: string | null;

  /** The appointing body, e.g. 振兴社区党委. */
  @Property({ length: 100 })
  appointedBy!: string;
}
