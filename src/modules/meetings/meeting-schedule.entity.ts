import { Check, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Compound } from '../places/compound.entity';
import { ScheduleKind } from './recurrence';

/** A recurring meeting (MeetingSchedule): its RFC 5545 rule, first day, hour, and whether weekend days move to the next working day. */
@Entity()
@Index({ properties: ['community', 'id'] })
@Check({ name: 'meeting_schedule_title_not_blank', expression: "btrim(title) <> ''" })
@Check({ name: 'meeting_schedule_start_time', expression: "start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'" })
export class MeetingSchedule extends TenantEntity {
  /** Null: the community's own (逢三说事 of the community and the property manager). */
  @ManyToOne(() => Compound, { ref: true, nullable: true, deleteRule: 'restrict' })
  compound?: Ref<Compound> | null;

  @Enum({ items: () => ScheduleKind, length: 30 })
  kind!: ScheduleKind;

  @Property({ length: 100 })
  title!: string;

  /** The RRULE (without DTSTART). */
  @Property({ length: 200 })
  rule!: string;

  @Property({ columnType: 'date' })
  startsOn!: string;

  /** Local time of day, HH:MM. */
  @Property({ length: 5 })
  startTime!: string;

  @Property()
  nextWorkingDay!: boolean;

  @Property({ columnType: 'date[]', defaultRaw: `'{}'` })
  holidays: string[] = [];
}
