import pg from 'pg';

/*
 * The seeders' and the operator scripts' transactions (demo and synthetic data, admin:create,
 * tokens, key re-sealing and re-indexing): a dedicated connection as the owner, under the grant
 * that lets the owner past row-level security (forced for it too).
 */

/** Runs `work` in one transaction on a dedicated connection to `url`; fails when it did not commit. */
export async function withTransaction<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    // They write every community: row-level security (forced even for the owner) must let them.
    await client.query('select lianxin_grant_everything()');
    const result = await work(client);
    // A statement that failed inside `work` and was caught there aborted the transaction:
    // PostgreSQL then answers COMMIT with ROLLBACK, and nothing was written.
    const committed = await client.query('commit');
    if (committed.command !== 'COMMIT') throw new Error(`the transaction was rolled back (COMMIT answered ${committed.command})`);
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    await client.end();
  }
}
