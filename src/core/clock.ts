/*
 * The request's clock. Services ask it for "now" and "today" instead of reading the system clock,
 * so a test can put a request on any day (a quarter that has ended, a deadline that has passed)
 * without waiting or depending on the day the suite runs.
 */

export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Today in UTC, as YYYY-MM-DD. */
  today(): string;
}

export const systemClock: Clock = {
  now: () => new Date(),
  today: () => new Date().toISOString().slice(0, 10),
};

/** A clock standing at `instant` (tests): moved with `set`. */
export function fixedClock(instant: Date | string): Clock & { set(instant: Date | string): void } {
  let at = new Date(instant);
  return {
    now: () => new Date(at),
    today: () => at.toISOString().slice(0, 10),
    set(next) {
      at = new Date(next);
    },
  };
}
