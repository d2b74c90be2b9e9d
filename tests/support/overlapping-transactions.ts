import pg from 'pg';
import { databaseUrl } from './databases';

/**
 * Two overlapping transactions of the test superuser, each under a grant for everything: `first`
 * runs its statements and holds its locks; `second` runs its statements until one waits for a lock
 * of `first` (seen from a third session, so a test does not pass on a timing it did not make); then
 * `first` commits and `second` finishes and commits. Rejects with `second`'s error (rolled back) if
 * it fails, and if `second` never waited: the interleaving the caller means to test did not happen.
 * `firstAfterWait` are statements `first` runs once `second` waits, before it commits: two writers
 * each holding some of the rows both want, as a deadlock needs (PostgreSQL then aborts one, 40P01).
 */
export async function overlapping(database: string, first: string[], second: string[], firstAfterWait: string[] = []): Promise<void> {
  const url = databaseUrl(database);
  const [a, b, watcher] = [1, 2, 3].map(() => new pg.Client({ connectionString: url }));
  await Promise.all([a.connect(), b.connect(), watcher.connect()]);
  try {
    const pid = async (client: pg.Client) => (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0].pid;
    const [holder, waiter] = [await pid(a), await pid(b)];
    await a.query('begin');
    await a.query('select lianxin_grant_everything()');
    for (const statement of first) await a.query(statement);
    await b.query('begin');
    await b.query('select lianxin_grant_everything()');
    let settled = false;
    const run = (async () => {
      for (const statement of second) await b.query(statement);
    })().finally(() => {
      settled = true;
    });
    run.catch(() => undefined);
    let waited = false;
    for (let tries = 0; !settled && !waited && tries < 500; tries++) {
      const { rows } = await watcher.query<{ blocked: boolean }>('select $1::int = any (pg_blocking_pids($2)) as blocked', [
        holder,
        waiter,
      ]);
      waited = rows[0].blocked;
      if (!waited) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (waited) for (const statement of firstAfterWait) await a.query(statement);
    await a.query('commit');
    try {
      await run;
    } catch (err) {
      await b.query('rollback');
      throw err;
    }
    await b.query('commit');
    if (!waited) throw new Error('the second transaction did not wait for the first');
  } finally {
    await Promise.all([a.end(), b.end(), watcher.end()]);
  }
}
