import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { LimitsConfig } from '../../config';
import { ThrottledError } from './limit-errors';

/*
 * Sign-in limits, shared by every instance (rate-limiter-flexible's PostgreSQL store, table
 * lianxin_login_attempt):
 *
 * - per login and source: LOGIN_MAX_FAILURES failed attempts in a row (until a success, within a
 *   day) lock that pair for LOGIN_LOCK_SECONDS; then it may try LOGIN_MAX_FAILURES times again.
 *   Keyed by the source too, so that a stranger who knows a login can lock it for themselves only,
 *   never for its owner elsewhere.
 * - per source: LOGIN_SOURCE_MAX_FAILURES failed attempts (any logins) in
 *   LOGIN_SOURCE_WINDOW_SECONDS lock the source for as long: guessing across many logins.
 *
 * Each attempt is counted before its password is checked, by one atomic upsert per counter, and a
 * success gives its point back. So ten parallel guesses cannot all be evaluated: only those that
 * found the counter below the limit go on to the password check.
 */

const TABLE = 'lianxin_login_attempt';
/** How long failures of a pair are remembered without a success. */
const PAIR_WINDOW_SECONDS = 24 * 3600;

export class LoginLimits {
  private readonly pair: RateLimiterPostgres;
  private readonly source: RateLimiterPostgres;

  constructor(pool: pg.Pool, limits: LimitsConfig) {
    const store = { storeClient: pool, storeType: 'pool', tableName: TABLE, tableCreated: true, clearExpiredByTimeout: false };
    this.pair = new RateLimiterPostgres({
      ...store,
      keyPrefix: 'login_source',
      points: limits.loginMaxFailures,
      duration: PAIR_WINDOW_SECONDS,
      blockDuration: limits.loginLockSeconds,
    });
    this.source = new RateLimiterPostgres({
      ...store,
      keyPrefix: 'login_source_all',
      points: limits.loginSourceMaxFailures,
      duration: limits.loginSourceWindowSeconds,
      blockDuration: limits.loginSourceWindowSeconds,
    });
  }

  private static pairKey(login: string, source: string): string {
    return `${login.trim().toLowerCase().slice(0, 64)}|${source}`;
  }

  /** Counts a sign-in attempt; THROTTLED when the pair or the source is locked (the password is then not checked). */
  async attempt(login: string, source: string): Promise<void> {
    const [pair, all] = await Promise.allSettled([this.pair.consume(LoginLimits.pairKey(login, source)), this.source.consume(source)]);
    for (const outcome of [pair, all]) {
      if (outcome.status === 'rejected' && !(outcome.reason instanceof RateLimiterRes)) throw outcome.reason; // the store failed: refuse
    }
    const refused = [pair, all].flatMap((o) => (o.status === 'rejected' ? [o.reason as RateLimiterRes] : []));
    if (refused.length > 0) {
      const wait = Math.max(...refused.map((r) => r.msBeforeNext)) / 1000;
      const which = pair.status === 'rejected' ? 'this login from your address' : 'your address';
      throw new ThrottledError(`Too many failed sign-ins for ${which}; try again in ${Math.ceil(wait)} s.`, wait, { limit: 'login' });
    }
  }

  /** A successful sign-in clears its pair and gives the source its point back. */
  async succeeded(login: string, source: string): Promise<void> {
    await Promise.all([this.pair.delete(LoginLimits.pairKey(login, source)), this.source.reward(source, 1)]);
  }

  /** Deletes counters that expired over an hour ago. */
  async prune(): Promise<void> {
    // Typed nowhere, present on the PostgreSQL store: one DELETE for every key prefix of the table.
    await (this.pair as unknown as { clearExpired(before: number): Promise<void> }).clearExpired(Date.now() - 3_600_000);
  }
}
