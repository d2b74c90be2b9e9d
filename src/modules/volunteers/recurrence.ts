import { boundedBetween, isBoundedRule } from '../../core/time/recurrence';

/*
 * When a volunteer activity takes place: once (at startsAt), or by an RRULE (RFC 5545) from
 * startsAt — the nightly patrol is FREQ=DAILY, the Thursday choir FREQ=WEEKLY;BYDAY=TH. Pure: no
 * database; times are UTC.
 */

/**
 * Whether `rule` is an RRULE (without DTSTART) this server evaluates from `startsAt`: at most once a
 * day, open-ended or to an UNTIL, taking place now and then (core/time/recurrence.ts: a rule the
 * library would walk for minutes is refused).
 */
export function isActivityRule(rule: string, startsAt: Date): boolean {
  return isBoundedRule(rule, startsAt);
}

/** The start times between `from` and `to` (inclusive), at most `limit` of them. */
export function occurrences(startsAt: Date, rule: string | null, from: Date, to: Date, limit = 400): Date[] {
  if (!rule) return startsAt >= from && startsAt <= to ? [startsAt] : [];
  return boundedBetween(rule.replace(/^RRULE:/i, ''), startsAt, from, to, limit);
}

/** The start time of the occurrence on `day` (YYYY-MM-DD, UTC), or null when there is none. */
export function occurrenceOn(startsAt: Date, rule: string | null, day: string): Date | null {
  const from = new Date(`${day}T00:00:00Z`);
  const to = new Date(from.getTime() + 86_400_000 - 1);
  return occurrences(startsAt, rule, from, to, 1)[0] ?? null;
}
