import { BigIntType, Check, Entity, Index, ManyToOne, Property, Unique, type Opt, type Ref } from '@mikro-orm/core';
import { HierarchyNodeEntity } from '../../core/database/base.entity';
import { District } from './district.entity';
import { Street } from './street.entity';

/** 社区: the tenant. Its `district` is copied from its street by a trigger, for district read models. */
@Entity()
@Unique({ properties: ['street', 'name'] })
@Index({ properties: ['district'] })
@Check({ name: 'community_name_not_blank', expression: "btrim(name) <> ''" })
@Check({ name: 'community_area_positive', expression: 'area_km2 is null or area_km2 > 0' })
@Check({ name: 'community_residents_non_negative', expression: 'registered_residents is null or registered_residents >= 0' })
@Check({ name: 'community_party_member_ratio_range', expression: 'party_member_ratio_min >= 0 and party_member_ratio_min <= 100' })
@Check({ name: 'community_spending_thresholds', expression: 'simplified_spending_below_fen >= 0 and quorum_spending_above_fen >= 0' })
@Check({ name: 'community_statement_due_day_range', expression: 'statement_due_day >= 1 and statement_due_day <= 28' })
@Check({
  name: 'community_flag_thresholds',
  expression: 'yellow_flag_below_score >= 0 and yellow_flag_below_score <= red_flag_min_score and red_flag_min_score <= 100',
})
export class Community extends HierarchyNodeEntity {
  @ManyToOne(() => District, { ref: true, deleteRule: 'restrict' })
  district!: Ref<District>;

  @ManyToOne(() => Street, { ref: true, deleteRule: 'restrict' })
  street!: Ref<Street>;

  @Property({ length: 100 })
  name!: string;

  /** Area as published, in km² (seed 001: 4.2). */
  @Property({ columnType: 'numeric(8,2)', nullable: true })
  areaKm2?: string | null;

  /** Registered residents as published (seed 001: 25,000+); persons on record are counted separately. */
  @Property({ type: 'integer', nullable: true })
  registeredResidents?: number | null;

  /*
   * Self-governance settings each community decides for itself (DOMAIN.md: money and committees).
   * Defaults follow the articles: committees at least 60 % party members.
   */

  /** Minimum share of party members on a property committee, in percent. */
  @Property({ columnType: 'smallint', defaultRaw: '60' })
  partyMemberRatioMin: Opt<number> = 60;

  /** Spending below this (fen) takes the simplified path: proposal, then resolution. */
  @Property({ type: new BigIntType('number'), columnType: 'bigint', defaultRaw: '50000' })
  simplifiedSpendingBelowFen: Opt<number> = 50_000;

  /** Spending above this (fen) needs the quorum at the review and resolution meetings. */
  @Property({ type: new BigIntType('number'), columnType: 'bigint', defaultRaw: '500000' })
  quorumSpendingAboveFen: Opt<number> = 500_000;

  /** A month's statement is late when not published by this day of the following month. */
  @Property({ columnType: 'smallint', defaultRaw: '10' })
  statementDueDay: Opt<number> = 10;

  /** Whether paying may take an account below zero (an advance the community carries). */
  @Property({ defaultRaw: 'false' })
  allowNegativeBalance: Opt<boolean> = false;

  /** A compound's service scoring at least this (0–100) in a quarter earns its provider a red flag. */
  @Property({ columnType: 'smallint', defaultRaw: '85' })
  redFlagMinScore: Opt<number> = 85;

  /** Scoring below this earns a yellow flag. */
  @Property({ columnType: 'smallint', defaultRaw: '60' })
  yellowFlagBelowScore: Opt<number> = 60;
}
