import pg from 'pg';
import { isConcurrencyConflict, isReferenceViolation } from '../../src/core/graphql/constraints';
import { databaseUrl, sql } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * A delete of a row others still point at (ON DELETE RESTRICT) is reported as 23503 by PostgreSQL 15
 * and as 23001 by PostgreSQL 18; a mutation maps both to NOT_FOUND, like a reference to a row that
 * does not exist. Two transactions waiting for each other (one aborted, 40P01) are CONFLICT: sent
 * again, the mutation normally succeeds. Errors from the server this suite runs on, not written by hand.
 */
describe('database refusals a mutation maps to an API error', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  const failure = (text: string): Promise<{ code?: string }> =>
    sql(app.database, text).then(
      () => {
        throw new Error(`expected ${text} to fail`);
      },
      (err: { code?: string }) => err,
    );

  it('counts a restricted delete and a missing reference as reference violations', async () => {
    const restricted = await failure('delete from street where id = (select street_id from community order by id limit 1)');
    expect(['23503', '23001']).toContain(restricted.code);
    expect(isReferenceViolation(restricted.code)).toBe(true);
    const missing = await failure(
      "insert into household (community_id, unit_id, door_no) select id, -1, 'x' from community order by id limit 1",
    );
    expect(missing.code).toBe('23503');
    expect(isReferenceViolation(missing.code)).toBe(true);
  });

  it('does not count other violations', async () => {
    const unique = await failure(
      'insert into unit (community_id, building_id, name) select community_id, building_id, name from unit limit 1',
    );
    expect(unique.code).toBe('23505');
    expect(isReferenceViolation(unique.code)).toBe(false);
    expect(isReferenceViolation(undefined)).toBe(false);
  });

  it('counts a deadlock as a conflict to retry, and nothing else', async () => {
    const units = (await sql<{ id: number }>(app.database, 'select id from unit order by id limit 2')).map((u) => u.id);
    const [a, b] = [1, 2].map(() => new pg.Client({ connectionString: databaseUrl(app.database) }));
    await Promise.all([a.connect(), b.connect()]);
    try {
      for (const client of [a, b]) await client.query('begin');
      await a.query('update unit set name = name where id = $1', [units[0]]);
      await b.query('update unit set name = name where id = $1', [units[1]]);
      // Each now wants the other's row: PostgreSQL aborts one of the two.
      const outcomes = await Promise.allSettled([
        a.query('update unit set name = name where id = $1', [units[1]]),
        b.query('update unit set name = name where id = $1', [units[0]]),
      ]);
      const codes = outcomes.flatMap((o) => (o.status === 'rejected' ? [(o.reason as { code?: string }).code] : []));
      expect(codes).toEqual(['40P01']);
      expect(isConcurrencyConflict(codes[0])).toBe(true);
      expect(isConcurrencyConflict('23503')).toBe(false);
      expect(isConcurrencyConflict(undefined)).toBe(false);
    } finally {
      await Promise.allSettled([a.query('rollback'), b.query('rollback')]);
      await Promise.all([a.end(), b.end()]);
    }
  });
});
