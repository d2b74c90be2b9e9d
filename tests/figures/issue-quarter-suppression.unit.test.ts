import { quarterRatings, type FactRow } from '../../src/modules/figures/figures.issues';

/*
 * Issue ratings withheld once per scope and quarter: every unit's (and the total's) quarter count is
 * the sum of its three months', so among the four never exactly one is withheld; within each month's
 * answer and the quarter's, the units add up to the total, so never exactly one withheld beside it.
 */
const K = 3;
const MONTHS = ['2027-04-01', '2027-05-01', '2027-06-01'];

/** Facts per unit and month and per month (unit null), as the statement gives them: ratings all 4. */
function rows(units: Record<number, number[]>): FactRow[] {
  const out: FactRow[] = [];
  const fact = (unit: number | null, month: string, ratings: number): FactRow => ({
    unit,
    month,
    reported: ratings,
    acceptedWithinSla: 0,
    resolved: ratings,
    resolvedWithinSla: 0,
    solvedInCompound: 0,
    medianHours: null,
    ratings,
    ratingSum: ratings * 4,
  });
  MONTHS.forEach((month, m) => {
    let total = 0;
    for (const [unit, counts] of Object.entries(units)) {
      if (counts[m]) out.push(fact(Number(unit), month, counts[m]));
      total += counts[m];
    }
    if (total) out.push(fact(null, month, total));
  });
  return out;
}

/** The groups with exactly one withheld cell (a cell one could work out by subtraction). */
function lone(units: Record<number, number[]>): string[] {
  const joint = quarterRatings(rows(units), MONTHS[0], K);
  const found: string[] = [];
  const one = (cells: Array<{ hide: boolean }>) => cells.filter((c) => c.hide).length === 1;
  for (const [unit, list] of [['total', joint.total] as const, ...[...joint.units].map(([id, l]) => [`unit ${id}`, l] as const)]) {
    if (one(list.map((x) => x.ratings))) found.push(`${unit} across the quarter`);
    if (list.some((x) => x.average.hide !== x.ratings.hide)) found.push(`${unit} average`);
  }
  for (let p = 0; p < 4; p++)
    if (one([joint.total[p].ratings, ...[...joint.units.values()].map((l) => l[p].ratings)])) found.push(`answer ${p}`);
  return found;
}

const hidden = (units: Record<number, number[]>) => {
  const joint = quarterRatings(rows(units), MONTHS[0], K);
  return {
    total: joint.total.map((x) => x.ratings.hide),
    units: Object.fromEntries([...joint.units].map(([id, l]) => [id, l.map((x) => x.ratings.hide)])),
  };
};

describe('quarterRatings', () => {
  it('withholds a second month with a small one, where the quarter would give it away', () => {
    // April 3, May 2, June 3: the quarter's 8 less 3 and 3 was May's.
    expect(hidden({ 1: [3, 2, 3] })).toEqual({ total: [true, true, false, false], units: { 1: [true, true, false, false] } });
    expect(lone({ 1: [3, 2, 3] })).toEqual([]);
  });

  it('leaves no lone withheld cell across units and months', () => {
    const cases: Array<Record<number, number[]>> = [
      { 1: [3, 2, 3], 2: [5, 5, 5] },
      { 1: [1, 0, 0], 2: [4, 0, 6], 3: [0, 2, 9] },
      { 1: [2, 2, 2], 2: [0, 0, 1] },
      { 1: [0, 0, 0], 2: [7, 1, 0], 3: [3, 3, 3], 4: [0, 0, 2] },
    ];
    for (const c of cases) expect({ c, lone: lone(c) }).toEqual({ c, lone: [] });
  });

  it('withholds nothing at or above k, and shows zeros', () => {
    expect(hidden({ 1: [3, 0, 4], 2: [0, 0, 0] })).toEqual({
      total: [false, false, false, false],
      units: { 1: [false, false, false, false] },
    });
  });
});
