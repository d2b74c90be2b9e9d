import { Check, Entity, Enum, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { Compound } from '../places/compound.entity';
import { Household } from '../places/household.entity';
import { IssueQrPoint } from './issue-qr-point.entity';
import { IssueLevel, IssuePriority, IssueStatus, IssueSubject } from './issues.enums';

/**
 * 诉求: an issue a resident reports, placed where their household is (its place and organization
 * paths, copied by a trigger, decide who sees and handles it), climbing the ladder until solved.
 */
@Entity()
@Index({ properties: ['compound', 'id'] })
@Index({ properties: ['reporterUserId', 'id'] })
@Check({ name: 'resident_issue_text_not_blank', expression: "btrim(text) <> ''" })
@Check({ name: 'resident_issue_rating', expression: 'rating is null or (rating >= 1 and rating <= 5)' })
@Check({ name: 'resident_issue_spot', expression: "(subject = 'SPOT') = (spot is not null)" })
@Check({ name: 'resident_issue_origin', expression: '(household_id is null) <> (qr_point_id is null)' })
@Check({ name: 'resident_issue_rejected', expression: "(status = 'REJECTED') = (rejection_reason is not null)" })
export class ResidentIssue extends TenantEntity {
  /** The reporter's household; null for a report by QR code (placed where its point is). */
  @ManyToOne(() => Household, { ref: true, nullable: true, deleteRule: 'restrict' })
  household?: Ref<Household> | null;

  /** The QR point an anonymous report came through (exactly one of household and point). */
  @ManyToOne(() => IssueQrPoint, { ref: true, nullable: true, deleteRule: 'restrict' })
  qrPoint?: Ref<IssueQrPoint> | null;

  /** The household's compound (set by the trigger). */
  @ManyToOne(() => Compound, { ref: true, deleteRule: 'restrict' })
  compound!: Ref<Compound>;

  /** The household's place path (set by the trigger). */
  @Property({ columnType: 'ltree', defaultRaw: `''`, nullable: false })
  path?: string;

  /** The household's organization path (set by the trigger). */
  @Property({ columnType: 'ltree', nullable: true })
  orgPath?: string | null;

  @Enum({ items: () => IssueSubject, length: 20 })
  subject!: IssueSubject;

  @Property({ length: 100, nullable: true })
  spot?: string | null;

  @Property({ length: 50 })
  category!: string;

  @Enum({ items: () => IssuePriority, length: 20 })
  priority!: IssuePriority;

  @Property({ length: 2000 })
  text!: string;

  @Property({ length: 200, nullable: true })
  location?: string | null;

  /** Photo URLs or storage keys (upload comes with file storage). */
  @Property({ columnType: 'text[]', defaultRaw: `'{}'` })
  photos: string[] = [];

  /** Whether handlers may see the reporter's name. */
  @Property()
  nameVisible!: boolean;

  @Property()
  reporterUserId!: number;

  @Property({ length: 100 })
  reporterName!: string;

  @Enum({ items: () => IssueStatus, length: 20 })
  status!: IssueStatus;

  @Enum({ items: () => IssueLevel, length: 20 })
  level!: IssueLevel;

  /** When the current level's SLA runs out; null when nothing runs (solved, rejected, at the top). */
  @Property({ columnType: 'timestamptz', nullable: true })
  dueAt?: Date | null;

  @Property({ columnType: 'timestamptz' })
  reportedAt!: Date;

  @Property({ columnType: 'timestamptz', nullable: true })
  resolvedAt?: Date | null;

  @Property({ columnType: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  @Property({ length: 500, nullable: true })
  rejectionReason?: string | null;

  @Property({ columnType: 'smallint', nullable: true })
  rating?: number | null;

  @Property({ length: 500, nullable: true })
  ratingComment?: string | null;
}
