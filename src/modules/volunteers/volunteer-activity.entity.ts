import { Check, Entity, Index, ManyToOne, Property, type Ref } from '@mikro-orm/core';
import { TenantEntity } from '../../core/database/tenant.entity';
import { VolunteerTeam } from './volunteer-team.entity';

/** A team's activity: once, or recurring by an RRULE from its first start (recurrence.ts). */
@Entity()
@Index({ properties: ['team'] })
@Check({ name: 'volunteer_activity_duration', expression: 'duration_minutes > 0 and duration_minutes <= 1440' })
@Check({ name: 'volunteer_activity_title_not_blank', expression: "btrim(title) <> ''" })
export class VolunteerActivity extends TenantEntity {
  @ManyToOne(() => VolunteerTeam, { ref: true, deleteRule: 'restrict' })
  team!: Ref<VolunteerTeam>;

  @Property({ length: 100 })
  title!: string;

  @Property({ columnType: 'timestamptz' })
  startsAt!: Date;

  @Property({ type: 'integer' })
  durationMinutes!: number;

  /** RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=TH; null for a one-off activity. */
  @Property({ length: 200, nullable: true })
  recurrence?: string | null;

  @Property({ length: 200, nullable: true })
  place?: string | null;

  /** What the activity's QR code carries: checking in needs it (being there). */
  @Property({ length: 32 })
  checkInCode!: string;
}
