import type { RequestContext } from '../../context';
import { dbOf } from '../data/db';
import type { EntityManager } from '@mikro-orm/postgresql';

/*
 * Jobs: work that runs later, outside any request (an issue's deadline passing). A module declares
 * its job handlers in its manifest (`jobs`), and schedules a job inside its own mutation, so the
 * job commits or rolls back with the change that asked for it. Jobs run for one community: the
 * payload names it, and the worker's transaction reaches that community only (lianxin_job_grant).
 */

/** What every job payload carries: the community the job acts in. */
export interface JobPayload {
  communityId: number;
}

export type JobHandler<P extends JobPayload> = (ctx: RequestContext, payload: P) => Promise<void>;

export interface JobDefinition<P extends JobPayload = JobPayload> {
  /** Unique across modules: `<module>.<job>`. */
  readonly name: string;
  readonly handle: JobHandler<P>;
  /**
   * Whether the job can write what the figures read (docs/figures.md): once it commits, this
   * instance's figures cache is cleared, as after a mutation. True unless the job says otherwise.
   */
  readonly changesFigures: boolean;
}

export interface JobOptions {
  /**
   * False for a job that writes nothing the figures read (a webhook delivery): its commits leave
   * the figures cache alone. A job that can write what they read must not set it; left out, the
   * cache is cleared, which is never wrong, only slower.
   */
  changesFigures?: boolean;
}

export function defineJob<P extends JobPayload>(name: string, handle: JobHandler<P>, options: JobOptions = {}): JobDefinition<P> {
  return { name, handle, changesFigures: options.changesFigures ?? true };
}

const registry = new Map<string, JobDefinition>();

/** Installs the assembled modules' job handlers (once per process). */
export function installJobs(jobs: readonly JobDefinition[]): void {
  registry.clear();
  for (const job of jobs) {
    if (registry.has(job.name)) throw new Error(`job ${job.name} is declared twice`);
    registry.set(job.name, job);
  }
}

export function jobNamed(name: string): JobDefinition | undefined {
  return registry.get(name);
}

export function jobNames(): string[] {
  return [...registry.keys()];
}

export interface ScheduleOptions {
  /** When it becomes due (the request clock's time). */
  runAt: Date;
  /**
   * One job per key: scheduling again with the same key moves the waiting job instead of adding a
   * second one (an issue has one deadline at a time).
   */
  key: string;
}

/**
 * Schedules `job` in the mutation's own transaction (graphile-worker's add_job): a rolled-back
 * mutation leaves no job behind.
 */
export async function scheduleJob<P extends JobPayload>(
  em: EntityManager,
  job: JobDefinition<P>,
  payload: P,
  options: ScheduleOptions,
): Promise<void> {
  await dbOf(em).query(
    `select graphile_worker.add_job($1, $2::json, run_at => $3::timestamptz, job_key => $4, job_key_mode => 'replace', max_attempts => 10)`,
    [job.name, JSON.stringify(payload), options.runAt.toISOString(), options.key],
  );
}

/** Removes the waiting job of `key`, if any (the issue was accepted or resolved in time). */
export async function cancelJob(em: EntityManager, key: string): Promise<void> {
  await dbOf(em).query(`select graphile_worker.remove_job($1)`, [key]);
}
