import { DEMO, idByName } from '../support/demo';
import { sql } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * A field that fails in the database aborts the request's transaction; PostgreSQL then answers its
 * COMMIT with ROLLBACK. A mutation must not report success for work that was not kept
 * (tests/core/transaction-edges.test.ts); a read had nothing to keep, so it answers what it read
 * with the failed field's error, as GraphQL does, not a failed request.
 */
describe('a read whose field fails in the database', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
    // This database only: the application role may no longer read streets, so reading one fails mid-request.
    await sql(app.database, 'revoke select on street from lianxin_app');
  });
  afterAll(() => app.close());

  it('answers the fields that were read, and the failed one as an error', async () => {
    const community = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
    const res = await app.request<{ a: { name: string } | null; b: { street: { name: string } } | null }, { id: string }>(
      `query ($id: ID!) { a: node(id: $id) { ... on Community { name } } b: node(id: $id) { ... on Community { street { name } } } }`,
      { id: community },
    );
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ a: { name: DEMO.yongkang }, b: null });
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].path).toEqual(['b', 'street']);
  });
});
