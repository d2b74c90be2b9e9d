import { parsePeriod, monthsBetween, addMonths } from '../../src/modules/figures/figures.period';
import { complement, markSmall, raw } from '../../src/modules/figures/figures.suppression';

describe('figures periods', () => {
  it('reads months and quarters, and nothing else', () => {
    expect(parsePeriod('2026-11')).toEqual({ label: '2026-11', months: ['2026-11-01'], quarter: '2026-10-01', end: '2026-12-01' });
    expect(parsePeriod('2026-Q4')).toEqual({
      label: '2026-Q4',
      months: ['2026-10-01', '2026-11-01', '2026-12-01'],
      quarter: '2026-10-01',
      end: '2027-01-01',
    });
    for (const bad of ['2026-13', '2026-Q5', '2026-1', '26-11', '2026-11-01', '1999-01']) expect(parsePeriod(bad)).toBeNull();
    expect(monthsBetween('2025-01-01', '2026-10-01')).toBe(22);
    expect(addMonths('2026-11-01', 2)).toBe('2027-01-01');
  });
});

describe('small-cell suppression', () => {
  it('withholds counts from 1 to k − 1, never 0, and a second cell where a total would give one away', () => {
    const cells = [raw(2, 2), raw(40, 40), raw(7, 7), raw(0, 0)];
    const total = raw(49, 49);
    markSmall([...cells, total], 3);
    expect(cells.map((c) => c.hide)).toEqual([true, false, false, false]);
    complement(cells, total);
    expect(cells.map((c) => c.hide)).toEqual([true, false, true, false]);
  });

  it('hides the total when no other cell can hide the small one', () => {
    const cells = [raw(1, 1), raw(0, 0)];
    const total = raw(1, 1);
    markSmall(cells, 3);
    complement(cells, total);
    expect(total.hide).toBe(true);
  });
});
