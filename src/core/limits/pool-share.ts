import { ThrottledError } from './limit-errors';

/*
 * Fair pooling, per instance: one principal holds at most `share` of the database pool at once
 * (DB_POOL_PRINCIPAL_SHARE percent of DB_POOL_MAX, at least one connection). A request over its
 * principal's share waits, first come first served, up to DB_POOL_WAIT_MS for one of that
 * principal's own requests to finish, then is refused with THROTTLED — so the rest of the pool is
 * always there for everybody else. The principal is known before the database is: the user of a
 * verified token, the API key, or the client's address for anonymous callers.
 *
 * Per instance and not across instances: a slot lives as long as a request and must be released
 * when it ends, however it ends; a shared counter would need a statement per request and would
 * leak slots when an instance dies. Each instance has its own pool, so its share is what matters.
 */

interface Waiter {
  grant: () => void;
  timer: NodeJS.Timeout;
}

interface Holder {
  active: number;
  waiters: Waiter[];
}

export class PoolShare {
  /** Connections one principal may hold at once. */
  readonly perPrincipal: number;
  private readonly holders = new Map<string, Holder>();

  constructor(
    private readonly poolMax: number,
    sharePercent: number,
    private readonly waitMs: number,
  ) {
    this.perPrincipal = Math.max(1, Math.floor((poolMax * sharePercent) / 100));
  }

  /** A share of 100 % limits nothing: the pool's own queue decides. */
  get enabled(): boolean {
    return this.perPrincipal < this.poolMax;
  }

  /** Waits for a slot of `key`'s share; the returned function gives it back (once). */
  async acquire(key: string): Promise<() => void> {
    if (!this.enabled) return () => undefined;
    let holder = this.holders.get(key);
    if (!holder) this.holders.set(key, (holder = { active: 0, waiters: [] }));
    if (holder.active < this.perPrincipal) {
      holder.active++;
      return this.releaser(key, holder);
    }
    const h = holder;
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(waiter.timer);
          resolve();
        },
        timer: setTimeout(() => {
          h.waiters.splice(h.waiters.indexOf(waiter), 1);
          reject(
            new ThrottledError(
              `Too many requests at once: a caller may run ${this.perPrincipal} at a time on this server; wait for one to finish.`,
              1,
              { limit: 'pool', maximumConcurrent: this.perPrincipal },
            ),
          );
        }, this.waitMs),
      };
      h.waiters.push(waiter);
    });
    // The slot was handed over by a finishing request: `active` already counts it.
    return this.releaser(key, h);
  }

  private releaser(key: string, holder: Holder): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = holder.waiters.shift();
      if (next) {
        next.grant();
        return;
      }
      holder.active--;
      if (holder.active === 0) this.holders.delete(key);
    };
  }

  /** Requests holding or waiting for a slot (tests and diagnostics). */
  inUse(key: string): { active: number; waiting: number } {
    const holder = this.holders.get(key);
    return { active: holder?.active ?? 0, waiting: holder?.waiters.length ?? 0 };
  }
}
