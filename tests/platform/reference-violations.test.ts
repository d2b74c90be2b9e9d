import { isReferenceViolation } from '../../src/core/graphql/constraints';
import { sql } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * A delete of a row others still point at (ON DELETE RESTRICT) is reported as 23503 by PostgreSQL 15
 * and as 23001 by PostgreSQL 18; a mutation maps both to NOT_FOUND, like a reference to a row that
 * does not exist. Errors from the server this suite runs on, not written by hand.
 */
describe('reference violations, whichever PostgreSQL reports them', () => {
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
});
