import { meetsRatio } from '../../src/modules/governance/committee.service';

describe("the committee's party-member share", () => {
  it("reaches the community's minimum, in integer arithmetic (no rounding up)", () => {
    expect(meetsRatio(3, 5, 60)).toBe(true);
    expect(meetsRatio(4, 7, 60)).toBe(false); // 57.1 %
    expect(meetsRatio(5, 7, 60)).toBe(true);
    expect(meetsRatio(2, 3, 67)).toBe(false); // 66.67 % < 67 %
    expect(meetsRatio(0, 0, 60)).toBe(false);
    expect(meetsRatio(0, 5, 0)).toBe(true);
  });
});
