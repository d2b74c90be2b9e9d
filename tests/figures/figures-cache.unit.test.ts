import { FiguresCache, reachKey } from '../../src/modules/figures/figures.cache';
import { ANONYMOUS } from '../../src/core/auth/principal';

/*
 * The cache's own rules: concurrent misses of one key compute once; a failure is neither kept nor
 * handed to the requests waiting on it; a computation under way when a write commits is not kept;
 * entries expire at the bound; the shared values cannot be changed by a caller.
 */
const at = (s: number) => new Date(Date.UTC(2026, 10, 16, 0, 0, s));

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('FiguresCache', () => {
  it('computes concurrent misses of one key once and serves the result within the bound only', async () => {
    const cache = new FiguresCache({ maxStalenessMs: 30_000, maxEntries: 10 });
    let runs = 0;
    const gate = deferred<number[]>();
    const compute = () => {
      runs++;
      return gate.promise;
    };
    const a = cache.get('k', at(0), compute);
    const b = cache.get('k', at(1), compute);
    gate.resolve([1, 2]);
    expect((await a).value).toEqual([1, 2]);
    expect(await b).toEqual({ value: [1, 2], computedAt: at(0) });
    expect(runs).toBe(1);
    expect((await cache.get('k', at(29), async () => [9])).value).toEqual([1, 2]);
    expect(await cache.get('k', at(30), async () => [3])).toEqual({ value: [3], computedAt: at(30) });
    expect(() => (cache as unknown as { entries: { get(k: string): { value: number[] } } }).entries.get('k').value.push(4)).toThrow(
      TypeError,
    );
  });

  it('never keeps a failure nor hands it to the requests that waited on it', async () => {
    const cache = new FiguresCache({ maxStalenessMs: 30_000, maxEntries: 10 });
    const gate = deferred<string>();
    const failing = cache.get('k', at(0), () => gate.promise);
    const waiting = cache.get('k', at(0), async () => 'own');
    gate.reject(new Error('statement timeout'));
    await expect(failing).rejects.toThrow('statement timeout');
    expect((await waiting).value).toBe('own');
    expect((await cache.get('k', at(1), async () => 'next')).value).toBe('next');
  });

  it('does not keep what was being computed when a write committed, nor serve it to later requests', async () => {
    const cache = new FiguresCache({ maxStalenessMs: 30_000, maxEntries: 10 });
    const gate = deferred<string>();
    const before = cache.get('k', at(0), () => gate.promise);
    cache.invalidate();
    const after = cache.get('k', at(1), async () => 'after the write');
    gate.resolve('before the write');
    expect((await before).value).toBe('before the write');
    expect((await after).value).toBe('after the write');
    expect((await cache.get('k', at(2), async () => 'again')).value).toBe('after the write');
  });

  it('serves nothing older than notBefore, and nothing at all with a bound of 0', async () => {
    const cache = new FiguresCache({ maxStalenessMs: 30_000, maxEntries: 10 });
    await cache.get('k', at(0), async () => 'old');
    expect((await cache.get('k', at(5), async () => 'new', at(3))).value).toBe('new');
    const off = new FiguresCache({ maxStalenessMs: 0, maxEntries: 10 });
    await off.get('k', at(0), async () => 'first');
    expect(await off.get('k', at(0), async () => 'second')).toEqual({ value: 'second', computedAt: at(0) });
  });

  it('keys reach by the communities row-level security admits, in any order', () => {
    expect(reachKey({ ...ANONYMOUS, communityIds: new Set([3, 1, 2]) })).toBe('1,2,3');
    expect(reachKey({ ...ANONYMOUS, communityIds: new Set([1]), allCommunities: true })).toBe('*');
  });
});
