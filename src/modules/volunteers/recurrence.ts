import { RRule } from 'rrule';

/*
 * When a volunteer activity takes place: once (at startsAt), or by an RRULE (RFC 5545) from
 * startsAt — the nightly patrol is FREQ=DAILY, the Thursday choir FREQ=WEEKLY;BYDAY=TH. Pure: no
 * database; times are UTC.
 */

/** Parses an RRULE (without DTSTART); null when it is not one. */
export function parseRule(rule: string, startsAt: Date): RRule | null {
  try {
    const options = RRule.parseString(rule.replace(/^RRULE:/i, ''));
    if (options.freq === undefined) return null;
    return new RRule({ ...options, dtstart: startsAt });
  } catch {
    return null;
  }
}

/** The start times between `from` and `to` (inclusive), at most `limit` of them. */
export function occurrences(startsAt: Date, rule: string | null, from: Date, to: Date, limit = 400): Date[] {
  if (!rule) return startsAt >= from && startsAt <= to ? [startsAt] : [];
  const parsed = parseRule(rule, startsAt);
  if (!parsed) return [];
  const out: Date[] = [];
  parsed.between(from, to, true, (date) => {
    out.push(date);
    return out.length < limit;
  });
  return out;
}

/** The start time of the occurrence on `day` (YYYY-MM-DD, UTC), or null when there is none. */
export function occurrenceOn(startsAt: Date, rule: string | null, day: string): Date | null {
  const from = new Date(`${day}T00:00:00Z`);
  const to = new Date(from.getTime() + 86_400_000 - 1);
  return occurrences(startsAt, rule, from, to, 1)[0] ?? null;
}
