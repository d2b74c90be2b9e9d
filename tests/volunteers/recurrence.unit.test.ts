import { isActivityRule, occurrenceOn, occurrences } from '../../src/modules/volunteers/recurrence';

describe('volunteer activity recurrence', () => {
  const thursdayChoir = new Date('2026-01-01T11:30:00Z'); // a Thursday

  it('lists the Thursdays of a month for FREQ=WEEKLY;BYDAY=TH, and the one start of a one-off', () => {
    expect(
      occurrences(thursdayChoir, 'FREQ=WEEKLY;BYDAY=TH', new Date('2026-11-01T00:00:00Z'), new Date('2026-11-30T23:59:59Z')).map((d) =>
        d.toISOString(),
      ),
    ).toEqual(['2026-11-05T11:30:00.000Z', '2026-11-12T11:30:00.000Z', '2026-11-19T11:30:00.000Z', '2026-11-26T11:30:00.000Z']);
    expect(occurrences(thursdayChoir, null, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T00:00:00Z'))).toEqual([thursdayChoir]);
    expect(occurrences(thursdayChoir, null, new Date('2026-02-01T00:00:00Z'), new Date('2026-03-01T00:00:00Z'))).toEqual([]);
  });

  it('finds the occurrence of a day, or none', () => {
    expect(occurrenceOn(thursdayChoir, 'FREQ=WEEKLY;BYDAY=TH', '2026-11-19')?.toISOString()).toBe('2026-11-19T11:30:00.000Z');
    expect(occurrenceOn(thursdayChoir, 'FREQ=WEEKLY;BYDAY=TH', '2026-11-20')).toBeNull();
    expect(occurrenceOn(new Date('2026-01-01T12:00:00Z'), 'FREQ=DAILY', '2026-07-04')?.toISOString()).toBe('2026-07-04T12:00:00.000Z');
    expect(occurrenceOn(new Date('2026-04-18T01:00:00Z'), 'FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=18', '2027-04-18')).not.toBeNull();
  });

  it('refuses what is not an RRULE, and caps long lists', () => {
    expect(isActivityRule('EVERY THURSDAY', thursdayChoir)).toBe(false);
    expect(isActivityRule('RRULE:FREQ=DAILY', thursdayChoir)).toBe(true);
    // Every second from 1900 held the event loop for hours (a sign-up asks for the day's occurrence).
    expect(isActivityRule('FREQ=SECONDLY', new Date('1900-01-01T00:00:00Z'))).toBe(false);
    expect(occurrenceOn(new Date('1900-01-01T00:00:00Z'), 'FREQ=SECONDLY', '2026-12-05')).toBeNull();
    expect(occurrences(thursdayChoir, 'FREQ=DAILY', new Date('2026-01-01T00:00:00Z'), new Date('2027-12-31T00:00:00Z'), 10)).toHaveLength(
      10,
    );
  });
});
