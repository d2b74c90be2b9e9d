import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestGlobals } from './global-setup';

/** Drops what this run created (on an external server) and stops the throwaway cluster. */
export default async function globalTeardown(): Promise<void> {
  const run = process.env.LIANXIN_TEST_RUN;
  const adminUrl = process.env.LIANXIN_TEST_ADMIN_URL;
  if (run && adminUrl) {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [
        `lianxin_%${run}%`,
      ]);
      for (const { datname } of rows) await client.query(`drop database if exists "${datname}" with (force)`);
    } finally {
      await client.end();
    }
  }
  if (run) rmSync(path.join(os.tmpdir(), `lianxin-test-data-${run}`), { recursive: true, force: true });
  const globals = globalThis as TestGlobals;
  await globals.__LIANXIN_PG__?.stop();
  if (globals.__LIANXIN_PG_DIR__) rmSync(globals.__LIANXIN_PG_DIR__, { recursive: true, force: true });
}
