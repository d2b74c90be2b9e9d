import { isValidRule, isWorkingDay, nextWorkingDayOf, occurrences, ruleOf, ScheduleKind } from '../../src/modules/meetings/recurrence';

describe('meeting recurrence', () => {
  it('puts 逢三说事 on the 3rd, 13th and 23rd of every month', () => {
    const days = occurrences(ruleOf(ScheduleKind.THIRDS), {
      startsOn: '2026-01-01',
      from: '2026-05-01',
      to: '2026-06-30',
      nextWorkingDay: false,
    });
    expect(days).toEqual(['2026-05-03', '2026-05-13', '2026-05-23', '2026-06-03', '2026-06-13', '2026-06-23']);
  });

  it('moves a 逢三 day on a weekend or holiday to the next working day when the community says so', () => {
    // 2026-05-03 is a Sunday (and in the May holiday), 2026-05-23 a Saturday.
    const days = occurrences(ruleOf(ScheduleKind.THIRDS), {
      startsOn: '2026-01-01',
      from: '2026-05-01',
      to: '2026-05-31',
      nextWorkingDay: true,
      holidays: ['2026-05-01', '2026-05-04', '2026-05-05'],
    });
    expect(days).toEqual(['2026-05-06', '2026-05-13', '2026-05-25']);
  });

  it('counts a makeup working day (调休) on a weekend as a working day', () => {
    expect(isWorkingDay('2026-05-09')).toBe(false);
    expect(isWorkingDay('2026-05-09', [], ['2026-05-09'])).toBe(true);
    expect(nextWorkingDayOf('2026-05-08', ['2026-05-08'], ['2026-05-09'])).toBe('2026-05-09');
  });

  it('holds the office hour every Friday and the joint meeting once a quarter', () => {
    expect(
      occurrences(ruleOf(ScheduleKind.FRIDAY_OFFICE_HOUR), {
        startsOn: '2026-01-01',
        from: '2026-07-01',
        to: '2026-07-31',
        nextWorkingDay: false,
      }),
    ).toEqual(['2026-07-03', '2026-07-10', '2026-07-17', '2026-07-24', '2026-07-31']);
    expect(
      occurrences(ruleOf(ScheduleKind.QUARTERLY_JOINT), {
        startsOn: '2026-01-01',
        from: '2026-01-01',
        to: '2026-12-31',
        nextWorkingDay: true,
      }),
    ).toEqual(['2026-01-15', '2026-04-15', '2026-07-15', '2026-10-15']);
  });

  it('reads custom rules and refuses what is not one', () => {
    expect(isValidRule('FREQ=MONTHLY;BYDAY=1MO', '2026-01-01')).toBe(true);
    expect(isValidRule('FREQ=SOMETIMES', '2026-01-01')).toBe(false);
    expect(isValidRule('DTSTART:20260101T000000Z', '2026-01-01')).toBe(false);
    // Rules the library would walk for minutes, holding every request of the instance.
    for (const rule of [
      'FREQ=SECONDLY',
      'FREQ=HOURLY',
      'FREQ=DAILY;BYHOUR=9,10',
      'FREQ=DAILY;COUNT=10',
      'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
    ])
      expect([rule, isValidRule(rule, '1900-01-01')]).toEqual([rule, false]);
    expect(
      occurrences(ruleOf(ScheduleKind.CUSTOM, 'FREQ=MONTHLY;BYDAY=1MO'), {
        startsOn: '2026-01-01',
        from: '2026-03-01',
        to: '2026-04-30',
        nextWorkingDay: false,
      }),
    ).toEqual(['2026-03-02', '2026-04-06']);
    expect(() => ruleOf(ScheduleKind.CUSTOM)).toThrow(RangeError);
  });

  it('does not start before the schedule does', () => {
    expect(
      occurrences(ruleOf(ScheduleKind.THIRDS), { startsOn: '2026-06-10', from: '2026-06-01', to: '2026-06-30', nextWorkingDay: false }),
    ).toEqual(['2026-06-13', '2026-06-23']);
  });
});
