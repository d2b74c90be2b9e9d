import { sql } from '../support/databases';
import { startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app';

/*
 * Per-principal budgets, Shopify-style: every answer reports its cost and the caller's bucket; a
 * caller whose bucket is empty is refused with THROTTLED (HTTP 429, Retry-After) before anything
 * reads the data; the bucket refills; and the bucket lives in PostgreSQL, so two instances over one
 * database see one budget.
 */

interface Cost {
  requestedQueryCost: number;
  actualQueryCost: number;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number } | null;
}
type Costed = GraphQLResponse<unknown> & { extensions?: { sqlStatements?: number; cost?: Cost } };

/** Costs 1 (the viewer object) and reads nothing but the caller. */
const CHEAP = '{ viewer { kind } }';
/** The districts and their streets (public): a dozen objects or so on the demo data. */
const STREETS = '{ districts { nodes { name streets { nodes { name } } } } }';
/** The compounds of the communities a caller administers: 63 for the admin of 永康北路社区, a dozen for 振兴社区's. */
const SPEND = '{ viewer { bindings { scope { ... on Community { compounds { nodes { name } } } } } } }';

async function send(
  app: TestApp,
  query: string,
  as: string | null,
  headers: Record<string, string> = {},
): Promise<Costed & { retryAfter: string | null }> {
  const auth: Record<string, string> = as ? { authorization: `Bearer ${await app.tokenFor(as)}` } : {};
  const res = await fetch(app.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth, ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), ...((await res.json()) as object) };
}

/** Spends until refused; returns the refusal and how many were answered before it. */
async function spendUntilThrottled(app: TestApp, as: string | null, headers: Record<string, string> = {}, query = as ? SPEND : STREETS) {
  for (let answered = 0; answered < 1_000; answered++) {
    const res = await send(app, query, as, headers);
    if (res.status === 429) return { refusal: res, answered };
    expect(res.errors).toBeUndefined();
  }
  throw new Error('never throttled');
}

describe('query budgets', () => {
  describe('on one instance', () => {
    let app: TestApp;
    let streetsCost: number;
    beforeAll(async () => {
      app = await startTestApp({
        env: {
          QUERY_BUDGET_POINTS: '200',
          QUERY_BUDGET_RESTORE_RATE: '40',
          // One point: the first answer (a dozen objects) leaves the address in debt for a dozen seconds.
          ANONYMOUS_QUERY_BUDGET_POINTS: '1',
          ANONYMOUS_QUERY_BUDGET_RESTORE_RATE: '1',
          QUERY_BUDGET_FLUSH_MS: '50',
          TRUSTED_PROXIES: '127.0.0.1',
        },
      });
      const [row] = await sql<{ n: number }>(app.database, 'select (select count(*) from district) + (select count(*) from street) as n');
      streetsCost = 1 + Number(row.n) + (await sql<{ n: number }>(app.database, 'select count(*)::int as n from district'))[0].n; // connection, districts, streets, one streets connection per district
    });
    afterAll(() => app.close());

    it('report every answer’s requested and actual cost and the caller’s bucket', async () => {
      const res = await send(app, STREETS, 'platform.admin');
      expect(res.status).toBe(200);
      expect(res.extensions?.cost).toEqual({
        requestedQueryCost: 1 + 100 * (1 + 1 + 100),
        actualQueryCost: streetsCost,
        throttleStatus: { maximumAvailable: 200, currentlyAvailable: expect.any(Number), restoreRate: 40 },
      });
      expect(res.extensions!.cost!.throttleStatus!.currentlyAvailable).toBeLessThanOrEqual(200 - streetsCost);
    });

    it('refuse a caller whose bucket is empty with THROTTLED, HTTP 429 and Retry-After, before reading any data; others are served', async () => {
      const { refusal, answered } = await spendUntilThrottled(app, 'admin.yongkangbeilu');
      // 200 points, charged what the answers held (more than 63 each), refilled at 40 a second meanwhile.
      expect(answered).toBeGreaterThanOrEqual(1);
      expect(refusal.errors).toEqual([
        expect.objectContaining({
          extensions: expect.objectContaining({ code: 'THROTTLED', limit: 'budget', retryAfter: expect.any(Number) }),
        }),
      ]);
      expect(Number(refusal.retryAfter)).toBe(refusal.errors![0].extensions.retryAfter);
      expect(refusal.data ?? null).toBeNull();
      // Only the first statement ran (it authenticates and reads the bucket); nothing else.
      expect(refusal.extensions?.sqlStatements).toBe(1);
      expect(refusal.extensions?.cost).toMatchObject({ actualQueryCost: 0, throttleStatus: { maximumAvailable: 200 } });
      expect(refusal.extensions!.cost!.throttleStatus!.currentlyAvailable).toBeLessThanOrEqual(0);
      // Another principal has a bucket of its own.
      expect((await send(app, STREETS, 'admin.zhenxing')).status).toBe(200);
    });

    it('refill: once Retry-After has passed the caller is served again', async () => {
      // The bucket's clock is PostgreSQL's: the debt is charged the way the server charges (25
      // seconds' worth at 40 a second, far more than any request takes on a loaded machine), and
      // Retry-After seconds pass by moving the bucket's last update back by that much. Spending
      // it with requests (a secretary's cheap ones) raced the refill whenever requests were slow.
      const key = `u:${(await sql<{ id: number }>(app.database, "select id from user_account where login = 'secretary.xinyuan'"))[0].id}`;
      await sql(app.database, 'select lianxin_budget_charge($1::text[], $2::float8[], $3::float8[], $4::float8[])', [
        [key],
        [1200],
        [200],
        [40],
      ]);
      const refusal = await send(app, CHEAP, 'secretary.xinyuan');
      expect(refusal.status).toBe(429);
      const retryAfter = Number(refusal.retryAfter);
      expect(retryAfter).toBeGreaterThan(20);
      // Ten seconds short of Retry-After the bucket has not refilled (whatever the requests took); at Retry-After it has.
      const age = async (seconds: number) =>
        sql(app.database, 'update lianxin_query_budget set updated_at = updated_at - make_interval(secs => $2) where key = $1', [
          key,
          seconds,
        ]);
      await age(retryAfter - 10);
      expect((await send(app, CHEAP, 'secretary.xinyuan')).status).toBe(429);
      await age(10);
      const again = await send(app, CHEAP, 'secretary.xinyuan');
      expect(again.status).toBe(200);
      expect(again.extensions?.cost?.throttleStatus?.restoreRate).toBe(40);
    });

    it('give anonymous callers a budget per client address (X-Forwarded-For from a trusted proxy)', async () => {
      const from = (address: string) => ({ 'x-forwarded-for': address });
      const { refusal } = await spendUntilThrottled(app, null, from('203.0.113.5'));
      expect(refusal.extensions?.cost?.throttleStatus).toMatchObject({ maximumAvailable: 1, restoreRate: 1 });
      expect((await send(app, STREETS, null, from('203.0.113.6'))).status).toBe(200);
      // A client cannot pick a fresh address by prepending one: the proxy appended its own view.
      expect((await send(app, STREETS, null, { 'x-forwarded-for': '198.51.100.1, 203.0.113.5' })).status).toBe(429);
      // IPv6 clients are taken per /64.
      await spendUntilThrottled(app, null, from('2001:db8:1:2::1'));
      expect((await send(app, STREETS, null, from('2001:db8:1:2:ffff::9'))).status).toBe(429);
      expect((await send(app, STREETS, null, from('2001:db8:1:3::1'))).status).toBe(200);
    });

    it('keep the buckets in PostgreSQL, out of the application role’s reach', async () => {
      // Charges are written within QUERY_BUDGET_FLUSH_MS of the answer (later on a loaded machine): wait for them.
      const written = ['ip:203.0.113.5', 'ip:2001:db8:1:2::/64'];
      let keys: string[] = [];
      for (const end = Date.now() + 30_000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
        keys = (await sql<{ key: string }>(app.database, "select key from lianxin_query_budget where key like 'ip:%' order by key")).map(
          (r) => r.key,
        );
        if (written.every((k) => keys.includes(k))) break;
      }
      expect(keys).toEqual(expect.arrayContaining(written));
      const [grants] = await sql<{ select: boolean; update: boolean }>(
        app.database,
        "select has_table_privilege('lianxin_app', 'lianxin_query_budget', 'select') as select, has_table_privilege('lianxin_app', 'lianxin_query_budget', 'update') as update",
      );
      expect(grants).toEqual({ select: false, update: false });
    });
  });

  describe('across instances', () => {
    let a: TestApp;
    let b: TestApp;
    // Ten points: one SPEND (over 63 objects) leaves the caller in debt for most of a minute.
    const tight = { QUERY_BUDGET_POINTS: '10', QUERY_BUDGET_RESTORE_RATE: '1', QUERY_BUDGET_FLUSH_MS: '0' };
    beforeAll(async () => {
      a = await startTestApp({ env: tight });
      b = await startTestApp({ env: tight, database: a.database });
    });
    afterAll(async () => {
      await b.close();
      await a.close();
    });

    it('share one budget: what a caller spent on one instance is gone on the other', async () => {
      const started = Date.now();
      const first = await send(a, CHEAP, 'admin.yongkangbeilu');
      expect(first.extensions?.cost?.throttleStatus?.currentlyAvailable).toBe(9);
      const spent = await send(a, SPEND, 'admin.yongkangbeilu');
      expect(spent.status).toBe(200);
      expect(spent.extensions!.cost!.actualQueryCost).toBeGreaterThan(63);
      const elsewhere = await send(b, CHEAP, 'admin.yongkangbeilu');
      expect(elsewhere.status).toBe(429);
      expect(elsewhere.errors![0].extensions.code).toBe('THROTTLED');
      // What is left: 9 after the first, less what was spent, plus the refill (a point a second) since.
      const refill = Math.ceil((Date.now() - started) / 1000);
      expect(elsewhere.extensions!.cost!.throttleStatus!.currentlyAvailable).toBeLessThanOrEqual(
        9 - spent.extensions!.cost!.actualQueryCost + refill,
      );
      // Someone else is not held up.
      expect((await send(b, CHEAP, 'admin.zhenxing')).extensions?.cost?.throttleStatus?.currentlyAvailable).toBe(9);
    });
  });

  describe('written behind', () => {
    let a: TestApp;
    let b: TestApp;
    const batched = { QUERY_BUDGET_POINTS: '1000', QUERY_BUDGET_RESTORE_RATE: '1', QUERY_BUDGET_FLUSH_MS: '100' };
    beforeAll(async () => {
      a = await startTestApp({ env: batched });
      b = await startTestApp({ env: batched, database: a.database });
    });
    afterAll(async () => {
      await b.close();
      await a.close();
    });

    it('count an instance’s own charges at once, and another instance’s once written (QUERY_BUDGET_FLUSH_MS later)', async () => {
      const started = Date.now();
      const spent = await send(a, SPEND, 'admin.yongkangbeilu');
      const cost = spent.extensions!.cost!.actualQueryCost;
      expect(cost).toBeGreaterThan(63);
      // On a, at once: the charge is subtracted before it is written.
      const next = await send(a, CHEAP, 'admin.yongkangbeilu');
      expect(next.extensions!.cost!.throttleStatus!.currentlyAvailable).toBe(1000 - cost - 1);
      // On b, once a has written it: each poll costs b one point of its own, and the bucket refills
      // a point a second meanwhile (counted, so a slow machine does not hide the charge).
      let polls = 0;
      let sawIt = false;
      while (!sawIt && polls < 500) {
        polls++;
        const available = (await send(b, CHEAP, 'admin.yongkangbeilu')).extensions!.cost!.throttleStatus!.currentlyAvailable;
        const refill = Math.ceil((Date.now() - started) / 1000);
        sawIt = available <= 1000 - cost - polls + 1 + refill;
        if (!sawIt) await new Promise((r) => setTimeout(r, 20));
      }
      expect(sawIt).toBe(true);
    });
  });
});
