import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/*
 * Q6 (or QUERY=Q1…Q5) against a held database (`HOLD=1 QUERIES=Q6 SERVERS=api npm run bench` writes
 * bench/.run/hold.json): servers of one or more builds, and the floor, started in turn with the
 * bench's settings, round after round (interleaved, so a shared machine's load falls on all alike).
 * Per server and round: the answer compared with the first server's (keys sorted), the SQL
 * statements per request, Node CPU per request over sequential requests (from /proc), and, when
 * WRK_SECONDS > 0, req/s and p50 at CONCURRENCY under wrk (1 thread pinned to LOADGEN_CPUS); the server's peak RSS.
 *
 * Env: QUERY (Q6; the held run must have seeded its bodies) BUILDS ("api=dist": name=dist directory, comma-separated; "floor" for the floor;
 * "api=dist@other" serves that build from database `other` of the held server, e.g. a copy made with
 * `create database other template lianxin_bench` and migrated by the build, when the builds' schemas differ) ROUNDS (3)
 * WARMUP_REQUESTS (20) REQUESTS (100) FLOOR_REQUESTS (5) WRK_SECONDS (0) WRK_WARMUP (5) CONCURRENCY (16) LOADGEN_CPUS (1)
 * SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=bench/.run/prof")
 * BUILD_ENV (a build's own settings, "name:KEY=VALUE" comma-separated, e.g. "miss:FIGURES_MAX_STALENESS_MS=0"
 * with BUILDS=api=dist,miss=dist: the same build with the figures' cache off). The key NODE_ARGS there
 * is the build's own Node options instead (e.g. "stgc:NODE_ARGS=--single-threaded-gc"), after SERVER_NODE_ARGS.
 */

const env = process.env;
const root = path.resolve(__dirname, '../..');
const hold = JSON.parse(readFileSync(path.join(root, 'bench/.run/hold.json'), 'utf8')) as Record<string, string> & { bodies: string[] };
const BUILDS = (env.BUILDS ?? 'api=dist').split(',').map((b) => {
  const [name, target] = b.includes('=') ? b.split('=') : [b, ''];
  const [dir, database] = target.split('@');
  return { name, dir, database };
});
const BUILD_ENV = new Map<string, Record<string, string>>();
for (const item of (env.BUILD_ENV ?? '').split(',').filter(Boolean)) {
  const [name, setting] = [item.slice(0, item.indexOf(':')), item.slice(item.indexOf(':') + 1)];
  const [key, value] = [setting.slice(0, setting.indexOf('=')), setting.slice(setting.indexOf('=') + 1)];
  BUILD_ENV.set(name, { ...BUILD_ENV.get(name), [key]: value });
}
const ROUNDS = Number(env.ROUNDS ?? 3);
const WARMUP_REQUESTS = Number(env.WARMUP_REQUESTS ?? 20);
const REQUESTS = Number(env.REQUESTS ?? 100);
const FLOOR_REQUESTS = Number(env.FLOOR_REQUESTS ?? 5);
const WRK_SECONDS = Number(env.WRK_SECONDS ?? 0);
const WRK_WARMUP = Number(env.WRK_WARMUP ?? 5);
const CONCURRENCY = Number(env.CONCURRENCY ?? 16);
const LOADGEN_CPUS = env.LOADGEN_CPUS ?? '1';
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
const QUERY = env.QUERY ?? 'Q6';
const bodiesFile = hold.bodies.find((f) => f.endsWith(`bodies-${QUERY}.txt`));
if (!bodiesFile) throw new Error(`the held database has no ${QUERY} bodies: hold it with QUERIES=${QUERY}`);
const body = readFileSync(bodiesFile, 'utf8').split('\n')[0];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** The held PostgreSQL's postmaster and its children, CPU in ticks (best effort: 0 when not found). */
function pgTicks(): number {
  const port = new URL(hold.url).port;
  const found = spawnSync('pgrep', ['-f', `postgres.*-p ${port}`], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter(Boolean)
    .map(Number);
  let ticks = 0;
  for (const pid of found) {
    ticks += cpuTicks(pid);
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    ticks += Number(fields[13]) + Number(fields[14]);
    for (const child of spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .stdout.split('\n')
      .filter(Boolean)
      .map(Number))
      try {
        ticks += cpuTicks(child);
      } catch {
        // gone meanwhile
      }
  }
  return ticks;
}

function onDatabase(url: string, database: string | undefined): string {
  if (!database) return url;
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function start(name: string, dir: string, database?: string): Promise<{ child: ChildProcess; port: number }> {
  const port = await freePort();
  const floor = name === 'floor';
  const script = floor ? path.join(root, 'dist/bench/floor.js') : path.join(root, dir, 'src/server.js');
  const { NODE_ARGS: ownArgs = '', ...settings } = BUILD_ENV.get(name) ?? {};
  const nodeArgs = [...(env.SERVER_NODE_ARGS ?? '').split(' '), ...ownArgs.split(' ')].filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: root,
    env: {
      PATH: env.PATH,
      DATABASE_URL: onDatabase(floor ? hold.url : hold.appUrl, database),
      PORT: String(port),
      PG_POOL_MAX: '10',
      DB_POOL_MAX: '10',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      EXPOSE_SQL_STATEMENT_COUNT: 'true',
      JWT_PRIVATE_KEY: hold.signingKey,
      FIELD_ENCRYPTION_KEYS: hold.FIELD_ENCRYPTION_KEYS,
      FIELD_INDEX_KEY: hold.FIELD_INDEX_KEY,
      QUERY_BUDGET_POINTS: '1000000000000',
      QUERY_BUDGET_RESTORE_RATE: '1000000000',
      DB_POOL_PRINCIPAL_SHARE: '100',
      ...settings,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Up to 5 minutes: on a loaded machine a build takes a minute or more to start serving.
  for (let i = 0; i < 3000; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"query":"{__typename}"}',
      });
      break;
    } catch {
      await sleep(100);
    }
  }
  return { child, port };
}

async function post(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: hold.authorization },
    body,
  });
  return res.text();
}

function normalized(text: string): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  return JSON.stringify(canonical((JSON.parse(text) as { data?: unknown }).data));
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

async function main(): Promise<void> {
  const results: Array<Record<string, unknown>> = [];
  let reference: string | undefined;
  for (let round = 1; round <= ROUNDS; round++)
    for (const build of BUILDS) {
      const server = await start(build.name, build.dir, build.database);
      const pid = server.child.pid!;
      try {
        const text = await post(server.port);
        const parsed = JSON.parse(text) as { errors?: unknown; extensions?: { sqlStatements?: number } };
        if (parsed.errors) throw new Error(`${build.name} answered errors: ${text.slice(0, 500)}`);
        reference ??= normalized(text);
        const row: Record<string, unknown> = {
          round,
          server: build.name,
          same: normalized(text) === reference,
          statements: parsed.extensions?.sqlStatements ?? 1,
          load_before: loadAverage(),
        };
        // The floor recomputes Q6 per request (seconds each): fewer of them.
        const [warm, requests] =
          build.name === 'floor' && QUERY === 'Q6' ? [1, Math.min(REQUESTS, FLOOR_REQUESTS)] : [WARMUP_REQUESTS, REQUESTS];
        for (let i = 0; i < warm; i++) await post(server.port);
        const [s0, p0, t0] = [cpuTicks(pid), pgTicks(), Date.now()];
        let last = '';
        for (let i = 0; i < requests; i++) last = await post(server.port);
        const [s1, p1, t1] = [cpuTicks(pid), pgTicks(), Date.now()];
        // The first answer's statements are a miss's when the figures are cached; the last, a hit's.
        row.statements_last = (JSON.parse(last) as { extensions?: { sqlStatements?: number } }).extensions?.sqlStatements ?? 1;
        row.seq_server_cpu_ms = Math.round(((s1 - s0) / CLK_TCK / requests) * 1e5) / 100;
        row.seq_pg_cpu_ms = Math.round(((p1 - p0) / CLK_TCK / requests) * 1e5) / 100;
        row.seq_wall_ms = Math.round(((t1 - t0) / requests) * 100) / 100;
        if (WRK_SECONDS > 0) {
          const run = (seconds: number) => {
            const args = [
              '-t1',
              `-c${CONCURRENCY}`,
              `-d${seconds}s`,
              '--timeout',
              '30s',
              '--latency',
              '-s',
              path.join(root, 'bench/wrk.lua'),
            ];
            const all = [...args, `http://127.0.0.1:${server.port}/graphql`, '--', bodiesFile!];
            const out = execFileSync(LOADGEN_CPUS ? 'taskset' : 'wrk', LOADGEN_CPUS ? ['-c', LOADGEN_CPUS, 'wrk', ...all] : all, {
              encoding: 'utf8',
              env: { ...env, BENCH_AUTHORIZATION: hold.authorization },
            });
            return JSON.parse(
              out
                .split('\n')
                .find((l) => l.startsWith('WRK '))!
                .slice(4),
            ) as Record<string, number>;
          };
          if (WRK_WARMUP > 0) run(WRK_WARMUP);
          const [s2, p2] = [cpuTicks(pid), pgTicks()];
          const w = run(WRK_SECONDS);
          const [s3, p3] = [cpuTicks(pid), pgTicks()];
          row.rps = Math.round((w.requests / (w.duration_us / 1e6)) * 10) / 10;
          row.p50_ms = w.requests ? w.p50_us / 1000 : null;
          row.p99_ms = w.requests ? w.p99_us / 1000 : null;
          row.errors = w.errors + w.non2xx;
          row.wrk_server_cpu_ms = w.requests ? Math.round(((s3 - s2) / CLK_TCK / w.requests) * 1e5) / 100 : null;
          row.wrk_pg_cpu_ms = w.requests ? Math.round(((p3 - p2) / CLK_TCK / w.requests) * 1e5) / 100 : null;
        }
        row.load_after = loadAverage();
        // The server's peak resident memory so far (VmHWM): what a setting (a heap flag, a young
        // generation's size) costs in memory beside what it saves in CPU.
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        row.peak_rss_mb = hwm ? Math.round(Number(hwm[1]) / 1024) : null;
        results.push(row);
        process.stderr.write(`q6-ab: ${JSON.stringify(row)}\n`);
      } finally {
        server.child.kill('SIGTERM');
        await sleep(500);
      }
    }
  const file = path.join(root, `bench/.run/${QUERY.toLowerCase()}-ab-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  process.stdout.write(`${JSON.stringify(results, null, 1)}\n`);
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).stack}\n`);
  process.exit(1);
});
