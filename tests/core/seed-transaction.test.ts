import { withTransaction } from '../../src/core/database/owner-transaction';
import { createTestDatabase, databaseUrl, dropTestDatabase, sql } from '../support/databases';

/*
 * The seeders and the operator scripts (admin:create, tokens, key re-sealing and re-indexing) write
 * their batches through withTransaction. A statement that failed inside and was caught there leaves
 * the transaction aborted; PostgreSQL answers the COMMIT with ROLLBACK and writes nothing, and the
 * script must not report success.
 */
describe('a seeding or operator transaction', () => {
  let database: string;
  beforeAll(async () => {
    database = await createTestDatabase('schema');
    await sql(database, 'create table seed_probe (n int not null)');
  });
  afterAll(() => dropTestDatabase(database));

  it('commits what it wrote and returns its result', async () => {
    const result = await withTransaction(databaseUrl(database), async (client) => {
      await client.query('insert into seed_probe values (1)');
      return 'written';
    });
    expect(result).toBe('written');
    expect(await sql(database, 'select n from seed_probe')).toEqual([{ n: 1 }]);
  });

  it('fails when a statement inside failed, even if the error was caught there, and writes nothing', async () => {
    await expect(
      withTransaction(databaseUrl(database), async (client) => {
        await client.query('insert into seed_probe values (2)');
        await client.query('insert into seed_probe values (null)').catch(() => undefined);
        return 'written';
      }),
    ).rejects.toThrow(/rolled back/);
    expect(await sql(database, 'select n from seed_probe order by n')).toEqual([{ n: 1 }]);
  });
});
