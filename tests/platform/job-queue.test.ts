import { TokenService } from '../../src/core/auth/tokens';
import { fixedClock } from '../../src/core/clock';
import { JobQueue } from '../../src/core/jobs/queue';
import { createLogger } from '../../src/core/logger';
import { loadConfig } from '../../src/config';
import { sql } from '../support/databases';
import { gid, ok, pkOf, startTestApp, testDataDir, type TestApp } from '../support/test-app';

/*
 * A job whose transaction committed is done, whatever happens after: a queue whose onCommitted
 * throws (a cache that failed to clear) logs it, counts the job as run and removes it from the
 * queue, so it never runs again. A real queue over PostgreSQL, with a job the issues module
 * schedules (an issue's escalation when its deadline passes).
 */
const START = '2026-11-16T04:00:00.000Z';
const REPORT = `mutation($input: ReportIssueInput!) { reportIssue(input: $input) { issue { id } userErrors { code } } }`;
const MINUTE = 60_000;

describe('the job queue after a job committed', () => {
  const clock = fixedClock(START);
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ clock });
  });
  afterAll(() => app.close());

  // A sync throw and an async rejection from onCommitted: both are logged, and neither undoes the job.
  it.each([
    [
      'throws',
      (): void => {
        throw new Error('the cache could not be cleared');
      },
    ],
    [
      'rejects',
      async (): Promise<void> => {
        await Promise.resolve();
        throw new Error('the cache could not be cleared');
      },
    ],
  ])('keeps a job done when onCommitted %s, and logs it', async (_how, fail) => {
    const [row] = await sql<{ id: number }>(
      app.database,
      "select household_id as id from person where id = (select person_id from user_account where login = 'resident.xinyuan')",
    );
    const issue = ok(
      await app.request<{ reportIssue: { issue: { id: string } } }, Record<string, unknown>>(
        REPORT,
        { input: { householdId: gid('Household', row.id), subject: 'BUILDING', category: 'repairs', text: '电梯异响', nameVisible: true } },
        { as: 'resident.xinyuan' },
      ),
    ).reportIssue.issue.id;
    const [job] = await sql<{ id: string; runAt: Date }>(
      app.database,
      'select id::text as id, run_at as "runAt" from graphile_worker.jobs where key = $1',
      [`issues.escalation:${pkOf(issue)}`],
    );
    const dueAt = new Date(job.runAt).getTime();
    // Whatever the demo left due before the deadline runs now, through the server's own queue.
    clock.set(new Date(dueAt - MINUTE).toISOString());
    await app.jobs.runDue();

    const lines: string[] = [];
    const logger = createLogger('warn', (line) => lines.push(line));
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: testDataDir() });
    const committed: string[] = [];
    const queue = new JobQueue({
      orm: app.orm,
      logger,
      tokens: TokenService.create(config.auth, config.dataDir, logger),
      clock,
      onCommitted: (definition) => {
        committed.push(definition.name);
        return fail();
      },
    });
    try {
      clock.set(new Date(dueAt + MINUTE).toISOString());
      expect(await queue.runDue()).toBeGreaterThanOrEqual(1);
    } finally {
      await queue.stop();
    }

    // The escalation committed once, and the job that did it is gone from the queue: not released for another attempt.
    const [escalated] = await sql<{ n: number }>(app.database, 'select count(*)::int as n from escalation where issue_id = $1', [
      pkOf(issue),
    ]);
    expect(escalated.n).toBe(1);
    expect(await sql(app.database, 'select id from graphile_worker.jobs where id = $1::bigint', [job.id])).toEqual([]);
    expect(committed).toContain('issues.escalationCheck');
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: 'error',
        msg: 'job committed, but its onCommitted failed',
        job: 'issues.escalationCheck',
        id: job.id,
        message: 'the cache could not be cleared',
      }),
    );
    expect(logged.filter((l) => l.msg === 'job failed')).toEqual([]);
  });
});

/*
 * The server stops its runner on a signal, which may come while the runner is still starting (its
 * first statements, the cron's backfill) or busy: the runner's pool ends only once the runner has
 * let go of it, and an error of a stopping runner is logged, not left as an unhandled rejection
 * (which ends the process, mid-shutdown, with a stack trace instead of the exit code).
 */
describe('the job queue stopped while its runner starts', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('stops cleanly: no unhandled rejection, no error logged, no runner left listening', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: testDataDir() });
      for (const settle of [0, 1, 5, 20, 50]) {
        const lines: string[] = [];
        const logger = createLogger('warn', (line) => lines.push(line));
        const queue = new JobQueue({
          orm: app.orm,
          logger,
          tokens: TokenService.create(config.auth, config.dataDir, logger),
          clock: fixedClock(START),
          pollIntervalMs: 50,
        });
        const starting = queue.start();
        await new Promise((r) => setTimeout(r, settle));
        await queue.stop();
        await starting;
        // What a stray runner would do next (its poll, its LISTEN's retry) has had time to happen.
        await new Promise((r) => setTimeout(r, 300));
        expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.level === 'error')).toEqual([]);
      }
      expect(unhandled).toEqual([]);
      const listening = await sql(
        app.database,
        "select pid from pg_stat_activity where datname = current_database() and query ilike 'listen%jobs:insert%'",
      );
      expect(listening).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
