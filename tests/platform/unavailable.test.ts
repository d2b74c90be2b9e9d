import pg from 'pg';
import { isDatabaseUnavailable } from '../../src/core/errors/unavailable';
import { databaseUrl, sql } from '../support/databases';
import { ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * A database that goes away under a request (a restart, a failover, a cut connection) is answered
 * as UNAVAILABLE with `retryable: true`, never as an internal error, and the next request is served
 * on a fresh connection without restarting the API.
 */

describe('a database that goes away under a request', () => {
  it('tells connection failures from other errors', () => {
    expect(isDatabaseUnavailable({ code: '57P01', message: 'terminating connection due to administrator command' })).toBe(true);
    expect(isDatabaseUnavailable({ code: '08006' })).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable({ message: 'wrapped', originalError: { code: 'ECONNREFUSED' } })).toBe(true);
    expect(isDatabaseUnavailable({ code: '23505', message: 'duplicate key value violates unique constraint' })).toBe(false);
    expect(isDatabaseUnavailable({ code: '57014', message: 'canceling statement due to statement timeout' })).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
  });

  describe('through the API', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ env: { STATEMENT_TIMEOUT_MS: '20000' } });
    });
    afterAll(() => app.close());

    it('answers UNAVAILABLE (retryable) when its connection is cut, then serves the next request', async () => {
      const locker = new pg.Client({ connectionString: databaseUrl(app.database) });
      await locker.connect();
      await locker.query('begin');
      await locker.query('lock table district in access exclusive mode');
      const query = '{ districts { nodes { name } } }';
      const pending = app.request<{ districts: { nodes: Array<{ name: string }> } }, Record<string, never>>(
        query,
        {},
        { as: 'platform.admin' },
      );
      try {
        // The request waits on the lock; cut its connection as a restarting server would.
        let cut = 0;
        for (let tries = 0; tries < 200 && cut === 0; tries++) {
          await new Promise((r) => setTimeout(r, 50));
          const rows = await sql<{ cut: boolean }>(
            app.database,
            `select pg_terminate_backend(pid) as cut from pg_stat_activity
              where datname = current_database() and usename = 'lianxin_app' and wait_event_type = 'Lock'`,
          );
          cut = rows.filter((r) => r.cut).length;
        }
        expect(cut).toBe(1);
      } finally {
        await locker.query('rollback');
        await locker.end();
      }
      const res = await pending;
      const errors = res.errors ?? [];
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((e) => e.extensions.code === 'UNAVAILABLE' && e.extensions.retryable === true)).toBe(true);
      expect(JSON.stringify(res)).not.toContain('INTERNAL_SERVER_ERROR');
      // The pool drops the dead connection: the same request is answered at once, no restart.
      expect(
        ok(await app.request<{ districts: { nodes: unknown[] } }, Record<string, never>>(query, {}, { as: 'platform.admin' })).districts
          .nodes.length,
      ).toBeGreaterThan(0);
    });
  });
});
