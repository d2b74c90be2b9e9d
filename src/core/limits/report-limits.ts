import type pg from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { LimitsConfig } from '../../config';
import { ThrottledError } from './limit-errors';

/*
 * Reports without an account (the QR page), shared by every instance through the sign-in limits'
 * PostgreSQL store: QR_REPORTS_PER_TOKEN an hour through one printed code (a code photographed and
 * abused), QR_REPORTS_PER_SOURCE an hour from one address whatever the code. Every attempt counts,
 * before its form is checked, so refused forms cannot be used to probe at full speed.
 */

const TABLE = 'lianxin_login_attempt';
const HOUR = 3600;

export class ReportLimits {
  private readonly token: RateLimiterPostgres;
  private readonly source: RateLimiterPostgres;

  constructor(pool: pg.Pool, limits: LimitsConfig) {
    const store = { storeClient: pool, storeType: 'pool', tableName: TABLE, tableCreated: true, clearExpiredByTimeout: false };
    this.token = new RateLimiterPostgres({ ...store, keyPrefix: 'qr_token', points: limits.qrReportsPerToken, duration: HOUR });
    this.source = new RateLimiterPostgres({ ...store, keyPrefix: 'qr_source', points: limits.qrReportsPerSource, duration: HOUR });
  }

  /** Counts a report through the point whose token digest is `point`; THROTTLED past either limit. */
  async attempt(point: string, source: string): Promise<void> {
    const outcomes = await Promise.allSettled([this.token.consume(point), this.source.consume(source)]);
    for (const o of outcomes) if (o.status === 'rejected' && !(o.reason instanceof RateLimiterRes)) throw o.reason;
    const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as RateLimiterRes] : []));
    if (refused.length > 0) {
      const wait = Math.max(...refused.map((r) => r.msBeforeNext)) / 1000;
      throw new ThrottledError(`Too many reports; try again in ${Math.ceil(wait)} s.`, wait, { limit: 'qr-report' });
    }
  }
}
