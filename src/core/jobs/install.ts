import { runMigrations } from 'graphile-worker';
import type { Logger } from '../logger';
import { workerLogger } from './worker-logger';

/*
 * graphile-worker keeps its own schema (graphile_worker) and its own migrations; they run with the
 * owner's connection right after ours. The application role then gets exactly what the runner
 * needs there: rows of the queue tables (row-level security allows it every row) and its functions,
 * no DDL and nothing else.
 */

const GRANTS = `
grant usage on schema graphile_worker to lianxin_app;
grant select, insert, update, delete on all tables in schema graphile_worker to lianxin_app;
revoke insert, update, delete on graphile_worker.migrations from lianxin_app;
grant usage, select on all sequences in schema graphile_worker to lianxin_app;
grant execute on all functions in schema graphile_worker to lianxin_app;
do $$
declare t text;
begin
  -- graphile-worker turns row-level security on for its tables (so nothing exposes them by
  -- accident); the application role is the queue's user, for every row of them.
  foreach t in array array['_private_jobs', '_private_job_queues', '_private_tasks', '_private_known_crontabs'] loop
    execute format('drop policy if exists lianxin_app_queue on graphile_worker.%I', t);
    execute format('create policy lianxin_app_queue on graphile_worker.%I to lianxin_app using (true) with check (true)', t);
  end loop;
end $$;`;

export async function installJobQueue(ownerUrl: string, run: (sql: string) => Promise<unknown>, logger: Logger): Promise<void> {
  await runMigrations({ connectionString: ownerUrl, logger: workerLogger(logger) });
  await run(GRANTS);
}
