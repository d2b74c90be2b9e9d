/*
 * Calendar periods as ISO dates (YYYY-MM-DD), computed on the text: months for statements and
 * fees, quarters for evaluations, years for yearly fees. No time zones: these are days.
 */

function parts(day: string): [number, number] {
  const [y, m] = day.split('-').map(Number);
  return [y, m];
}

const iso = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}-01`;

/** The first day of the month of `day`. */
export function monthStart(day: string): string {
  const [y, m] = parts(day);
  return iso(y, m);
}

/** The first day of the month after the month of `day`. */
export function nextMonth(day: string): string {
  const [y, m] = parts(day);
  return m === 12 ? iso(y + 1, 1) : iso(y, m + 1);
}

/** The first day of the quarter of `day`. */
export function quarterStart(day: string): string {
  const [y, m] = parts(day);
  return iso(y, Math.floor((m - 1) / 3) * 3 + 1);
}

/** The first day after the quarter of `day`. */
export function quarterEnd(day: string): string {
  const [y, m] = parts(quarterStart(day));
  return m === 10 ? iso(y + 1, 1) : iso(y, m + 3);
}

/** The first day of the quarter before the quarter of `day`. */
export function previousQuarter(day: string): string {
  const [y, m] = parts(quarterStart(day));
  return m === 1 ? iso(y - 1, 10) : iso(y, m - 3);
}

/** The first day of the year of `day`. */
export function yearStart(day: string): string {
  return `${parts(day)[0]}-01-01`;
}

/*
 * The communities' calendar day. They are all in China, which keeps one offset all year (UTC+8, no
 * daylight saving): a meeting's day, a proposal's or an agreement's day is the local one, and before
 * 08:00 local time UTC's date is still yesterday.
 */
const LOCAL_OFFSET_MS = 8 * 3_600_000;

/** The communities' local day (YYYY-MM-DD) of an instant. */
export function localDay(at: Date): string {
  return new Date(at.getTime() + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
}

/** Today in the communities' calendar, by a clock (the request's: a test puts it on any day). */
export function localToday(clock: { now(): Date }): string {
  return localDay(clock.now());
}
