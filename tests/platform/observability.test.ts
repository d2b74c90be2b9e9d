import pg from 'pg';
import { openOrNull } from '../../src/core/crypto/sealed';
import { createLogger } from '../../src/core/logger';
import { databaseUrl, sql } from '../support/databases';
import { codes, gid, startTestApp, type TestApp } from '../support/test-app';

/*
 * What an operator sees of a running instance: one access-log line per request (ids, operation,
 * duration, cost, statements and codes, nothing personal) and the Prometheus figures at /metrics,
 * which only this machine (or a holder of METRICS_TOKEN) may read.
 */

interface AccessLine {
  level: string;
  msg: string;
  requestId: string;
  principal: string;
  community?: unknown;
  operation: string | null;
  type: string | null;
  status: number;
  durationMs: number;
  cost: number | null;
  statements: number;
  errors: string[];
  userErrors: string[];
}

async function lockTable(database: string, table: string): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: databaseUrl(database) });
  await client.connect();
  await client.query('begin');
  await client.query(`lock table ${table} in access exclusive mode`);
  return async () => {
    await client.query('rollback');
    await client.end();
  };
}

async function scrape(url: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const res = await fetch(url.replace(/\/graphql$/, '/metrics'), { headers });
  return { status: res.status, text: await res.text() };
}

/** The value of one sample in Prometheus' text format. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

describe('access log and metrics', () => {
  let app: TestApp;
  const logged: string[] = [];
  const accessLines = () => logged.map((l) => JSON.parse(l) as AccessLine).filter((l) => l.msg === 'request');

  beforeAll(async () => {
    app = await startTestApp({
      logger: createLogger('info', (line) => logged.push(line)),
      env: { STATEMENT_TIMEOUT_MS: '1000', ANONYMOUS_QUERY_BUDGET_POINTS: '3', ANONYMOUS_QUERY_BUDGET_RESTORE_RATE: '1' },
    });
  });
  afterAll(() => app.close());

  it('writes one line per request: request id, principal, community, operation, duration, cost, statements and codes, never personal values', async () => {
    const [community] = await sql<{ id: number }>(app.database, "select id from community where name = '永康北路社区'");
    const names = (
      await sql<{ name: string; phone_sealed: string | null }>(
        app.database,
        'select name, phone_sealed from person where community_id = $1 limit 5',
        [community.id],
      )
    ).map((p) => ({ name: p.name, phone: openOrNull(p.phone_sealed) }));
    expect(names.length).toBeGreaterThan(0);
    logged.length = 0;
    const read = await app.request<unknown, { id: string }>(
      'query CommunityPersons($id: ID!) { community(id: $id) { persons(first: 5) { nodes { name phone } } } }',
      { id: gid('Community', community.id) },
      { as: 'admin.yongkangbeilu' },
    );
    expect(codes(read)).toEqual([]);
    const invalid = await app.request<unknown, Record<string, never>>(
      'mutation CreateBlankDistrict { createDistrict(input: { name: "  ", city: "太原市" }) { district { id } userErrors { field code } } }',
      {},
    );
    const refused = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
      body: JSON.stringify({ query: '{ districts { totalCount } }' }),
    });
    expect(refused.status).toBe(401);

    const lines = accessLines();
    expect(lines).toHaveLength(3);
    const [first, second, third] = lines;
    expect(first).toMatchObject({
      level: 'info',
      requestId: read.extensions!.requestId,
      principal: expect.stringMatching(/^user:\d+$/),
      community: community.id,
      operation: 'CommunityPersons',
      type: 'query',
      status: 200,
      cost: expect.any(Number),
      // The answer's own count, plus the personal-data read log's one insert: the admin saw phones
      // in plain, and that entry is written after the answer (and its count) was built.
      statements: read.extensions!.sqlStatements! + 1,
      errors: [],
      userErrors: [],
    });
    expect(first.durationMs).toBeGreaterThan(0);
    expect(second).toMatchObject({
      requestId: invalid.extensions!.requestId,
      principal: expect.stringMatching(/^user:\d+$/),
      community: 'all',
      operation: 'CreateBlankDistrict',
      type: 'mutation',
      errors: [],
      userErrors: ['BLANK'],
    });
    expect(third).toMatchObject({ principal: 'anonymous', status: 401, errors: ['UNAUTHENTICATED'], statements: 0 });
    const text = logged.join('\n');
    for (const person of names) {
      expect(text).not.toContain(person.name);
      if (person.phone) expect(text).not.toContain(person.phone);
    }
    expect(text).not.toMatch(/committee\.yongkang|not-a-token|Bearer|永康北路|"variables"/);
  });

  it('serves request rate, latency, errors by code, the database pool, timeouts and throttling at /metrics, to this machine only', async () => {
    const before = (await scrape(app.url)).text;
    const timeoutsBefore = sample(before, 'lianxin_statement_timeouts_total') ?? 0;

    await app.request<unknown, Record<string, never>>('query DistrictCount { districts { totalCount } }', {});
    await app.request<unknown, Record<string, never>>('query DistrictCount { districts { totalCount } }', {});
    // Anonymous callers share a budget of 3 points here: the fourth request in a row is throttled.
    let throttled = 0;
    for (let i = 0; i < 6; i++) {
      const res = await app.request<unknown, Record<string, never>>('query Anonymous { districts { totalCount } }', {}, { as: null });
      if (codes(res).includes('THROTTLED')) throttled++;
    }
    expect(throttled).toBeGreaterThan(0);
    const release = await lockTable(app.database, 'person');
    try {
      const [community] = await sql<{ id: number }>(app.database, "select id from community where name = '永康北路社区'");
      const res = await app.request<unknown, { id: string }>(
        'query Slow($id: ID!) { community(id: $id) { persons(first: 1) { totalCount } } }',
        {
          id: gid('Community', community.id),
        },
      );
      expect(codes(res)).toEqual(['TIMEOUT']);
    } finally {
      await release();
    }

    const { status, text } = await scrape(app.url);
    expect(status).toBe(200);
    expect(sample(text, 'lianxin_graphql_requests_total', '{operation="DistrictCount",type="query"}')).toBe(2);
    expect(sample(text, 'lianxin_graphql_request_duration_seconds_count', '{operation="DistrictCount",type="query"}')).toBe(2);
    expect(text).toMatch(/lianxin_graphql_request_duration_seconds_bucket\{le="0\.1",operation="DistrictCount",type="query"\} \d+/);
    expect(sample(text, 'lianxin_graphql_errors_total', '{code="THROTTLED"}')).toBe(throttled);
    expect(sample(text, 'lianxin_graphql_errors_total', '{code="UNAUTHENTICATED"}')).toBe(1);
    expect(sample(text, 'lianxin_graphql_errors_total', '{code="user:BLANK"}')).toBe(1);
    expect(sample(text, 'lianxin_throttled_requests_total', '{limit="budget"}')).toBe(throttled);
    expect(sample(text, 'lianxin_statement_timeouts_total')).toBe(timeoutsBefore + 1);
    expect(sample(text, 'lianxin_db_pool_in_use')).toBe(0);
    expect(sample(text, 'lianxin_db_pool_waiting')).toBe(0);
    expect(sample(text, 'lianxin_db_pool_idle')).toBeGreaterThan(0);
    expect(text).toMatch(/^lianxin_process_cpu_seconds_total /m);

    // Through a proxy (a load balancer on this machine forwards the public) it is refused.
    expect((await scrape(app.url, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(403);
    // Scrapes are not requests of the API: they are neither logged nor counted.
    expect(accessLines().filter((l) => l.operation === null && l.status === 200)).toEqual([]);
  });

  it('with METRICS_TOKEN answers /metrics to the token only', async () => {
    const token = 'a-metrics-token-of-some-length';
    const other = await startTestApp({ template: 'schema', env: { METRICS_TOKEN: token } });
    try {
      expect((await scrape(other.url)).status).toBe(401);
      expect((await scrape(other.url, { authorization: 'Bearer a-metrics-token-of-some-lengtX' })).status).toBe(401);
      const ok = await scrape(other.url, { authorization: `Bearer ${token}`, 'x-forwarded-for': '203.0.113.9' });
      expect(ok.status).toBe(200);
      expect(ok.text).toMatch(/^# TYPE lianxin_graphql_requests_total counter$/m);
    } finally {
      await other.close();
    }
  });
});
