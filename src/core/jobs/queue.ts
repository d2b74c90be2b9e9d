import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { run, type Runner, type Task } from 'graphile-worker';
import pg from 'pg';
import type { TokenService } from '../auth/tokens';
import { ANONYMOUS } from '../auth/principal';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { IntegrationConfig } from '../../config';
import { createRequestContext } from '../../context';
import { jobNamed, jobNames, type JobDefinition, type JobPayload } from './job';
import { goingAway, workerLogger } from './worker-logger';

/*
 * The platform's job queue: graphile-worker's tables and runner in the same PostgreSQL. The runner
 * (`start`) claims due jobs with SKIP LOCKED, so several API instances share the work and each job
 * runs once; `runDue(at)` claims the jobs due at a clock's time the same way, so tests move their
 * clock instead of sleeping. A handler runs in a transaction of its own whose first statement,
 * lianxin_job_grant, reaches the one community of the claimed job and nothing else.
 */

const CLAIM_SQL = `
with j as (
  select jobs.id from graphile_worker._private_jobs jobs
    join graphile_worker._private_tasks tasks on tasks.id = jobs.task_id
   where jobs.is_available and jobs.job_queue_id is null and jobs.run_at <= $2::timestamptz
     and tasks.identifier = any($3::text[])
   order by jobs.priority, jobs.run_at, jobs.id
   limit 1
   for update of jobs skip locked)
update graphile_worker._private_jobs jobs
   set attempts = jobs.attempts + 1, locked_by = $1, locked_at = now()
  from j where jobs.id = j.id
returning jobs.id::text as id, (select identifier from graphile_worker._private_tasks t where t.id = jobs.task_id) as task, jobs.payload`;

// What graphile-worker's runner does with a job that ran: complete_jobs() is for jobs nobody has
// locked, and leaves a claimed one in place, locked, to be claimed again once the lock expires.
const COMPLETE_SQL = `delete from graphile_worker._private_jobs where id = $1::bigint and locked_by = $2`;

const FAIL_SQL = `
update graphile_worker._private_jobs
   set last_error = $3, run_at = greatest(now(), run_at) + exp(least(attempts, 10)) * interval '1 second',
       locked_by = null, locked_at = null, updated_at = now()
 where id = $1::bigint and locked_by = $2`;

export interface JobQueueOptions {
  orm: MikroORM;
  logger: Logger;
  tokens: TokenService;
  clock: Clock;
  /** The change feed and webhook settings the handlers read from their context. */
  integration?: IntegrationConfig;
  /** Jobs run side by side by one instance's runner. */
  concurrency?: number;
  pollIntervalMs?: number;
  /**
   * Called once a job's transaction has committed, with the job's definition: the instance's caches
   * of computed values forget what the job may have changed (`changesFigures`), as after a
   * mutation. What it throws or rejects with is logged: the job has committed, and stays done.
   */
  onCommitted?: (job: JobDefinition) => void | Promise<void>;
}

/** How long stop waits for a stopped runner's last statements before its pool ends anyway. */
const STOP_WAIT_MS = 10_000;

export class JobQueue {
  private runner?: Runner;
  /** Settles when the runner has ended, its rejection (an error while it ran or stopped) already logged. */
  private ended?: Promise<void>;
  /** The runner being started: stop waits for it. */
  private starting?: Promise<void>;
  private pool?: pg.Pool;
  /** Stopped for good: a start asked for after a stop (a signal while the server was starting) starts nothing. */
  private stopped = false;
  /** The instance is shutting down (see closing()). */
  private closing = false;

  constructor(private readonly options: JobQueueOptions) {}

  /**
   * Runs one claimed job's handler in a transaction of its own that reaches the job's community,
   * then `onCommitted`. It throws only if the job's transaction did not commit.
   */
  async execute(jobId: string, task: string, payload: JobPayload): Promise<void> {
    const job = jobNamed(task);
    if (!job) throw new Error(`no handler for job ${task}`);
    const { orm, logger, tokens, clock, integration } = this.options;
    const em = orm.em.fork({ clear: true, useContext: false });
    await em.transactional(async (tem) => {
      const ctx = createRequestContext({ requestId: `job:${jobId}`, em: tem, logger, tally: { count: 0 }, tokens, clock, integration });
      await ctx.db.query('select lianxin_job_grant($1::bigint)', [jobId]);
      ctx.principal = { ...ANONYMOUS, communityIds: new Set([payload.communityId]) };
      ctx.action = task;
      await job.handle(ctx, payload);
    });
    // The job's work is committed: a failure from here on must not fail the job, or the queue
    // would release it and run it again.
    try {
      await this.options.onCommitted?.(job);
    } catch (err) {
      logger.error('job committed, but its onCommitted failed', { job: task, id: jobId, message: (err as Error).message });
    }
  }

  private connection(): pg.Pool {
    if (!this.pool) {
      this.pool = new pg.Pool({ connectionString: this.options.orm.config.get('clientUrl'), max: 2 });
      // An idle client's error (the server restarting) must not take the process down.
      this.pool.on('error', (err) => {
        // The database going away while the instance stops (a Ctrl-C reaches both) is expected.
        if (this.closing && goingAway(err)) this.options.logger.debug('job queue connection ended', { message: err.message });
        else this.options.logger.warn('job queue connection failed', { message: err.message });
      });
    }
    return this.pool;
  }

  /** Starts graphile-worker's runner on this instance (the server does; tests use runDue). */
  async start(): Promise<void> {
    if (this.runner || this.starting || this.stopped || jobNames().length === 0) return;
    this.starting = this.startRunner();
    try {
      await this.starting;
    } finally {
      this.starting = undefined;
    }
  }

  private async startRunner(): Promise<void> {
    const taskList: Record<string, Task> = {};
    for (const name of jobNames()) {
      taskList[name] = (payload, helpers) => this.execute(helpers.job.id, name, payload as JobPayload);
    }
    const runner = await run({
      pgPool: this.connection(),
      taskList,
      concurrency: this.options.concurrency ?? 2,
      pollInterval: this.options.pollIntervalMs ?? 2000,
      noHandleSignals: true,
      // Jobs are scheduled by modules, never by a crontab file.
      parsedCronItems: [],
      logger: workerLogger(this.options.logger, () => this.closing),
    });
    this.runner = runner;
    // The runner's promise rejects when it ends on an error; nobody else awaits it, and an unobserved
    // rejection would end the whole process (the API with it).
    this.ended = runner.promise.catch((err: unknown) => {
      this.options.logger.error('the job runner stopped on an error: this instance runs no jobs until it restarts', {
        message: err instanceof Error ? err.message : String(err),
      });
    });
  }

  /**
   * The instance has begun to shut down: the database may end the runner's connections before the
   * runner is stopped (an embedded one gets the same Ctrl-C), which is then no news worth a warning.
   */
  markClosing(): void {
    this.closing = true;
  }

  /**
   * Stops the runner, letting running jobs finish, then closes its pool. A runner still starting is
   * let finish starting first: its pool ending under it would fail its first statements (the cron's
   * backfill, the LISTEN) and, unobserved, end the process mid-shutdown.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.closing = true;
    await this.starting?.catch(() => undefined);
    const runner = this.runner;
    const ended = this.ended;
    this.runner = undefined;
    this.ended = undefined;
    const pool = this.pool;
    this.pool = undefined;
    try {
      await runner?.stop();
      // stop() returns once the runner's parts were told to stop and have let go; its own promise
      // settles last. Bounded: a runner that will not finish must not hold the shutdown.
      if (ended) await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref())]);
    } finally {
      // Its connections close even if the runner failed to stop cleanly.
      await pool?.end();
    }
  }

  /**
   * Runs every job due at `at` (default: the clock's now), one claim at a time, and returns how many
   * ran. A failing job is released for a later attempt, as graphile-worker does.
   */
  async runDue(at: Date = this.options.clock.now()): Promise<number> {
    const pool = this.connection();
    const workerId = `runDue-${randomUUID()}`;
    let ran = 0;
    for (;;) {
      const { rows } = await pool.query<{ id: string; task: string; payload: JobPayload }>(CLAIM_SQL, [
        workerId,
        at.toISOString(),
        jobNames(),
      ]);
      const claimed = rows[0];
      if (!claimed) return ran;
      try {
        await this.execute(claimed.id, claimed.task, claimed.payload);
      } catch (err) {
        this.options.logger.warn('job failed', { job: claimed.task, id: claimed.id, message: (err as Error).message });
        await pool.query(FAIL_SQL, [claimed.id, workerId, (err as Error).message]);
        continue;
      }
      // Outside the try: the job committed, so a failure to remove it must not release it to run again.
      await pool.query(COMPLETE_SQL, [claimed.id, workerId]);
      ran++;
    }
  }
}
