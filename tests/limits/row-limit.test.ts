import { sql } from '../support/databases';
import { codes, gid, startTestApp, type TestApp } from '../support/test-app';

/*
 * QUERY_MAX_ROWS bounds what one request may read, whatever its priced cost: a walk of many aliases
 * or nested full pages (an outside review took a server from 253 to 924 MB with one request of 20
 * aliases, priced well under QUERY_MAX_COST) is stopped once its reads return more rows than that.
 * The answer is the limit's refusal alone (HTTP 400, no data: the request is rolled back) and the
 * budget is charged what it asked for.
 */
describe('the row limit of a request', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { QUERY_MAX_ROWS: '300' } });
  });
  afterAll(() => app.close());

  const WALK =
    '{ communities(first: 6) { nodes { name compounds(first: 100) { nodes { name buildings(first: 100) { nodes { name } } } } } } }';

  it('stops a request that reads more rows than QUERY_MAX_ROWS: 400, BAD_USER_INPUT, no data, the budget charged', async () => {
    const [{ n }] = await sql<{ n: number }>(app.database, 'select count(*)::int as n from building');
    expect(n).toBeGreaterThan(300);
    const res = await app.request<unknown, Record<string, never>>(WALK, {}, { as: 'platform.admin' });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].extensions).toMatchObject({ limit: 'rows', maximum: 300 });
    expect(res.data ?? null).toBeNull();
    const cost = (res.extensions as { cost?: { actualQueryCost: number } } | undefined)?.cost;
    expect(cost?.actualQueryCost).toBeGreaterThan(0);
  });

  it('rolls back a mutation whose answer reads too much: the change it made is not kept', async () => {
    const [community] = await sql<{ id: number; name: string }>(app.database, "select id, name from community where name = '永康北路社区'");
    const res = await app.request<unknown, { id: string }>(
      `mutation($id: ID!) { updateCommunity(input: { id: $id, name: "改名后读太多" }) {
         community { compounds(first: 100) { nodes { buildings(first: 100) { nodes { name } } } } }
         userErrors { code } } }`,
      { id: gid('Community', community.id) },
      { as: 'platform.admin' },
    );
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(await sql(app.database, 'select name from community where id = $1', [community.id])).toEqual([{ name: community.name }]);
  });

  it('answers a request under the limit as before', async () => {
    const res = await app.request<{ communities: { nodes: Array<{ name: string }> } }, Record<string, never>>(
      '{ communities(first: 6) { nodes { name compounds(first: 10) { nodes { name } } } } }',
      {},
      { as: 'platform.admin' },
    );
    expect(codes(res)).toEqual([]);
    expect(res.data!.communities.nodes).toHaveLength(6);
  });
});
