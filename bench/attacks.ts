import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

/*
 * npm run bench:attacks — sends each attack of issue 8 to a running server (`npm start`, or any
 * URL) and records what it costs now: the answer, the time to it, and the server's resident memory
 * before and after (and its peak), read from /proc for the process listening on the port.
 *
 * Env: ATTACK_URL (http://127.0.0.1:4000/graphql), ATTACK_PID (found from the port when absent),
 * ATTACK_LOGIN (a login to guess at: leader.xinyuan), ATTACK_SOURCE (an X-Forwarded-For address,
 * honoured only when the server trusts this client as a proxy). Every loop here is bounded.
 */

const URL_ = process.env.ATTACK_URL ?? 'http://127.0.0.1:4000/graphql';
const LOGIN = process.env.ATTACK_LOGIN ?? 'leader.xinyuan';
const SOURCE = process.env.ATTACK_SOURCE;

function serverPid(): number | undefined {
  if (process.env.ATTACK_PID) return Number(process.env.ATTACK_PID);
  const port = new URL(URL_).port || '80';
  try {
    const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
    const m = /pid=(\d+)/.exec(out);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

function memoryMb(pid: number | undefined): { rss: number; peak: number } | undefined {
  if (!pid) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return undefined;
  }
}

interface Answer {
  status: number;
  ms: number;
  codes: string;
  limit?: string;
  statements?: number;
}

async function send(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const started = process.hrtime.bigint();
  const res = await fetch(URL_, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(SOURCE ? { 'x-forwarded-for': SOURCE } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as {
    errors?: Array<{ extensions?: { code?: string; limit?: string } }>;
    extensions?: { sqlStatements?: number };
  };
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const codes = [...new Set((body.errors ?? []).map((e) => e.extensions?.code ?? '?'))].join(',') || 'ok';
  return {
    status: res.status,
    ms: Math.round(ms * 10) / 10,
    codes,
    limit: body.errors?.[0]?.extensions?.limit,
    statements: body.extensions?.sqlStatements,
  };
}

function doublingFragments(levels: number): string {
  let text = `query Bomb { ...F${levels} }\nfragment F1 on Query { a: __typename b: __typename }\n`;
  for (let i = 2; i <= levels; i++) text += `fragment F${i} on Query { ...F${i - 1} ...F${i - 1} }\n`;
  return text;
}

function doublingPairs(levels: number): string {
  let text = `query Bomb { ...A${levels} }\nfragment A1 on Query { __typename }\nfragment B1 on Query { __typename }\n`;
  for (let i = 2; i <= levels; i++)
    text += `fragment A${i} on Query { ...A${i - 1} ...B${i - 1} }\nfragment B${i} on Query { ...A${i - 1} ...B${i - 1} }\n`;
  return text.replace(`fragment B${levels} on Query { ...A${levels - 1} ...B${levels - 1} }\n`, '');
}

const ATTACKS: Array<{ name: string; query: string }> = [
  { name: 'doubling fragment, 13 levels (8,192 aliased __typename)', query: doublingFragments(13) },
  { name: 'doubling fragment pairs, 20 levels, no aliases', query: doublingPairs(20) },
  {
    name: 'depth 30',
    query: `{ districts { nodes { streets { nodes { communities { nodes { ${'committee { community { '.repeat(11)}committee { name } ${'} } '.repeat(11)}} } } } } } }`,
  },
  { name: '10,000 aliases', query: `{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: districts { totalCount }`).join(' ')} }` },
  {
    name: '300 aliased logins',
    query: `mutation { ${Array.from({ length: 300 }, (_, i) => `l${i}: login(input: { login: "${LOGIN}", password: "guess-${i}" }) { token }`).join(' ')} }`,
  },
  {
    name: 'two logins in one request',
    query: `mutation { a: login(input: { login: "${LOGIN}", password: "g1" }) { token } b: login(input: { login: "${LOGIN}", password: "g2" }) { token } }`,
  },
  {
    name: 'every person of every district (priced 1e16)',
    query:
      '{ districts { nodes { streets { nodes { communities { nodes { compounds { nodes { buildings { nodes { units { nodes { households { nodes { persons { nodes { name } } } } } } } } } } } } } } } } }',
  },
];

const TRIVIAL = '{ districts { totalCount } }';

async function main(): Promise<void> {
  const pid = serverPid();
  const rows: string[] = [];
  const row = (name: string, a: Answer, before?: { rss: number }, after?: { rss: number; peak: number }) =>
    rows.push(
      `| ${name} | ${a.status} ${a.codes}${a.limit ? ` (${a.limit})` : ''} | ${a.statements ?? '–'} | ${a.ms} | ${after ? `${before?.rss ?? '?'} → ${after.rss} (peak ${after.peak})` : '–'} |`,
    );
  const say = (m: string) => process.stderr.write(`attacks: ${m}\n`);
  say(`server ${URL_}${pid ? `, pid ${pid}` : ' (memory not measured: no pid)'}`);
  // Warm up the path every attack shares.
  await send(TRIVIAL);

  for (const attack of ATTACKS) {
    const before = memoryMb(pid);
    // Another caller's trivial request at the same moment: it must not wait behind the attack.
    const [answer, trivial] = await Promise.all([send(attack.query), send(TRIVIAL)]);
    row(attack.name, answer, before, memoryMb(pid));
    row(`… a trivial request alongside`, trivial);
  }

  // Ten parallel wrong guesses at one login from one source: how many were checked.
  const before = memoryMb(pid);
  const guesses = await Promise.all(
    Array.from({ length: 10 }, (_, i) => send(`mutation { login(input: { login: "${LOGIN}", password: "parallel-${i}" }) { token } }`)),
  );
  const tally = (code: string) => guesses.filter((g) => g.codes === code).length;
  rows.push(
    `| 10 parallel wrong guesses at ${LOGIN} | ${tally('UNAUTHENTICATED')} checked (UNAUTHENTICATED), ${tally('THROTTLED')} refused unchecked (THROTTLED) | – | ${Math.max(...guesses.map((g) => g.ms))} (slowest) | ${before?.rss ?? '–'} → ${memoryMb(pid)?.rss ?? '–'} |`,
  );

  // An anonymous address spending its budget: how many answers until THROTTLED (bounded).
  let answered = 0;
  let refusal: Answer | undefined;
  for (; answered < 2_000 && !refusal; answered++) {
    const a = await send('{ districts { nodes { name streets { nodes { name } } } } }');
    if (a.status === 429) refusal = a;
  }
  if (refusal) row(`anonymous budget used up after ${answered - 1} answers; the next`, refusal);
  else rows.push(`| anonymous budget | never used up in ${answered} answers | – | – | – |`);

  const cpu = os.cpus();
  process.stdout.write(
    `\n${new Date().toISOString()} — ${cpu.length} × ${cpu[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}\n\n` +
      '| attack | answer | SQL statements | ms | server RSS MB before → after |\n|---|---|---:|---:|---|\n' +
      rows.join('\n') +
      '\n',
  );
}

main().catch((err) => {
  process.stderr.write(`attacks: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
