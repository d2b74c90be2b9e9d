import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { createClient, LianxinError } from '../../clients/typescript/client';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * The typed client paces itself by the budget every answer reports (`extensions.cost`): a script
 * that sends more than its bucket holds waits before each call instead of being refused. The same
 * calls without pacing are throttled, so the test fails if the client stops reading the cost.
 */

/** The compounds of the communities the caller administers: 63 objects and more for 永康北路社区's admin. */
const COMPOUNDS = parse('{ viewer { bindings { scope { ... on Community { compounds { nodes { name } } } } } } }') as TypedDocumentNode<
  { viewer: unknown },
  Record<string, never>
>;

describe('clients/typescript: pacing by the query budget', () => {
  let app: TestApp;

  beforeAll(async () => {
    // A bucket of 200 points refilled at 50 a second: three answers of ~70 points empty it, and an
    // unpaced script would need more than a second per call to keep up.
    app = await startTestApp({ env: { QUERY_BUDGET_POINTS: '200', QUERY_BUDGET_RESTORE_RATE: '50', QUERY_BUDGET_FLUSH_MS: '0' } });
  });
  afterAll(() => app.close());

  async function run(pace: boolean, calls: number) {
    const statuses: number[] = [];
    const waits: number[] = [];
    const counting: typeof fetch = async (url, init) => {
      const res = await fetch(url, init);
      statuses.push(res.status);
      return res;
    };
    const client = createClient({
      url: app.url,
      apiKey: await app.tokenFor('admin.yongkangbeilu'),
      fetch: counting,
      attempts: 1,
      pace,
      sleep: (ms) => {
        waits.push(ms);
        return new Promise((r) => setTimeout(r, ms));
      },
    });
    let refused: unknown = null;
    for (let i = 0; i < calls && !refused; i++) {
      await client.request(COMPOUNDS, {}).catch((err: unknown) => (refused = err));
    }
    return { statuses, waits, refused };
  }

  it('waits for the bucket instead of being throttled', async () => {
    const { statuses, waits, refused } = await run(true, 8);
    expect(refused).toBeNull();
    expect(statuses).toEqual(Array(8).fill(200));
    // It did wait (eight calls of ~70 points do not fit in 200), never longer than a full refill.
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((ms) => ms > 0 && ms <= (200 / 50) * 1000)).toBe(true);
  });

  it('without pacing, the same calls are throttled', async () => {
    // The previous test left the bucket low; let it refill first so both start alike.
    await new Promise((r) => setTimeout(r, (200 / 50) * 1000));
    const { statuses, refused } = await run(false, 8);
    expect(refused).toBeInstanceOf(LianxinError);
    expect((refused as LianxinError).code).toBe('THROTTLED');
    expect(statuses).toContain(429);
  });
});
