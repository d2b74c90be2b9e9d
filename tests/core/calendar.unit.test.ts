import { monthStart, nextMonth, previousQuarter, quarterEnd, quarterStart, yearStart } from '../../src/core/time/calendar';

describe('calendar periods', () => {
  it('months', () => {
    expect(monthStart('2026-02-28')).toBe('2026-02-01');
    expect(nextMonth('2026-02-28')).toBe('2026-03-01');
    expect(nextMonth('2026-12-31')).toBe('2027-01-01');
  });

  it('quarters, across the year boundary', () => {
    expect(quarterStart('2026-03-31')).toBe('2026-01-01');
    expect(quarterStart('2026-04-01')).toBe('2026-04-01');
    expect(quarterEnd('2026-11-15')).toBe('2027-01-01');
    expect(quarterEnd('2026-05-15')).toBe('2026-07-01');
    expect(previousQuarter('2026-02-01')).toBe('2025-10-01');
    expect(previousQuarter('2026-12-31')).toBe('2026-07-01');
  });

  it('years', () => {
    expect(yearStart('2026-07-01')).toBe('2026-01-01');
  });
});
