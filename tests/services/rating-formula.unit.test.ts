import { DEFAULT_THRESHOLDS, rank, ratingFlag, ratingScore } from '../../src/modules/services/rating-formula';

describe('the service rating formula', () => {
  it('scores 20 × the average, less 2 per objection and 3 more per unanswered one, never below 0, to one decimal', () => {
    expect(ratingScore(null, 3, 1)).toBeNull();
    expect(ratingScore(5, 0, 0)).toBe(100);
    expect(ratingScore(4.25, 2, 1)).toBe(85 - 4 - 3);
    expect(ratingScore(1, 20, 10)).toBe(0);
    expect(ratingScore(3.3333, 0, 0)).toBe(66.7);
  });

  it("flags RED at or above the community's red threshold and YELLOW below its yellow one", () => {
    expect(ratingFlag(85, DEFAULT_THRESHOLDS)).toBe('RED');
    expect(ratingFlag(84.9, DEFAULT_THRESHOLDS)).toBe('NONE');
    expect(ratingFlag(60, DEFAULT_THRESHOLDS)).toBe('NONE');
    expect(ratingFlag(59.9, DEFAULT_THRESHOLDS)).toBe('YELLOW');
    expect(ratingFlag(null, DEFAULT_THRESHOLDS)).toBe('NONE');
    expect(ratingFlag(70, { redFlagMinScore: 70, yellowFlagBelowScore: 50 })).toBe('RED');
  });

  it('ranks the best first, ties by compound, unrated last without a rank', () => {
    const rows = [
      { compoundId: 3, score: 80, rank: null },
      { compoundId: 1, score: null, rank: null },
      { compoundId: 2, score: 80, rank: null },
      { compoundId: 4, score: 95, rank: null },
    ];
    expect(rank(rows).map((r) => [r.compoundId, r.rank])).toEqual([
      [4, 1],
      [2, 2],
      [3, 3],
      [1, null],
    ]);
  });
});
