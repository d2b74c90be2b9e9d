import { Check, Entity, Enum, Index, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Compound } from '../places/compound.entity';
import { MeetingSchedule } from './meeting-schedule.entity';
import { MeetingKind, MeetingStatus } from './occurrence.enums';

/**
 * One meeting (Meeting): an occurrence of a schedule, materialised for a day, or a one-off. Its
 * check-in token is random and unique; only organisers read it (to print the QR code).
 */
@Entity()
@Index({ properties: ['community', 'startsAt'] })
@Unique({ name: 'meeting_occurrence_once_per_start', properties: ['schedule', 'startsAt'] })
@Check({ name: 'meeting_occurrence_title_not_blank', expression: "btrim(title) <> ''" })
@Check({ name: 'meeting_occurrence_ends_after_start', expression: 'ends_at > starts_at' })
@Check({ name: 'meeting_occurrence_minutes', expression: '(minutes is null) = (minutes_recorded_at is null)' })
export class MeetingOccurrence extends TenantEntity {
  @ManyToOne(() => MeetingSchedule, { ref: true, nullable: true, deleteRule: 'restrict' })
  schedule?: Ref<MeetingSchedule> | null;

  /** Null: the community's own meeting. */
  @ManyToOne(() => Compound, { ref: true, nullable: true, deleteRule: 'restrict' })
  compound?: Ref<Compound> | null;

  @Enum({ items: () => MeetingKind, length: 20 })
  kind!: MeetingKind;

  @Property({ length: 100 })
  title!: string;

  @Property({ columnType: 'timestamptz' })
  startsAt!: Date;

  @Property({ columnType: 'timestamptz' })
  endsAt!: Date;

  @Property({ length: 200, nullable: true })
  place?: string | null;

  @Enum({ items: () => MeetingStatus, length: 20 })
  status!: MeetingStatus;

  @Property({ length: 64, unique: 'meeting_occurrence_check_in_token_unique' })
  checkInToken!: string;

  @Property({ columnType: 'text', nullable: true })
  minutes?: string | null;

  @Property({ length: 100, nullable: true })
  minutesRecordedBy?: string | null;

  @Property({ columnType: 'timestamptz', nullable: true })
  minutesRecordedAt?: Date | null;
}
