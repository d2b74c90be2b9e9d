import { Check, Entity, Enum, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Person } from '../people/person.entity';
import { MeetingOccurrence } from './meeting-occurrence.entity';
import { AttendanceStatus } from './occurrence.enums';

/** Attendance: a person invited to a meeting, and whether they came, stayed away or sent a proxy. */
@Entity()
@Unique({ name: 'meeting_attendance_once_per_person', properties: ['occurrence', 'person'] })
@Check({
  name: 'meeting_attendance_proxy',
  expression: "(status = 'PROXY') = (proxy_id is not null) and proxy_id is distinct from person_id",
})
export class MeetingAttendance extends TenantEntity {
  @ManyToOne(() => MeetingOccurrence, { ref: true, deleteRule: 'restrict' })
  occurrence!: Ref<MeetingOccurrence>;

  @ManyToOne(() => Person, { ref: true, deleteRule: 'restrict' })
  person!: Ref<Person>;

  @Enum({ items: () => AttendanceStatus, length: 20 })
  status!: AttendanceStatus;

  @ManyToOne(() => Person, { ref: true, nullable: true, deleteRule: 'restrict' })
  proxy?: Ref<Person> | null;

  /** When they checked in by the meeting's QR code (null: recorded by an organiser, or not there). */
  @Property({ columnType: 'timestamptz', nullable: true })
  checkedInAt?: Date | null;
}
