import { boundedBetween, isBoundedRule } from '../../core/time/recurrence';

/*
 * When a schedule's meetings fall (MeetingSchedule), as RFC 5545 recurrence rules read by the
 * `rrule` library: 逢三说事 on the 3rd, 13th and 23rd of every month; the Friday office hour (坐班);
 * the quarterly joint meeting (季度联席会); or any rule a community writes. A day that falls on a
 * weekend or a listed holiday moves to the next working day when the schedule says so (a
 * community setting), and two meetings that land on one day are one. Pure: dates in, dates out.
 */

/** The kinds of schedule the articles name, and their rules. */
export enum ScheduleKind {
  /** 逢三说事: the 3rd, 13th and 23rd of every month. */
  THIRDS = 'THIRDS',
  /** 坐班: every Friday. */
  FRIDAY_OFFICE_HOUR = 'FRIDAY_OFFICE_HOUR',
  /** 季度联席会: the 15th of the first month of each quarter. */
  QUARTERLY_JOINT = 'QUARTERLY_JOINT',
  /** Branch and group meetings, assemblies: the rule the schedule gives. */
  CUSTOM = 'CUSTOM',
}

const RULES: Record<Exclude<ScheduleKind, ScheduleKind.CUSTOM>, string> = {
  THIRDS: 'FREQ=MONTHLY;BYMONTHDAY=3,13,23',
  FRIDAY_OFFICE_HOUR: 'FREQ=WEEKLY;BYDAY=FR',
  QUARTERLY_JOINT: 'FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=15',
};

/** The rule text of a kind (CUSTOM: the given one). */
export function ruleOf(kind: ScheduleKind, custom?: string | null): string {
  if (kind === ScheduleKind.CUSTOM) {
    if (!custom) throw new RangeError('a CUSTOM schedule needs its rule');
    return custom;
  }
  return RULES[kind];
}

/**
 * Whether `rule` is a recurrence rule this server evaluates from the day `startsOn`: FREQ first,
 * no DTSTART of its own, at most once a day, open-ended or to an UNTIL, taking place now and then
 * (core/time/recurrence.ts: a rule the library would walk for minutes is refused).
 */
export function isValidRule(rule: string, startsOn: string): boolean {
  if (!/^FREQ=/.test(rule) || /DTSTART|\n/.test(rule)) return false;
  return isBoundedRule(rule, utc(startsOn));
}

export interface OccurrenceOptions {
  /** The schedule's first day (YYYY-MM-DD). */
  startsOn: string;
  /** The window, inclusive (YYYY-MM-DD). */
  from: string;
  to: string;
  /** Move a day on a weekend or holiday to the next working day. */
  nextWorkingDay: boolean;
  /** Public holidays (YYYY-MM-DD) the community lists. */
  holidays?: readonly string[];
  /** Days that are working days although on a weekend (调休). */
  workdays?: readonly string[];
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (day: string) => new Date(`${day}T00:00:00Z`);

export function isWorkingDay(day: string, holidays: readonly string[] = [], workdays: readonly string[] = []): boolean {
  if (workdays.includes(day)) return true;
  if (holidays.includes(day)) return false;
  const weekday = utc(day).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

export function nextWorkingDayOf(day: string, holidays: readonly string[] = [], workdays: readonly string[] = []): string {
  let d = utc(day);
  while (!isWorkingDay(iso(d), holidays, workdays)) d = new Date(d.getTime() + 86_400_000);
  return iso(d);
}

/** The days a schedule's meetings fall on within the window, in order, each once. */
export function occurrences(rule: string, options: OccurrenceOptions): string[] {
  // A day just before the window may move into it.
  const lookBehind = options.nextWorkingDay ? 10 : 0;
  const from = new Date(utc(options.from).getTime() - lookBehind * 86_400_000);
  const days = boundedBetween(rule, utc(options.startsOn), from, utc(options.to), 1000).map(iso);
  const moved = options.nextWorkingDay ? days.map((d) => nextWorkingDayOf(d, options.holidays, options.workdays)) : days;
  return [...new Set(moved)].filter((d) => d >= options.from && d <= options.to);
}
