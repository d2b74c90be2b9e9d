import { LRUCache } from 'lru-cache';
import type { FiguresCacheConfig } from '../../config';

/*
 * Values computed by statements (today: the figures' tallies, src/modules/figures), shared by the
 * requests of this instance for at most a bound (FIGURES_MAX_STALENESS_MS). Only the statements'
 * results are kept: permission checks, suppression and shaping still run per request on them. It
 * lives in core because the request pipeline (app.ts) owns its lifetime and its invalidation.
 *
 * Keys are built by the caller and must hold everything the result depends on, including the
 * caller's reach (the figures' `reachKey`). A computation runs in the transaction of the request
 * that missed, under that request's row-level security; requests with the same key that miss meanwhile wait
 * for it instead of running the same statements, and compute for themselves if it fails (a
 * failure is never kept, nor handed to them). A committed mutation of this instance, and a job its
 * queue ran, call `invalidate`: what was cached or is being computed under an older snapshot is not kept.
 */

export interface Computed<T> {
  value: T;
  /** When the statements were sent (the request's clock): what the figures' `asOf` reports. */
  computedAt: Date;
}

interface Pending {
  computedAt: Date;
  promise: Promise<Computed<unknown>>;
}

/** Shared values are frozen: a computation that changed them would change another caller's answer. */
function freeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value as object)) freeze(v);
  }
  return value;
}

export class ComputedCache {
  private readonly entries?: LRUCache<string, Computed<unknown>>;
  private readonly pending = new Map<string, Pending>();
  private generation = 0;

  constructor(private readonly config: FiguresCacheConfig) {
    if (config.maxStalenessMs > 0) this.entries = new LRUCache({ max: config.maxEntries });
  }

  /** Anything a committed write could have changed is forgotten. */
  invalidate(): void {
    this.generation++;
    this.entries?.clear();
    this.pending.clear();
  }

  /**
   * The value under `key` computed at most the staleness bound before `now` and not before
   * `notBefore` (so the parts of one answer are never older than its `asOf`), else `compute()`'s.
   */
  async get<T>(key: string, now: Date, compute: () => Promise<T>, notBefore?: Date): Promise<Computed<T>> {
    const entries = this.entries;
    if (!entries) return { value: await compute(), computedAt: now };
    const fresh = (computedAt: Date) => {
      const age = now.getTime() - computedAt.getTime();
      return age >= 0 && age < this.config.maxStalenessMs && (!notBefore || computedAt >= notBefore);
    };
    const cached = entries.get(key);
    if (cached && fresh(cached.computedAt)) return cached as Computed<T>;
    const shared = this.pending.get(key);
    if (shared && fresh(shared.computedAt)) {
      try {
        return (await shared.promise) as Computed<T>;
      } catch {
        // The other request's failure is its own (its transaction, its timeout): compute here.
        return { value: await compute(), computedAt: now };
      }
    }
    const generation = this.generation;
    const mine: Pending = {
      computedAt: now,
      promise: compute().then((value) => {
        const done: Computed<unknown> = { value: freeze(value), computedAt: now };
        if (generation === this.generation) entries.set(key, done);
        return done;
      }),
    };
    this.pending.set(key, mine);
    const forget = () => {
      if (this.pending.get(key) === mine) this.pending.delete(key);
    };
    mine.promise.then(forget, forget);
    return (await mine.promise) as Computed<T>;
  }
}
