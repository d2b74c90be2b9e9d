import { Entity, ManyToOne, Property, Unique, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { ResidentIssue } from '../issues/resident-issue.entity';
import { MeetingOccurrence } from './meeting-occurrence.entity';

/** An issue taken in during an office hour (坐班): where and when the secretary wrote it down. */
@Entity()
@Unique({ name: 'meeting_issue_intake_once', properties: ['occurrence', 'issue'] })
export class MeetingIssueIntake extends TenantEntity {
  @ManyToOne(() => MeetingOccurrence, { ref: true, deleteRule: 'restrict' })
  occurrence!: Ref<MeetingOccurrence>;

  @ManyToOne(() => ResidentIssue, { ref: true, deleteRule: 'restrict' })
  issue!: Ref<ResidentIssue>;

  @Property({ length: 100 })
  recordedBy!: string;
}
