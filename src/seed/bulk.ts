import pg from 'pg';

/*
 * Bulk loading for seeds: one multi-row INSERT per few thousand rows with real bind parameters
 * (column arrays through unnest), ids reserved from the tables' own sequences first so children
 * can point at parents without a round trip per row. Triggers still derive every path.
 */

export type Column = { name: string; type: string };

export class BulkLoader {
  constructor(readonly client: pg.ClientBase) {}

  async reserveIds(table: string, count: number): Promise<number[]> {
    if (count === 0) return [];
    const { rows } = await this.client.query<{ id: number }>(
      `select nextval(pg_get_serial_sequence($1, 'id'))::int as id from generate_series(1, $2)`,
      [table, count],
    );
    return rows.map((r) => r.id);
  }

  /** Inserts rows given as arrays of column values, in chunks. */
  async insert(table: string, columns: Column[], rows: unknown[][], chunk = 5000): Promise<void> {
    for (let start = 0; start < rows.length; start += chunk) {
      const part = rows.slice(start, start + chunk);
      const arrays = columns.map((_, i) => part.map((row) => row[i] ?? null));
      const selects = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
      const names = columns.map((c) => `"${c.name}"`).join(', ');
      await this.client.query(`insert into "${table}" (${names}) select * from unnest(${selects})`, arrays);
    }
  }
}

/** Runs `work` in one transaction on a dedicated connection to `url`. */
export async function withTransaction<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    // Seeds write every community: row-level security (forced even for the owner) must let them.
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

/** VACUUM ANALYZE the database (outside any transaction, as VACUUM requires). */
export async function vacuumAnalyze(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('vacuum analyze');
  } finally {
    await client.end();
  }
}
