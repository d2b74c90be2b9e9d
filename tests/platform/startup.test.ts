import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, databaseUrl, dropTestDatabase, sql } from '../support/databases';
import { freePort, graphql, login, oneLine, start } from '../support/processes';
import { testDataDir } from '../support/test-app';

/*
 * `npm start` as an operator meets it: the compiled server in a child process (npm test builds it
 * first). Problems end with one line on stderr; the embedded database survives a restart.
 */
describe('starting and stopping the server', () => {
  it('ends a bad configuration with one line saying what to fix', async () => {
    const run = start({ PORT: 'eighty' });
    expect(await run.exited).toBe(1);
    expect(oneLine(run.stderr())).toBe('lianxin: PORT="eighty" is not a whole number; set it to a number between 1 and 65535');
  });

  it('ends an unreachable DATABASE_URL with one line naming it', async () => {
    const run = start({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/lianxin', PORT: String(await freePort()) });
    expect(await run.exited).toBe(1);
    expect(oneLine(run.stderr())).toBe(
      'lianxin: cannot connect to DATABASE_URL (127.0.0.1:1/lianxin): nothing is listening there; start PostgreSQL or fix the host and port',
    );
  });

  it('with DATABASE_URL applies migrations, loads no demo data by itself, and ends a taken port with one line', async () => {
    const database = await createTestDatabase('schema');
    const blocker = net.createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
    try {
      const taken = start({ DATABASE_URL: databaseUrl(database), DATA_DIR: testDataDir(), PORT: String(port) });
      expect(await taken.exited).toBe(1);
      expect(oneLine(taken.stderr())).toBe(
        `lianxin: port ${port} on 127.0.0.1 is taken; stop what is using it or set PORT to another port`,
      );
    } finally {
      blocker.close();
    }
    const run = start({ DATABASE_URL: databaseUrl(database), DATA_DIR: testDataDir(), PORT: String(port) });
    try {
      await run.waitFor(/serving GraphQL at http:\/\/localhost:\d+\/graphql/);
      const res = await graphql(port, '{ districts { totalCount } }');
      expect(res.data).toEqual({ districts: { totalCount: 0 } });
    } finally {
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      await dropTestDatabase(database);
    }
  });

  // A process manager (or an IDE's stop button) signals the process it started: npm, not the server.
  // npm passes the signal to its script's shell, which must be the server itself (the scripts exec
  // it): a shell in between dies alone and leaves the server serving, its database open.
  it.each(['SIGTERM', 'SIGINT'] as const)('stops, connections and all, when npm run serve gets %s', async (signal) => {
    const database = await createTestDatabase('schema');
    const port = await freePort();
    const run = start({ DATABASE_URL: databaseUrl(database), DATA_DIR: testDataDir(), PORT: String(port) }, { npmScript: 'serve' });
    try {
      await run.waitFor(/serving GraphQL at http:\/\/localhost:\d+\/graphql/);
      run.child.kill(signal);
      const code = await Promise.race([run.exited, new Promise((r) => setTimeout(() => r('still running'), 15_000))]);
      let open: unknown[] = [];
      let listening = true;
      for (
        const end = Date.now() + 15_000;
        Date.now() < end && (listening || open.length > 0);
        await new Promise((r) => setTimeout(r, 100))
      ) {
        listening = await new Promise<boolean>((resolve) => {
          const socket = net.connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
          socket.on('error', () => resolve(false));
        });
        open = await sql(database, 'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
      }
      expect({ code, listening, open }).toEqual({ code: 0, listening: false, open: [] });
    } finally {
      // Whatever is left of npm's process group (nothing, when it stopped as it should).
      try {
        process.kill(-run.child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
      await dropTestDatabase(database);
    }
  });

  it('without DATABASE_URL runs an embedded PostgreSQL with demo data, stops it on Ctrl-C, and finds the same data on the next start', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-start-'));
    chmodSync(dataDir, 0o755);
    const env = { DATA_DIR: dataDir, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()) };
    try {
      const first = start(env);
      await first.waitFor(/serving GraphQL/, 120_000);
      expect(first.output()).toMatch(/loaded the demo data/);
      const admin = await login(Number(env.PORT), 'platform.admin');
      const before = await graphql(Number(env.PORT), '{ communities { totalCount } }', admin);
      expect(before.data).toEqual({ communities: { totalCount: 6 } });
      await graphql(
        Number(env.PORT),
        'mutation { createDistrict(input: { name: "重启测试区", city: "测试市" }) { district { id } } }',
        admin,
      );
      first.child.kill('SIGINT');
      expect(await first.exited).toBe(0);
      expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
      expect(existsSync(path.join(dataDir, 'jwt-signing-key.pem'))).toBe(true); // generated, outside the checkout's tracked files
      // The embedded superuser's and the application role's passwords: random, readable by this user only.
      for (const file of ['pg.password', 'app-role.password']) expect(statSync(path.join(dataDir, file)).mode & 0o777).toBe(0o600);

      const second = start(env);
      await second.waitFor(/serving GraphQL/, 60_000);
      expect(second.output()).not.toMatch(/loaded the demo data/);
      // The key survives the restart: a token from before still works.
      const after = await graphql(Number(env.PORT), '{ districts(first: 100) { totalCount nodes { name } } viewer { kind } }', admin);
      expect(after.data.viewer).toEqual({ kind: 'USER' });
      expect((after.data.districts as { nodes: Array<{ name: string }> }).nodes.map((d) => d.name)).toContain('重启测试区');
      second.child.kill('SIGINT');
      expect(await second.exited).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
