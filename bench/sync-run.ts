import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import 'reflect-metadata';
import '../src/platform';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { TokenService, type RunSql } from '../src/core/auth/tokens';
import { APP_ROLE, createDatabaseIfMissing, setAppRolePassword } from '../src/core/database/database';
import { createLogger } from '../src/core/logger';
import { seedSynthetic } from '../src/seed/synthetic';
import { runSyncBench } from './sync';

/*
 * npm run bench:sync — the sync benchmark (bench/sync.ts) in one command: a fresh database on the
 * PostgreSQL server at SYNC_ADMIN_URL (postgres://postgres@127.0.0.1:5432/postgres), migrated; a
 * community and a community admin (WRITE_PLACES, WRITE_PEOPLE) with a token; the built server
 * (dist/src/server.js, NODE_ENV=production, as the application role) on a free port; then the
 * benchmark (CALLS, ITEMS, CONCURRENCY as in bench/sync.ts: 100 × 1,000, one at a time by default). Prints the report as JSON
 * with the server's CPU milliseconds per call and its PostgreSQL backends' (dbCpuMsPerCall, from
 * /proc when the database server runs here); the database is dropped at the end (KEEP_DATABASE=1
 * keeps it).
 *
 * SERVER_ROOT runs another build's server and migrations (a checkout built with `npm run build`), for
 * before/after comparisons on one machine; SERVER_NODE_ARGS passes flags to its node (e.g.
 * "--cpu-prof --cpu-prof-dir=/tmp/prof"); STATEMENT_TIMEOUT_MS raises the server's limit; EXPLAIN_MS logs the plans of slower statements (auto_explain, with
 * trigger times) to the PostgreSQL server's log.
 */

const env = process.env;
const root = path.resolve(__dirname, '../..');
const serverRoot = path.resolve(env.SERVER_ROOT ?? root);
const adminUrl = env.SYNC_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const logger = createLogger('warn');
const say = (message: string) => process.stderr.write(`bench:sync: ${message}\n`);
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

const SIGNING_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const FIELD_KEYS = {
  FIELD_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
  FIELD_INDEX_KEY: randomBytes(32).toString('base64'),
};

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** A process's utime+stime in milliseconds. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / CLK_TCK) * 1000;
}

/**
 * The CPU time of the application role's PostgreSQL backends on the database (the server's pool),
 * read from /proc: the server must run on this machine and the caller be able to read its
 * processes. A backend that ends between two readings takes its time with it (the pool keeps them).
 */
async function backendsCpuMs(url: string, database: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1 and usename = $2', [
      database,
      APP_ROLE,
    ]);
    let total = 0;
    for (const { pid } of rows) {
      try {
        total += cpuMs(pid);
      } catch {
        return NaN; // not readable here (another machine or user)
      }
    }
    return total;
  } finally {
    await client.end();
  }
}

function serverEnv(appUrl: string, ownerUrl: string, port: number): NodeJS.ProcessEnv {
  return {
    PATH: env.PATH,
    DATABASE_URL: appUrl,
    MIGRATION_DATABASE_URL: ownerUrl,
    PORT: String(port),
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    EXPOSE_SQL_STATEMENT_COUNT: 'true',
    JWT_PRIVATE_KEY: SIGNING_KEY,
    ...FIELD_KEYS,
    // One principal sends every call: a budget it cannot use up, so the run measures the work.
    QUERY_BUDGET_POINTS: '1000000000000',
    QUERY_BUDGET_RESTORE_RATE: '1000000000',
    // Production's limit unless raised (a slow build's calls can exceed it on a loaded machine).
    ...(env.STATEMENT_TIMEOUT_MS ? { STATEMENT_TIMEOUT_MS: env.STATEMENT_TIMEOUT_MS } : {}),
  };
}

async function startServer(appUrl: string, ownerUrl: string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const nodeArgs = (env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, path.join(serverRoot, 'dist/src/server.js')], {
    cwd: serverRoot,
    env: serverEnv(appUrl, ownerUrl, port),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  // A loaded machine can take a minute to start it (the schema is built at start).
  for (const until = Date.now() + 180_000; Date.now() < until;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{__typename}"}' });
      if (res.status < 500) return { child, url };
    } catch {
      await sleep(100);
    }
  }
  throw new Error('the server did not answer');
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

/** A community admin of the community (WRITE_PLACES and WRITE_PEOPLE there), signed in. */
async function syncPrincipal(url: string, communityId: number): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number }>(
      "insert into user_account (login, display_name) values ('bench.sync', 'bench') returning id",
    );
    await client.query("insert into role_binding (user_id, role, scope_type, scope_id) values ($1, 'COMMUNITY_ADMIN', 'COMMUNITY', $2)", [
      rows[0].id,
      communityId,
    ]);
    const config = loadConfig({ NODE_ENV: 'production', JWT_PRIVATE_KEY: SIGNING_KEY, JWT_TTL_SECONDS: String(24 * 3600), ...FIELD_KEYS });
    const run: RunSql = async (text, values) => (await client.query(text, values)).rows;
    const issued = await TokenService.create(config.auth, os.tmpdir()).issue(run, rows[0].id);
    if (!issued) throw new Error('could not open a session for bench.sync');
    return issued.token;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const name = `lianxin_sync_${Date.now().toString(36)}`;
  await createDatabaseIfMissing(adminUrl, name);
  const ownerUrl = new URL(adminUrl);
  ownerUrl.pathname = `/${name}`;
  const appUrl = new URL(ownerUrl);
  appUrl.username = APP_ROLE;
  appUrl.password = randomBytes(18).toString('base64url');
  let server: ChildProcess | undefined;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-sync-'));
  try {
    say(`migrating ${name} with ${path.relative(process.cwd(), serverRoot) || '.'}'s migrations`);
    execFileSync(process.execPath, [path.join(serverRoot, 'dist/src/scripts/migrate.js')], {
      cwd: serverRoot,
      // As the owner, outside production: the application role need not log in yet.
      env: { PATH: env.PATH, DATABASE_URL: ownerUrl.toString(), DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...FIELD_KEYS },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await setAppRolePassword(ownerUrl.toString(), appUrl.password);
    if (env.EXPLAIN_MS) {
      // Plans (with their triggers' times) of statements slower than EXPLAIN_MS, in the server's log.
      const client = new pg.Client({ connectionString: ownerUrl.toString() });
      await client.connect();
      for (const [setting, value] of [
        ['session_preload_libraries', 'auto_explain'],
        ['auto_explain.log_min_duration', env.EXPLAIN_MS],
        ['auto_explain.log_analyze', 'on'],
        ['auto_explain.log_triggers', 'on'],
        ['auto_explain.log_nested_statements', 'on'],
      ])
        await client.query(`alter database ${client.escapeIdentifier(name)} set ${setting} = ${client.escapeLiteral(value)}`);
      await client.end();
    }
    const seeded = await seedSynthetic(
      ownerUrl.toString(),
      { communities: 1, compounds: 1, buildings: 1, households: 1 },
      logger,
      '同步区',
    );
    const token = await syncPrincipal(ownerUrl.toString(), seeded.communityIds[0]);
    const started = await startServer(appUrl.toString(), ownerUrl.toString());
    server = started.child;
    const pid = server.pid!;
    say(`server up (${started.url}); calls ${env.CALLS ?? 100} × ${env.ITEMS ?? 1000} items`);
    const communityId = Buffer.from(`Community:${seeded.communityIds[0]}`).toString('base64url');
    const report = await runSyncBench(token, communityId, {
      url: started.url,
      cpuMs: () => cpuMs(pid),
      dbCpuMs: () => backendsCpuMs(adminUrl, name),
    });
    const cpu = os.cpus();
    process.stdout.write(
      `${JSON.stringify(
        {
          date: new Date().toISOString(),
          machine: `${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, Node ${process.version}`,
          loadAverage: os.loadavg().map((l) => Math.round(l * 10) / 10),
          server: serverRoot === root ? 'this build' : serverRoot,
          concurrency: Math.max(1, Number(env.CONCURRENCY ?? 1)),
          ...report,
        },
        null,
        2,
      )}\n`,
    );
  } finally {
    if (server) await stopServer(server);
    rmSync(dataDir, { recursive: true, force: true });
    if (!env.KEEP_DATABASE) {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${client.escapeIdentifier(name)} with (force)`);
      await client.end();
    }
  }
}

main().catch((err) => {
  say((err as Error).stack ?? String(err));
  process.exit(1);
});
