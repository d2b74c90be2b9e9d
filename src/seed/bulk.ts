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
