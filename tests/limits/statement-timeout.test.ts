import pg from 'pg';
import { createLogger } from '../../src/core/logger';
import { databaseUrl, sql } from '../support/databases';
import { codes, gid, startTestApp, type TestApp } from '../support/test-app';

/*
 * A statement that runs past STATEMENT_TIMEOUT_MS is cancelled by PostgreSQL; the request answers
 * TIMEOUT (HTTP 503), not an internal error, and everything it did is rolled back. The slow
 * statement is made by a lock the test holds on `person` (which the request's first statement
 * does not read): the request waits on it until the timeout.
 */

/** Holds `lock table … in access exclusive mode` until released. */
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

describe('the statement timeout', () => {
  let app: TestApp;
  const logged: string[] = [];
  beforeAll(async () => {
    app = await startTestApp({ env: { STATEMENT_TIMEOUT_MS: '300' }, logger: createLogger('warn', (line) => logged.push(line)) });
  });
  afterAll(() => app.close());

  it('cancels a read that runs past it: TIMEOUT, HTTP 503, no data, nothing logged as an internal error', async () => {
    const [community] = await sql<{ id: number }>(app.database, "select id from community where name = '永康北路社区'");
    const release = await lockTable(app.database, 'person');
    try {
      const res = await app.request<unknown, { id: string }>(
        'query Persons($id: ID!) { community(id: $id) { name persons(first: 5) { totalCount nodes { name } } } }',
        {
          id: gid('Community', community.id),
        },
      );
      expect(res.status).toBe(503);
      expect(codes(res)).toEqual(['TIMEOUT']);
      expect(res.errors![0].extensions).toMatchObject({ statementTimeoutMs: 300 });
      expect(res.data ?? null).toBeNull();
    } finally {
      await release();
    }
    expect(logged.filter((l) => l.includes('"level":"error"'))).toEqual([]);
    // The connection went back to the pool clean: the next request is answered, and the timeout
    // was set inside the transaction at no cost: the first statement (authentication, budget,
    // timeout), then the count; the database's own default is untouched.
    const next = await app.request<unknown, Record<string, never>>('{ districts { totalCount } }', {});
    expect(codes(next)).toEqual([]);
    expect(next.extensions?.sqlStatements).toBe(2);
    expect((await sql<{ statement_timeout: string }>(app.database, 'show statement_timeout'))[0].statement_timeout).toBe('0');
  });

  it('rolls the whole request back: a mutation that succeeded before the timeout leaves nothing', async () => {
    const [community] = await sql<{ id: number }>(app.database, "select id from community where name = '永康北路社区'");
    const release = await lockTable(app.database, 'person');
    let res;
    try {
      res = await app.request<unknown, { community: string }>(
        `mutation Two($community: ID!) {
           first: createDistrict(input: { name: "超时前建的区", city: "太原市" }) { district { id } userErrors { code } }
           second: createPerson(input: { communityId: $community, name: "超时的人" }) { person { id } userErrors { code } }
         }`,
        { community: gid('Community', community.id) },
      );
    } finally {
      await release();
    }
    expect(res.status).toBe(503);
    expect(codes(res)).toEqual(['TIMEOUT']);
    expect(res.data ?? null).toBeNull();
    expect(await sql(app.database, "select id from district where name = '超时前建的区'")).toEqual([]);
    expect(await sql(app.database, "select id from person where name = '超时的人'")).toEqual([]);
    expect(
      await sql(app.database, "select id from audit_entry where action = 'createDistrict' and changes::text like '%超时前建的区%'"),
    ).toEqual([]);
  });
});
