/*
 * Retries: 8 tries in all, the waits doubling from 2 minutes (2, 4, 8, … 128: about 4 hours 14
 * minutes from the first try to the last), each stretched or shrunk by up to a fifth at random so
 * that receivers coming back after an outage are not hit by every retry at the same second.
 */

export const MAX_ATTEMPTS = 8;
const FIRST_WAIT_MS = 2 * 60_000;

/** The wait after the `attempt`-th failed try (1-based); `random` in [0, 1). */
export function retryDelayMs(attempt: number, random: number = Math.random()): number {
  const base = FIRST_WAIT_MS * 2 ** (Math.max(1, attempt) - 1);
  return Math.round(base * (0.8 + 0.4 * random));
}
