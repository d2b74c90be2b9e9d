import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import 'reflect-metadata';
import '../src/platform';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../src/config';
import { TokenService, type RunSql } from '../src/core/auth/tokens';
import { APP_ROLE, createDatabaseIfMissing, openOrm, setAppRolePassword } from '../src/core/database/database';
import { startEmbeddedPostgres } from '../src/core/database/embedded-postgres';
import { createLogger } from '../src/core/logger';
import { seedSynthetic, type SyntheticSize } from '../src/seed/synthetic';

/*
 * npm run bench — the synthetic district in a throwaway PostgreSQL, then the API and the floor
 * (one hand-written SQL statement per query) answer Q1–Q3 under wrk on loopback. Before loading,
 * every answer of the API is compared with the floor's. Q4 (a monthly statement of 2,000 ledger
 * entries) and Q5 (a community's fee collection rates for its 60 compounds) run on the API only; Q6
 * (a district officer's figures per community with a 12-month series) against a floor that
 * recomputes them from the base tables.
 * Writes bench/.run/results-<time>.{json,md}.
 *
 * Env: CONCURRENCY (16,64) DURATION (20) WARMUP (5) SIZE ("20,60,8,50": communities, compounds,
 * buildings, households) LOADGEN_CPUS (1: wrk pinned there) SERVERS (floor,api) QUERIES (Q1,…,Q6)
 * PG_POOL_MAX (10) HOLD (seed, write bench/.run/hold.json and keep the district until that file is
 * deleted; no measurement) RUN_TIMEOUT (bench/run.sh: 1200 s; 0 for none, as a long hold needs).
 */

const env = process.env;
const root = path.resolve(__dirname, '../..');
const CONCURRENCY = (env.CONCURRENCY ?? '16,64').split(',').map(Number);
const DURATION = Number(env.DURATION ?? 20);
const WARMUP = Number(env.WARMUP ?? 5);
const LOADGEN_CPUS = env.LOADGEN_CPUS ?? '1';
const POOL = env.PG_POOL_MAX ?? '10';
const [communities, compounds, buildings, households] = (env.SIZE ?? '20,60,8,50').split(',').map(Number);
const SIZE: SyntheticSize = { communities, compounds, buildings, households };
const OUT = path.join(root, 'bench/.run');
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
const logger = createLogger('warn');
const say = (message: string) => process.stderr.write(`bench: ${message}\n`);

const gid = (type: string, pk: number) => Buffer.from(`${type}:${pk}`).toString('base64url');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** utime+stime (and, for the postmaster, its reaped children's) in clock ticks. */
function cpuTicks(pid: number, withChildren = false): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const own = Number(fields[11]) + Number(fields[12]);
    return withChildren ? own + Number(fields[13]) + Number(fields[14]) : own;
  } catch {
    return 0;
  }
}

function childrenOf(pid: number): number[] {
  const res = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  return res.stdout.split('\n').filter(Boolean).map(Number);
}

function pgTicks(postmaster: number): number {
  return cpuTicks(postmaster, true) + childrenOf(postmaster).reduce((n, pid) => n + cpuTicks(pid), 0);
}

function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

interface Query {
  name: string;
  bodies: string[];
  file: string;
}

/** The answer's data as canonical text: keys sorted, instants cut to milliseconds. */
function normalized(text: string): string {
  const canonical = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(canonical);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
      );
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v)) return new Date(v).toISOString();
    return v;
  };
  const parsed = JSON.parse(text) as { data?: unknown };
  return JSON.stringify(canonical(parsed.data ?? parsed));
}

/** Every request is signed in (the floor ignores the header). */
let authorization = '';

async function post(port: number, body: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body,
  });
  return res.text();
}

/**
 * The caller: a community admin of every synthetic community (20 bindings). Scoped, so every
 * request pays for what a real one does: its bindings loaded, row-level security over the list of
 * its communities, a scope check per guarded field. It reads personal data, so answers match the floor.
 */
async function benchPrincipal(url: string, communityIds: number[], signingKeyPem: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number }>(
      "insert into user_account (login, display_name) values ('bench.admin', 'bench') returning id",
    );
    await client.query(
      "insert into role_binding (user_id, role, scope_type, scope_id) select $1, 'COMMUNITY_ADMIN', 'COMMUNITY', unnest($2::int[])",
      [rows[0].id, communityIds],
    );
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_PRIVATE_KEY: signingKeyPem,
      JWT_TTL_SECONDS: String(24 * 3600),
      ...FIELD_KEYS,
    });
    const run: RunSql = async (text, values) => (await client.query(text, values)).rows;
    const issued = await TokenService.create(config.auth, os.tmpdir()).issue(run, rows[0].id);
    if (!issued) throw new Error('could not open a session for bench.admin');
    return issued.token;
  } finally {
    await client.end();
  }
}

/** The synthetic district, with a district officer's binding for the bench principal (Q6). */
async function benchDistrict(url: string, communityId: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: number }>('select district_id as id from community where id = $1', [communityId]);
    await client.query(
      "insert into role_binding (user_id, role, scope_type, scope_id) select id, 'DISTRICT_OFFICER', 'DISTRICT', $1 from user_account where login = 'bench.admin'",
      [rows[0].id],
    );
    return rows[0].id;
  } finally {
    await client.end();
  }
}

/**
 * The money figures Q4 and Q5 read: for four compounds an account with 2,000 ledger entries in
 * March 2026 and that month's statement (a draft: computed from the ledger on every read); for the
 * communities Q5 reads, a fee charge per household for October 2026, about nine in ten paid.
 */
async function seedMoney(url: string, communityIds: number[], statementCommunities: number[]): Promise<{ statements: number[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('select lianxin_grant_everything()');
    const statements: number[] = [];
    for (const community of statementCommunities) {
      const { rows } = await client.query<{ id: number }>(
        `insert into co_managed_account (compound_id, community_id, name, opened_on)
         select id, community_id, name || '三方共管账户', '2026-01-01' from compound where community_id = $1 order by id limit 1 returning id`,
        [community],
      );
      const account = rows[0].id;
      await client.query(
        `insert into ledger_entry (account_id, community_id, compound_id, kind, category, amount_fen, delta_fen, occurred_on, counterparty, description, invoice_ref, recorded_by)
         select a.id, a.community_id, a.compound_id, k.kind, k.category, k.amount, case when k.kind = 'INCOME' then k.amount else -k.amount end,
                date '2026-03-01' + (i % 31), '往来单位' || (i % 40), '第' || i || '笔 物业费/维修', 'FP2026-' || i, 'bench'
           from co_managed_account a, generate_series(1, 2000) i,
                lateral (select case when i % 4 = 0 then 'EXPENSE' else 'INCOME' end as kind,
                                case when i % 4 = 0 then 'REPAIR' else 'FEES' end as category, (1000 + (i * 37) % 90000)::bigint as amount) k
          where a.id = $1`,
        [account],
      );
      const { rows: s } = await client.query<{ id: number }>(
        `insert into monthly_statement (account_id, community_id, compound_id, month, prepared_by) select id, community_id, compound_id, '2026-03-01', 'bench' from co_managed_account where id = $1 returning id`,
        [account],
      );
      statements.push(s[0].id);
    }
    for (const community of communityIds) {
      const { rows } = await client.query<{ id: number }>(
        `insert into fee_schedule (compound_id, community_id, name, basis, rate_fen, period, agreed_on, effective_from)
         select id, community_id, '物业管理费', 'PER_HOUSEHOLD', 3000, 'MONTHLY', '2025-12-10', '2026-01-01' from compound where community_id = $1 returning id`,
        [community],
      );
      await client.query(
        `insert into fee_charge (schedule_id, community_id, household_id, compound_id, building_id, period, amount_fen, paid_fen)
         select s.id, s.community_id, h.id, h.compound_id, h.building_id, '2026-10-01', s.rate_fen,
                case when abs(hashtext(h.id::text)) % 10 = 0 then 0 else s.rate_fen end
           from fee_schedule s join household h on h.compound_id = s.compound_id where s.id = any($1::int[])`,
        [rows.map((r) => r.id)],
      );
    }
    await client.query('commit');
    await client.query('vacuum analyze ledger_entry');
    await client.query('vacuum analyze fee_charge');
    return { statements };
  } finally {
    await client.end();
  }
}

interface Server {
  name: string;
  port: number;
  child: ChildProcess;
}

const SIGNING_KEY = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
/** This run's keys for sealed personal values: the seed (in this process) and the server share them. */
const FIELD_KEYS = {
  FIELD_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`,
  FIELD_INDEX_KEY: randomBytes(32).toString('base64'),
};
Object.assign(process.env, FIELD_KEYS);

async function startServer(name: string, databaseUrl: string): Promise<Server> {
  const port = await freePort();
  const script = name === 'floor' ? path.join(root, 'dist/bench/floor.js') : path.join(root, 'dist/src/server.js');
  const child = spawn(process.execPath, [script], {
    cwd: root,
    env: {
      PATH: env.PATH,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      PG_POOL_MAX: POOL,
      DB_POOL_MAX: POOL,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      EXPOSE_SQL_STATEMENT_COUNT: 'true',
      JWT_PRIVATE_KEY: SIGNING_KEY,
      ...FIELD_KEYS,
      // One principal (bench.admin) sends every request: give it a budget and a share of the pool
      // it cannot use up, so the run measures the cost of the limits, not throttling.
      QUERY_BUDGET_POINTS: '1000000000000',
      QUERY_BUDGET_RESTORE_RATE: '1000000000',
      DB_POOL_PRINCIPAL_SHARE: '100',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 200; i++) {
    try {
      if (
        (
          await fetch(`http://127.0.0.1:${port}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"query":"{__typename}"}',
          })
        ).status < 500
      )
        break;
    } catch {
      await sleep(100);
    }
  }
  return { name, port, child };
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  server.child.kill('SIGKILL');
}

function wrk(port: number, query: Query, connections: number, seconds: number) {
  const args = [
    '-t1',
    `-c${connections}`,
    `-d${seconds}s`,
    '--timeout',
    '30s',
    '--latency',
    '-s',
    path.join(root, 'bench/wrk.lua'),
    `http://127.0.0.1:${port}/graphql`,
    '--',
    query.file,
  ];
  const cmd = LOADGEN_CPUS ? 'taskset' : 'wrk';
  const full = LOADGEN_CPUS ? ['-c', LOADGEN_CPUS, 'wrk', ...args] : args;
  const out = execFileSync(cmd, full, {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    env: { ...env, BENCH_AUTHORIZATION: authorization },
  });
  const line = out.split('\n').find((l) => l.startsWith('WRK '));
  if (!line) throw new Error(`wrk printed no summary:\n${out}`);
  return JSON.parse(line.slice(4)) as {
    requests: number;
    duration_us: number;
    errors: number;
    non2xx: number;
    p50_us: number;
    p90_us: number;
    p99_us: number;
    bytes: number;
  };
}

async function main(): Promise<void> {
  if (spawnSync('wrk', ['--version']).error) throw new Error('wrk is not installed (apt-get install wrk); bench/run.sh installs it');
  mkdirSync(OUT, { recursive: true });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lianxin-bench-'));
  chmodSync(dir, 0o755);
  // Throwaway data: durability off speeds the seed and changes nothing for a read-only load.
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    logger,
    persistent: false,
    settings: [
      '-c',
      'shared_buffers=1GB',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'jit=off',
      '-c',
      'work_mem=16MB',
      '-c',
      'max_wal_size=4GB',
    ],
  });
  const servers: Server[] = [];
  try {
    await createDatabaseIfMissing(pg.adminUrl(), 'lianxin_bench');
    const url = pg.adminUrl('lianxin_bench');
    const orm = await openOrm(url, logger, 2);
    await orm.close(true);
    // The API serves as the application role, as in production; the floor reads as the owner.
    const appPassword = randomBytes(18).toString('base64url');
    await setAppRolePassword(url, appPassword);
    const appUrl = new URL(url);
    appUrl.username = APP_ROLE;
    appUrl.password = appPassword;
    say(`seeding ${JSON.stringify(SIZE)}`);
    const seeded = await seedSynthetic(url, SIZE, logger, '合成区');
    say(`seeded ${seeded.households} households, ${seeded.persons} persons in ${seeded.seconds} s`);
    authorization = `Bearer ${await benchPrincipal(url, seeded.communityIds, SIGNING_KEY)}`;

    // Variables cycle over several objects spread across the district.
    const c = seeded.communityIds;
    const q1 = [0, 3, 6, 9, 12, 15, 18, c.length - 1].filter((i) => i < c.length).map((i) => ({ id: gid('Community', c[i]) }));
    const totalCompounds = SIZE.communities * SIZE.compounds;
    const q2 = Array.from({ length: 10 }, (_, i) => ({
      id: gid('Compound', 1 + ((Math.floor((i * totalCompounds) / 10) + (i % 7)) % totalCompounds)),
    }));
    const q3 = Array.from({ length: 10 }, (_, i) => ({
      id: gid('Household', 1 + ((Math.floor((i * seeded.households) / 10) + i * 13) % seeded.households)),
    }));
    const q1Communities = [0, 3, 6, 9, 12, 15, 18, c.length - 1].filter((i) => i < c.length).map((i) => c[i]);
    say('seeding the money: 4 statements of 2,000 entries, October 2026 fees of 8 communities');
    const money = await seedMoney(
      url,
      q1Communities,
      [0, 5, 10, 15].filter((i) => i < c.length).map((i) => c[i]),
    );
    const q4 = money.statements.map((pk) => ({ id: gid('MonthlyStatement', pk) }));
    const q5 = q1Communities.map((pk) => ({ id: gid('Community', pk), period: '2026-10-01' }));
    // Q6: the district officer's figures (the bench principal also holds the district).
    const q6 = [{ id: gid('District', await benchDistrict(url, seeded.communityIds[0])) }];
    const queries: Query[] = (
      [
        ['Q1', q1],
        ['Q2', q2],
        ['Q3', q3],
        ['Q4', q4],
        ['Q5', q5],
        ['Q6', q6],
      ] as const
    )
      .filter(([name]) => !env.QUERIES || env.QUERIES.split(',').includes(name))
      .map(([name, variables]) => {
        const text = readFileSync(path.join(root, `bench/queries/${name}.graphql`), 'utf8');
        const bodies = variables.map((v) => JSON.stringify({ operationName: name, query: text, variables: v }));
        const file = path.join(OUT, `bodies-${name}.txt`);
        writeFileSync(file, bodies.join('\n') + '\n');
        return { name, bodies, file };
      });

    if (env.HOLD) {
      // Keep the seeded district for profiling by hand (EXPLAIN ANALYZE, servers of other builds):
      // its addresses go to bench/.run/hold.json, and the run ends when that file is deleted.
      const hold = path.join(OUT, 'hold.json');
      writeFileSync(
        hold,
        JSON.stringify(
          { url, appUrl: appUrl.toString(), authorization, signingKey: SIGNING_KEY, ...FIELD_KEYS, bodies: queries.map((q) => q.file) },
          null,
          2,
        ),
      );
      say(`holding the database: delete ${hold} to end (RUN_TIMEOUT still applies: 0 for none)`);
      while (existsSync(hold)) await sleep(1000);
      // A hold measures nothing: deleting the file ends the run, it does not go on to wrk.
      say('hold ended');
      return;
    }
    const reference = new Map<string, string>();
    const results: Array<Record<string, unknown>> = [];
    for (const name of (env.SERVERS ?? 'floor,api').split(',')) {
      const server = await startServer(name, name === 'api' ? appUrl.toString() : url);
      servers.push(server);
      const startup = memoryMb(server.child.pid!);
      for (const query of queries) {
        // Q4 and Q5 have no floor statement: the API alone is measured.
        if (name === 'floor' && !existsSync(path.join(root, `bench/queries/${query.name}.sql`))) continue;
        let statements: number | undefined;
        let same = true;
        let bytes = 0;
        for (const body of query.bodies) {
          const text = await post(server.port, body);
          bytes = Buffer.byteLength(text);
          const parsed = JSON.parse(text) as { errors?: unknown; extensions?: { sqlStatements?: number } };
          if (parsed.errors) throw new Error(`${name} ${query.name} answered errors: ${text.slice(0, 500)}`);
          if (parsed.extensions?.sqlStatements !== undefined) {
            if (statements !== undefined && statements !== parsed.extensions.sqlStatements)
              throw new Error(`${query.name}: statement count varies`);
            statements = parsed.extensions.sqlStatements;
          }
          const key = `${query.name}|${body}`;
          if (!reference.has(key)) reference.set(key, normalized(text));
          else same &&= reference.get(key) === normalized(text);
        }
        for (const connections of CONCURRENCY) {
          say(`${name} ${query.name} c=${connections}: warm-up ${WARMUP} s, measure ${DURATION} s`);
          wrk(server.port, query, connections, WARMUP);
          const pgPid = Number(readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
          const [s0, p0, t0] = [cpuTicks(server.child.pid!), pgTicks(pgPid), Date.now()];
          const run = wrk(server.port, query, connections, DURATION);
          const [s1, p1, t1] = [cpuTicks(server.child.pid!), pgTicks(pgPid), Date.now()];
          const seconds = (t1 - t0) / 1000;
          const memory = memoryMb(server.child.pid!);
          results.push({
            server: name,
            query: query.name,
            concurrency: connections,
            rps: Math.round((run.requests / (run.duration_us / 1e6)) * 10) / 10,
            p50_ms: run.p50_us / 1000,
            p99_ms: run.p99_us / 1000,
            errors: run.errors + run.non2xx,
            server_cpu_pct: Math.round(((s1 - s0) / CLK_TCK / seconds) * 100),
            pg_cpu_pct: Math.round(((p1 - p0) / CLK_TCK / seconds) * 100),
            server_cpu_ms_per_req: Math.round((((s1 - s0) / CLK_TCK) * 1000 * 100) / run.requests) / 100,
            rss_mb: memory.rss,
            peak_rss_mb: memory.peak,
            startup_rss_mb: startup.rss,
            kb_per_response: Math.round(bytes / 102.4) / 10,
            sql_statements: statements ?? (name === 'floor' ? 1 : undefined),
            same_json_as_floor: name === 'floor' ? 'reference' : same ? 'same' : 'DIFFERS',
          });
          say(JSON.stringify(results[results.length - 1]));
        }
      }
      await stopServer(server);
    }

    const floor = (q: string, c: number) =>
      results.find((r) => r.server === 'floor' && r.query === q && r.concurrency === c)?.rps as number | undefined;
    const header =
      '| server | query | conc | req/s | vs floor | p50 ms | p99 ms | errors | server CPU ms/req | CPU% server/pg | RSS MB (peak) | KB/resp | SQL stmts/req | JSON |';
    const lines = results.map((r) => {
      const f = floor(r.query as string, r.concurrency as number);
      const ratio = f ? `${Math.round(((r.rps as number) / f) * 100)}%` : '';
      return `| ${r.server} | ${r.query} | ${r.concurrency} | ${r.rps} | ${ratio} | ${r.p50_ms} | ${r.p99_ms} | ${r.errors} | ${r.server_cpu_ms_per_req} | ${r.server_cpu_pct}/${r.pg_cpu_pct} | ${r.rss_mb} (${r.peak_rss_mb}) | ${r.kb_per_response} | ${r.sql_statements ?? ''} | ${r.same_json_as_floor} |`;
    });
    const table = [header, '|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---|', ...lines].join('\n');
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const cpu = os.cpus();
    const machine = `${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
    writeFileSync(
      path.join(OUT, `results-${stamp}.json`),
      JSON.stringify({ date: new Date().toISOString(), machine, size: SIZE, seeded, results }, null, 2),
    );
    writeFileSync(path.join(OUT, `results-${stamp}.md`), `${machine}; ${new Date().toISOString()}\n\n${table}\n`);
    process.stdout.write(`\n${machine}\n\n${table}\n`);
  } finally {
    for (const server of servers) await stopServer(server);
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
    if (existsSync(dir)) say(`could not remove ${dir}`);
  }
}

main().catch((err) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
