import { Frequency, RRule, type Options } from 'rrule';

/*
 * Recurrence rules (RFC 5545 RRULE, read by the `rrule` library) evaluated in bounded time, for the
 * modules that keep them (meeting schedules, volunteer activities).
 *
 * `rrule` walks every period from the rule's start to the end of the window asked for, and a
 * period with no occurrence is slow (about a millisecond for a day): FREQ=SECONDLY from 1900, or
 * FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30 from 2000, held the event loop — every request of the
 * instance — for minutes. So a rule is refused unless it falls at most once a day (FREQ DAILY or
 * longer, no BYHOUR/BYMINUTE/BYSECOND: the time of day is the start's) and runs open-ended or to an
 * UNTIL (no COUNT, which would count from the first start); and it is evaluated from a start moved
 * forward, by whole periods, to just before the window: the same occurrences, at most a year of
 * periods walked whatever the start.
 */

const PERIOD_FREQS: readonly Frequency[] = [Frequency.YEARLY, Frequency.MONTHLY, Frequency.WEEKLY, Frequency.DAILY];
const DAY = 86_400_000;

const present = (v: unknown) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0);

/** The rule's options, or null when it is not a rule this server evaluates (see above). */
export function boundedRuleOptions(rule: string): Partial<Options> | null {
  const text = rule.replace(/^RRULE:/i, '');
  if (!/^FREQ=/i.test(text) || /DTSTART|\n/i.test(text)) return null;
  let options: Partial<Options>;
  try {
    options = RRule.parseString(text);
    // The library accepts some nonsense (a bad BYDAY) only when it builds the rule.
    new RRule({ ...options, dtstart: new Date(0) });
  } catch {
    return null;
  }
  if (options.freq === undefined || options.freq === null || !PERIOD_FREQS.includes(options.freq)) return null;
  if (options.count !== undefined && options.count !== null) return null;
  // Easter moves on a cycle of millions of years: "Easter on 24 March" takes place in 9989–9999 (the
  // probe below) and next after 2026 in 2391, a walk of 133,000 days. Without it every filter is of
  // the Gregorian calendar, whose 400-year cycle keeps the gaps between occurrences to decades.
  if (present(options.byeaster)) return null;
  for (const key of ['byhour', 'byminute', 'bysecond'] as const) {
    const value = options[key];
    if (value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0)) return null;
  }
  if (options.interval !== undefined && options.interval !== null && (options.interval < 1 || options.interval > 1000)) return null;
  return options;
}

/**
 * The start moved forward by whole periods to before `from`, with the defaults the library takes
 * from the start (the day of the month, the month, the weekday) written out so they stay.
 */
function movedStart(options: Partial<Options>, start: Date, from: Date): { options: Partial<Options>; start: Date } {
  const interval = options.interval || 1;
  const filled = { ...options };
  const takesDefaults = !(
    present(options.byweekno) ||
    present(options.byyearday) ||
    present(options.bymonthday) ||
    present(options.byweekday) ||
    present(options.byeaster)
  );
  if (takesDefaults) {
    if (options.freq === Frequency.YEARLY) {
      filled.bymonth = present(options.bymonth) ? options.bymonth : start.getUTCMonth() + 1;
      filled.bymonthday = start.getUTCDate();
    } else if (options.freq === Frequency.MONTHLY) {
      filled.bymonthday = start.getUTCDate();
    }
  }
  const timeOfDay = start.getTime() - Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  if (options.freq === Frequency.DAILY || options.freq === Frequency.WEEKLY) {
    const step = (options.freq === Frequency.DAILY ? 1 : 7) * interval * DAY;
    // One period before the window, so a period straddling its start is walked whole.
    const periods = Math.floor((from.getTime() - step - start.getTime()) / step);
    return periods > 0 ? { options: filled, start: new Date(start.getTime() + periods * step) } : { options, start };
  }
  const months = options.freq === Frequency.MONTHLY ? interval : 12 * interval;
  const gap = (from.getUTCFullYear() - start.getUTCFullYear()) * 12 + (from.getUTCMonth() - start.getUTCMonth()) - months;
  const periods = Math.floor(gap / months);
  if (periods <= 0) return { options, start };
  const month = start.getUTCMonth() + periods * months;
  // The first day of the period (a month, or the start's year moved on), at the start's time of day.
  const first =
    options.freq === Frequency.MONTHLY
      ? Date.UTC(start.getUTCFullYear(), month, 1)
      : Date.UTC(start.getUTCFullYear() + (periods * months) / 12, 0, 1);
  return { options: filled, start: new Date(first + timeOfDay) };
}

/**
 * The library stops walking only at an occurrence past the window (or at the year 9999): a rule
 * that never takes place walks to 9999 (seconds for FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30), one
 * that rarely does walks the gap. So a rule must take place in the ten years before 9999 (walked
 * from a start moved there: milliseconds): then its gaps are short enough to walk. Answers are
 * remembered per rule and start.
 */
const PROBE_FROM = new Date(Date.UTC(9989, 0, 1));
const probed = new Map<string, boolean>();

function takesPlace(rule: string, options: Partial<Options>, start: Date): boolean {
  const key = `${rule}|${start.toISOString()}`;
  let answer = probed.get(key);
  if (answer === undefined) {
    const moved = movedStart({ ...options, until: null }, start, PROBE_FROM);
    answer = new RRule({ ...moved.options, dtstart: moved.start }).after(PROBE_FROM, true) !== null;
    if (probed.size >= 10_000) probed.clear();
    probed.set(key, answer);
  }
  return answer;
}

/** Whether `rule` is one this server evaluates from `start` (see above), for the mutations that store one. */
export function isBoundedRule(rule: string, start: Date): boolean {
  const options = boundedRuleOptions(rule);
  return !!options && takesPlace(rule, options, start);
}

/** The occurrences from `from` to `to` (inclusive), at most `limit`; none for a rule this server does not evaluate. */
export function boundedBetween(rule: string, start: Date, from: Date, to: Date, limit: number): Date[] {
  const options = boundedRuleOptions(rule);
  if (!options || !(to >= from) || !takesPlace(rule, options, start)) return [];
  const moved = movedStart(options, start, from);
  const out: Date[] = [];
  new RRule({ ...moved.options, dtstart: moved.start }).between(from, to, true, (date) => {
    if (date >= start) out.push(date);
    return out.length < limit;
  });
  return out;
}
