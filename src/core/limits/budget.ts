import type pg from 'pg';
import type { BudgetConfig, LimitsConfig } from '../../config';
import type { Logger } from '../logger';

/*
 * Per-principal query budgets (leaky buckets) kept in PostgreSQL, shared by every instance.
 *
 * Per request this costs no statement of its own: the bucket's level is read inside the request's
 * first statement (lianxin_budget_peek, see the migration), and the request's actual cost is
 * charged in memory, then written with the other pending charges of this instance in one
 * statement (lianxin_budget_charge) on the limits pool, at most QUERY_BUDGET_FLUSH_MS later — or
 * before the answer is sent when that is 0. Until written, this instance subtracts its pending
 * charges itself, so its own view is exact; another instance sees them once they are written.
 *
 * A write can land while a request's first statement is on its way: the statement may have read the
 * bucket before the charge or after it, and by the time its answer is back the charge has left
 * `writing`. Such a request could be served on a bucket that was already spent. So each request
 * takes a mark (how many writes had been acknowledged) before its first statement is sent, and a
 * charge acknowledged after that mark is still subtracted for it. When the statement did read the
 * charge it is subtracted twice for that one decision: the bucket is never written twice, and
 * erring towards a refusal is the safe side for a limit.
 */

export interface BudgetState {
  key: string;
  config: BudgetConfig;
  /** Points left when the request was admitted (after this instance's unwritten charges). */
  available: number;
}

/** What `extensions.cost.throttleStatus` reports. */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

const PRUNE_EVERY_MS = 10 * 60 * 1000;
const RECENT_MS = 60 * 1000;

export class BudgetLedger {
  private pending = new Map<string, { cost: number; config: BudgetConfig }>();
  private writing = new Map<string, number>();
  /** Writes acknowledged so far; a request's mark is this number when its first statement left. */
  private acknowledged = 0;
  /**
   * The writes acknowledged after the oldest mark still open (some request may not have read them),
   * oldest first, each with its charges by principal; kept at most RECENT_MS (a first statement
   * still unanswered after that is not waited for).
   */
  private recent: { seq: number; at: number; charges: Map<string, number> }[] = [];
  /** Open marks (mark → how many requests hold it). */
  private marks = new Map<number, number>();
  private timer?: NodeJS.Timeout;
  private readonly pruneTimer: NodeJS.Timeout;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly limits: LimitsConfig,
    private readonly logger: Logger,
  ) {
    this.pruneTimer = setInterval(() => void this.prune(), PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  /** The select list folded into the first statement (`p` is the principal; parameters from `offset`). */
  peekSql(offset: number): string {
    return `lianxin_budget_peek(p, $${offset}, $${offset + 1}, $${offset + 2}, $${offset + 3}, $${offset + 4}) as budget`;
  }

  peekParams(anonymousKey: string): unknown[] {
    const { budget, anonymousBudget } = this.limits;
    return [anonymousKey, budget.points, budget.restorePerSecond, anonymousBudget.points, anonymousBudget.restorePerSecond];
  }

  /** Taken before the first statement is sent; give it back with `release` whatever happens. */
  mark(): number {
    const mark = this.acknowledged;
    this.marks.set(mark, (this.marks.get(mark) ?? 0) + 1);
    return mark;
  }

  release(mark: number): void {
    const held = (this.marks.get(mark) ?? 0) - 1;
    if (held > 0) this.marks.set(mark, held);
    else this.marks.delete(mark);
    this.forget();
  }

  /** The state of the bucket the first statement read (sent after `mark`). */
  stateOf(peek: { key: string; level: number }, anonymousKey: string, mark: number): BudgetState {
    const config = peek.key === anonymousKey ? this.limits.anonymousBudget : this.limits.budget;
    let unwritten = (this.pending.get(peek.key)?.cost ?? 0) + (this.writing.get(peek.key) ?? 0);
    for (let i = this.recent.length - 1; i >= 0 && this.recent[i].seq > mark; i--) unwritten += this.recent[i].charges.get(peek.key) ?? 0;
    return { key: peek.key, config, available: peek.level - unwritten };
  }

  /** Drops the writes every open request's first statement was sent after, and those older than RECENT_MS. */
  private forget(): void {
    if (this.recent.length === 0) return;
    let oldest = Infinity;
    for (const mark of this.marks.keys()) if (mark < oldest) oldest = mark;
    const expired = Date.now() - RECENT_MS;
    let drop = 0;
    while (drop < this.recent.length && (this.recent[drop].seq <= oldest || this.recent[drop].at < expired)) drop++;
    if (drop > 0) this.recent.splice(0, drop);
  }

  /** Seconds until the bucket holds a point again. */
  static retryAfter(state: BudgetState): number {
    return (1 - state.available) / state.config.restorePerSecond;
  }

  /** Charges a request's cost; returns the status to report. */
  charge(state: BudgetState, cost: number, startedAt: number): ThrottleStatus {
    const entry = this.pending.get(state.key);
    if (entry) entry.cost += cost;
    else this.pending.set(state.key, { cost, config: state.config });
    if (this.limits.budgetFlushMs > 0 && !this.timer && !this.closed) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.flush();
      }, this.limits.budgetFlushMs);
      this.timer.unref();
    }
    const refilled = (state.config.restorePerSecond * (Date.now() - startedAt)) / 1000;
    const currentlyAvailable = Math.min(state.config.points, state.available + refilled) - cost;
    return {
      maximumAvailable: state.config.points,
      currentlyAvailable: Math.floor(currentlyAvailable),
      restoreRate: state.config.restorePerSecond,
    };
  }

  /** Writes the pending charges before the answer is sent, when QUERY_BUDGET_FLUSH_MS is 0. */
  async flushIfSynchronous(): Promise<void> {
    if (this.limits.budgetFlushMs === 0) await this.flush();
  }

  /** Writes every pending charge in one statement; a failed write is kept for the next one. */
  flush(): Promise<void> {
    this.chain = this.chain.then(() => this.write());
    return this.chain;
  }

  private async write(): Promise<void> {
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    for (const [key, { cost }] of batch) this.writing.set(key, (this.writing.get(key) ?? 0) + cost);
    const keys = [...batch.keys()];
    try {
      await this.pool.query('select lianxin_budget_charge($1::text[], $2::float8[], $3::float8[], $4::float8[])', [
        keys,
        keys.map((k) => batch.get(k)!.cost),
        keys.map((k) => batch.get(k)!.config.points),
        keys.map((k) => batch.get(k)!.config.restorePerSecond),
      ]);
      const seq = ++this.acknowledged;
      if (this.marks.size > 0) {
        const charges = new Map<string, number>();
        for (const [key, { cost }] of batch) charges.set(key, cost);
        this.recent.push({ seq, at: Date.now(), charges });
        this.forget();
      }
    } catch (err) {
      this.logger.warn('query budgets: charges not written, kept for the next write', {
        message: (err as Error).message,
        principals: keys.length,
      });
      for (const [key, entry] of batch) {
        const again = this.pending.get(key);
        if (again) again.cost += entry.cost;
        else this.pending.set(key, entry);
      }
    } finally {
      for (const [key, { cost }] of batch) {
        const left = (this.writing.get(key) ?? 0) - cost;
        if (left > 0) this.writing.set(key, left);
        else this.writing.delete(key);
      }
    }
  }

  private async prune(): Promise<void> {
    try {
      await this.pool.query('select lianxin_budget_prune()');
    } catch (err) {
      this.logger.warn('query budgets: prune failed', { message: (err as Error).message });
    }
  }

  /** Writes what is pending and stops the timers (shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.pruneTimer);
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
