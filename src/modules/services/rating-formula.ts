import { RatingFlag } from './services.enums';

/*
 * The rating of a compound's service in one quarter (物业服务评价), as pure arithmetic: 20 × the
 * households' average rating (1–5, so 20–100), less 2 points per objection raised in the quarter
 * and 3 more per objection not answered by the quarter's end, never below 0, to one decimal. Flags
 * use the community's thresholds: RED at or above redFlagMinScore, YELLOW below yellowFlagBelowScore.
 */

export interface FlagThresholds {
  redFlagMinScore: number;
  yellowFlagBelowScore: number;
}

export const DEFAULT_THRESHOLDS: FlagThresholds = { redFlagMinScore: 85, yellowFlagBelowScore: 60 };

/** The score; null without evaluations. */
export function ratingScore(average: number | null, objections: number, unanswered: number): number | null {
  if (average === null) return null;
  return Math.max(0, Math.round((average * 20 - 2 * objections - 3 * unanswered) * 10) / 10);
}

export function ratingFlag(score: number | null, thresholds: FlagThresholds): RatingFlag {
  if (score === null) return RatingFlag.NONE;
  if (score >= thresholds.redFlagMinScore) return RatingFlag.RED;
  return score < thresholds.yellowFlagBelowScore ? RatingFlag.YELLOW : RatingFlag.NONE;
}

/** Ranks in place: best score first, ties by compound; unrated compounds last, without a rank. */
export function rank<T extends { score: number | null; compoundId: number; rank: number | null }>(rows: T[]): T[] {
  rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.compoundId - b.compoundId);
  let next = 0;
  for (const r of rows) r.rank = r.score !== null ? ++next : null;
  return rows;
}
