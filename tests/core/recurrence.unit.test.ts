import { RRule } from 'rrule';
import { boundedBetween, boundedRuleOptions, isBoundedRule } from '../../src/core/time/recurrence';

/*
 * Recurrence rules in bounded time: a rule that could hold the event loop (finer than a day, or a
 * start long before the window with periods that never match) is refused or walked from a start
 * moved to the window, with exactly the occurrences the library gives from the real start.
 */
describe('bounded recurrence', () => {
  const RULES = [
    'FREQ=DAILY',
    'FREQ=DAILY;INTERVAL=3',
    'FREQ=WEEKLY;BYDAY=TH',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,FR',
    'FREQ=WEEKLY;INTERVAL=2',
    'FREQ=WEEKLY;WKST=SU;INTERVAL=3;BYDAY=SU,SA',
    'FREQ=MONTHLY',
    'FREQ=MONTHLY;INTERVAL=5',
    'FREQ=MONTHLY;BYMONTHDAY=3,13,23',
    'FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=15',
    'FREQ=MONTHLY;BYDAY=1MO',
    'FREQ=MONTHLY;BYDAY=-1FR',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    'FREQ=MONTHLY;INTERVAL=2;BYMONTHDAY=31',
    'FREQ=YEARLY',
    'FREQ=YEARLY;INTERVAL=4',
    'FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=18',
    'FREQ=YEARLY;BYMONTH=2',
    'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO',
    'FREQ=DAILY;UNTIL=20270101T000000Z',
  ];

  it('gives the occurrences the library gives from the real start', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    for (let i = 0; i < 800; i++) {
      const rule = RULES[i % RULES.length];
      const start = new Date(
        Date.UTC(1995 + Math.floor(random() * 30), Math.floor(random() * 12), 1 + Math.floor(random() * 31), Math.floor(random() * 24), 30),
      );
      const from = new Date(start.getTime() + (random() * 40 - 5) * 365 * 86_400_000);
      const to = new Date(from.getTime() + random() * 366 * 86_400_000);
      const expected: Date[] = [];
      new RRule({ ...RRule.parseString(rule), dtstart: start }).between(from, to, true, (d) => {
        expected.push(d);
        return expected.length < 400;
      });
      expect([rule, start, from, to, boundedBetween(rule, start, from, to, 400)]).toEqual([rule, start, from, to, expected]);
    }
  });

  it('refuses rules finer than a day, several times a day, counted, or malformed', () => {
    for (const rule of ['FREQ=SECONDLY', 'FREQ=MINUTELY', 'FREQ=HOURLY', 'FREQ=DAILY;BYHOUR=1,2', 'FREQ=DAILY;BYMINUTE=5'])
      expect([rule, boundedRuleOptions(rule)]).toEqual([rule, null]);
    for (const rule of [
      'FREQ=DAILY;COUNT=3',
      'FREQ=DAILY;INTERVAL=0',
      'BYDAY=MO',
      'garbage',
      'FREQ=DAILY;DTSTART=20260101T000000Z',
      // Easter on 24 March: in 9989–9999, yet next after 2026 in 2391 (133,000 days to walk).
      'FREQ=DAILY;BYEASTER=0;BYMONTH=3;BYMONTHDAY=24',
    ])
      expect([rule, boundedRuleOptions(rule)]).toEqual([rule, null]);
    expect(boundedBetween('FREQ=SECONDLY', new Date('1900-01-01'), new Date('2026-12-05'), new Date('2026-12-06'), 400)).toEqual([]);
  });

  it('walks at most about a year of periods, however early the start and however rare the rule', () => {
    for (const rule of [
      'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
      'FREQ=DAILY;BYSETPOS=2',
      'FREQ=WEEKLY;BYSETPOS=9',
      'FREQ=DAILY;INTERVAL=7;BYDAY=MO',
    ]) {
      expect(boundedBetween(rule, new Date('1900-01-02T00:00:00Z'), new Date('2100-01-01'), new Date('2100-01-31'), 400)).toEqual([]);
      expect([rule, isBoundedRule(rule, new Date('2026-01-01'))]).toEqual([rule, false]);
    }
    expect(isBoundedRule('FREQ=MONTHLY;BYMONTHDAY=3,13,23', new Date('2026-01-01'))).toBe(true);
    // A rare calendar rule is evaluated, its walk bounded by the calendar's cycle: 29 February on a Saturday (a Monday never falls in the probe's years: refused).
    const leapMondays = boundedBetween(
      'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=SA',
      new Date('2026-01-01'),
      new Date('2026-01-01'),
      new Date('2100-12-31'),
      10,
    );
    expect(leapMondays.map((d) => d.toISOString().slice(0, 10))).toEqual(['2048-02-29', '2076-02-29']);
    expect(isBoundedRule('FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO', new Date('2026-01-01'))).toBe(false);
  });
});
