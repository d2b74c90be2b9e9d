import { Check, Entity, ManyToOne, OneToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { IssueQrPoint } from './issue-qr-point.entity';
import { ResidentIssue } from './resident-issue.entity';

/**
 * Who reported an issue by QR code, without an account: the phone for call-back, sealed (core/crypto) like a
 * person's phone, with its blind index, and the SHA-256 of the tracking code the reporter
 * was given (the code itself is never stored).
 */
@Entity()
@Check({ name: 'anonymous_report_phone_sealed', expression: "phone_sealed ~ '^v1:'" })
@Check({ name: 'anonymous_report_tracking_hash', expression: "tracking_hash ~ '^[0-9a-f]{64}$'" })
export class AnonymousReport extends TenantEntity {
  @OneToOne(() => ResidentIssue, { ref: true, owner: true, deleteRule: 'restrict' })
  issue!: Ref<ResidentIssue>;

  @ManyToOne(() => IssueQrPoint, { ref: true, deleteRule: 'restrict' })
  qrPoint!: Ref<IssueQrPoint>;

  @Property({ length: 400 })
  phoneSealed!: string;

  /** Blind index of the phone (finding a caller's earlier reports without decrypting). */
  @Property({ length: 64, index: true })
  phoneIndex!: string;

  @Property({ length: 64, unique: true })
  trackingHash!: string;
}
