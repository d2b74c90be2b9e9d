import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/*
 * Node CPU per request of two or more builds, request by request: every build serves at once (each
 * its own process on the held database, `HOLD=1 … npm run bench`), and the requests alternate
 * between them, one at a time, so whatever else the machine does falls on all builds alike. q6-ab
 * serves builds in turn, a round each, and a shared machine's drift between rounds (±10–20 % here)
 * hides differences of a few percent; here the builds are compared inside each round.
 *
 *   node dist/bench/seq-ab.js Q2 200 6 bench/.run/dist-a bench/.run/dist-b@KEY=VALUE;KEY2=VALUE2
 *
 * Arguments: the query (bodies from the held run), requests per build and round, rounds, then one
 * build directory per server, each optionally with its own environment after '@'. Prints each
 * round's Node CPU per request (from /proc, 10 ms ticks) and the medians; the builds' answers
 * (`data`) must be equal, and every answer must be data.
 */

const root = path.resolve(__dirname, '../..');
const hold = JSON.parse(readFileSync(path.join(root, 'bench/.run/hold.json'), 'utf8')) as Record<string, string>;
const [query, perRound, roundCount, ...specs] = process.argv.slice(2);
if (!query || specs.length === 0) throw new Error('usage: seq-ab.js <Qn> <requests> <rounds> <dist dir>[@KEY=VALUE;…] …');
const bodies = readFileSync(path.join(root, `bench/.run/bodies-${query}.txt`), 'utf8')
  .trim()
  .split('\n');

interface Server {
  label: string;
  port: number;
  child: ChildProcess;
  perRequest: number[];
}

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function serve(spec: string, port: number): Server {
  const [dir, settings = ''] = spec.split('@');
  const own = Object.fromEntries(
    settings
      .split(';')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
  // The same environment as q6-ab's servers (and bench.ts's): limits paid, not hit.
  const child = spawn(process.execPath, [path.join(root, dir, 'src/server.js')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: hold.appUrl,
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
      ...own,
    },
  });
  return { label: spec, port, child, perRequest: [] };
}

async function ask(server: Server, i: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${server.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: hold.authorization },
    body: bodies[i % bodies.length],
  });
  const text = await response.text();
  if (!text.startsWith('{"data"')) throw new Error(`${server.label} answered ${text.slice(0, 200)}`);
  return text;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const servers = specs.map((spec, i) => serve(spec, 4700 + i));
  try {
    for (const server of servers)
      for (let tries = 0; ; tries++) {
        try {
          await ask(server, 0);
          break;
        } catch (err) {
          if (tries > 600) throw err;
          await sleep(100);
        }
      }
    for (const server of servers) for (let i = 0; i < 150; i++) await ask(server, i);
    const answers = await Promise.all(servers.map(async (s) => JSON.stringify((JSON.parse(await ask(s, 3)) as { data: unknown }).data)));
    if (answers.some((a) => a !== answers[0])) throw new Error('the builds answer differently');
    for (let round = 0; round < Number(roundCount); round++) {
      const order = round % 2 ? [...servers].reverse() : servers;
      const before = servers.map((s) => cpuMs(s.child.pid!));
      for (let i = 0; i < Number(perRound); i++) for (const server of order) await ask(server, i);
      servers.forEach((s, k) => s.perRequest.push((cpuMs(s.child.pid!) - before[k]) / Number(perRound)));
      console.log(
        `round ${round + 1}: ${servers.map((s) => `${s.label} ${s.perRequest[round].toFixed(2)}`).join('  ')} (ms of Node CPU a request)`,
      );
    }
    console.log(`medians: ${servers.map((s) => `${s.label} ${median(s.perRequest).toFixed(2)}`).join('  ')}`);
  } finally {
    for (const server of servers) server.child.kill('SIGTERM');
  }
}

void main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
