import { quarterFees, type Groups } from '../../src/modules/figures/figures.compute';
import type { FeeMonthRow } from '../../src/modules/figures/figures.loaders';
import { link, markSmall, raw } from '../../src/modules/figures/figures.suppression';

/*
 * One suppression of fees per scope and quarter: the quarter's cell of every unit is the sum of its
 * three months' cells, so among the four never exactly one is withheld.
 */
const K = 3;

function flow(
  level: FeeMonthRow['level'],
  unitId: number | null,
  month: string,
  charged: number,
  settled: number,
  streetId: number | null = null,
): FeeMonthRow {
  const modes = [0, 1, 2, 3].map((i) =>
    i === 1 ? { charged, collected: settled * 1000, due: charged * 1000 } : { charged: 0, collected: 0, due: 0 },
  );
  return {
    level,
    unitId,
    streetId,
    month,
    charged,
    settled,
    arrears: charged - settled,
    due: charged * 1000,
    collected: settled * 1000,
    modes,
    objections: 0,
    objectionsAnswered: 0,
  };
}

const fees = (g: Groups) => [
  g.fees.chargedHouseholds,
  g.fees.settledHouseholds,
  g.fees.arrearsHouseholds,
  ...g.fees.byClass.map((c) => c.chargedHouseholds),
];

/** Every unit's cells of the three months and the quarter: never exactly one withheld. */
function expectNoneRecoverable(answers: ReturnType<typeof quarterFees>): void {
  const units: Groups[][] = [answers.map((a) => a.total)];
  for (const id of answers[3].rows.keys()) units.push(answers.map((a) => a.rows.get(id)!));
  for (const id of answers[3].streets.keys()) units.push(answers.map((a) => a.streets.get(id)!));
  for (const unit of units) {
    const cells = unit.map(fees);
    cells[0].forEach((_, i) => expect(cells.filter((c) => c[i].hide).length).not.toBe(1));
  }
}

describe('the quarter’s joint suppression of fees', () => {
  it('withholds a second month (or the quarter) beside a withheld month: 7 − 5 − 0 no longer gives 2', () => {
    // The review's case: October 740 charged, 735 settled; November 24 and 22; December nothing.
    const rows = [
      flow('TOTAL', null, '2026-10-01', 740, 735),
      flow('ROW', 1, '2026-10-01', 740, 735),
      flow('TOTAL', null, '2026-11-01', 24, 22),
      flow('ROW', 1, '2026-11-01', 24, 22),
    ];
    const answers = quarterFees(rows, '2026-10-01', K, false);
    expect(answers[1].total.fees.arrearsHouseholds.hide).toBe(true);
    expect(answers[3].total.fees.arrearsHouseholds.value).toBe(7);
    expectNoneRecoverable(answers);
    // Settled + in arrears = charged within each answer still holds.
    for (const a of answers) {
      const f = a.total.fees;
      expect([f.settledHouseholds, f.arrearsHouseholds].filter((c) => c.hide).length).not.toBe(1);
    }
  });

  it('links the streets and their communities in every month and the quarter', () => {
    const rows: FeeMonthRow[] = [];
    const months = ['2026-10-01', '2026-11-01', '2026-12-01'];
    // Street 1: communities 1 and 2; street 2: community 3. Small cells in different months.
    const plan: Array<[number, number, number[], number[]]> = [
      [1, 1, [100, 2, 50], [98, 1, 50]],
      [2, 1, [40, 40, 40], [40, 39, 40]],
      [3, 2, [1, 60, 60], [1, 58, 60]],
    ];
    months.forEach((month, m) => {
      let total = [0, 0];
      const streets = new Map<number, number[]>();
      for (const [community, street, charged, settled] of plan) {
        rows.push(flow('ROW', community, month, charged[m], settled[m], street));
        const s = streets.get(street) ?? [0, 0];
        streets.set(street, [s[0] + charged[m], s[1] + settled[m]]);
        total = [total[0] + charged[m], total[1] + settled[m]];
      }
      for (const [street, [c, s]] of streets) rows.push(flow('STREET', street, month, c, s));
      rows.push(flow('TOTAL', null, month, total[0], total[1]));
    });
    const answers = quarterFees(rows, '2026-10-01', K, true);
    expect(answers[1].rows.get(1)!.fees.chargedHouseholds.hide).toBe(true);
    expect(answers[0].rows.get(3)!.fees.chargedHouseholds.hide).toBe(true);
    expectNoneRecoverable(answers);
    for (const a of answers) {
      const col = (g: Groups) => g.fees.chargedHouseholds;
      expect([...a.rows.values()].map(col).filter((c) => c.hide).length).not.toBe(1);
      expect([...a.streets.values()].map(col).filter((c) => c.hide).length).not.toBe(1);
    }
  });

  it('withholds a part beside a withheld whole whose parts are all shown', () => {
    const parts = [raw(40, 40), raw(5, 5), raw(0, 0)];
    const whole = raw(45, 45);
    whole.hide = true;
    markSmall(parts, K);
    link(parts, whole);
    expect(parts.map((p) => p.hide)).toEqual([false, true, false]);
  });
});
