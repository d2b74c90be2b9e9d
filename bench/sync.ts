import { performance } from 'node:perf_hooks';

/*
 * npm run build && node dist/bench/sync.js — the sync benchmark of issue 11 against a running
 * server: a compound, then per call one building with one unit and `upsertHouseholds` of ITEMS
 * households in it, then `upsertPersons` of one person per household; then the same calls again
 * (a re-run: all UNCHANGED); then reads the run's change feed from its start, FEED_PAGE changes a page
 * (`changes(since:)` then `after:`, as a script catching up does). Reports households (and persons)
 * per second, the feed's changes per second, and the SQL statements
 * per call (`extensions.sqlStatements`, exposed outside production or with
 * EXPOSE_SQL_STATEMENT_COUNT=true). Calls are sequential, as a sync script makes them; CONCURRENCY=2
 * sends that many calls at once (a script splitting its work over a server's cores), and its phases
 * are then timed from their first call's start to their last call's end.
 *
 * Env: SYNC_URL (http://127.0.0.1:4000/graphql), SYNC_TOKEN (a bearer token: an API key of a service
 * account bound to SYSTEM, or a user's token with WRITE_PLACES and WRITE_PEOPLE over the community),
 * COMMUNITY_ID (a Community's global ID), SYSTEM (bench-sync), CALLS (100), ITEMS (1000), CONCURRENCY (1), FEED_PAGE (1000), RUN (a
 * fresh prefix for the external IDs; default the time, so runs never meet).
 *
 * `npm run bench:sync` (bench/sync-run.ts) starts the built server on a fresh database and runs this
 * against it in one command.
 *
 * The full size (100 calls of 1,000) writes 100,000 households and persons: run it on a machine
 * of its own, not a shared one.
 */

const env = process.env;
const URL_ = env.SYNC_URL ?? 'http://127.0.0.1:4000/graphql';
const SYSTEM = env.SYSTEM ?? 'bench-sync';
const CALLS = Number(env.CALLS ?? 100);
const ITEMS = Number(env.ITEMS ?? 1000);
const CONCURRENCY = Math.max(1, Number(env.CONCURRENCY ?? 1));
const RUN = env.RUN ?? Date.now().toString(36);
const FEED_PAGE = Number(env.FEED_PAGE ?? 1000);

const RESULT = 'results { status } userErrors { field code message }';

interface Answer<D> {
  data?: D;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
  extensions?: { sqlStatements?: number };
}

let URL_USED = URL_;

/** One GraphQL call over HTTP, as a sync script makes it; `ms` from sending to the parsed answer. */
async function post<D>(token: string, query: string, variables: Record<string, unknown>): Promise<{ answer: Answer<D>; ms: number }> {
  const started = performance.now();
  const res = await fetch(URL_USED, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const answer = (await res.json()) as Answer<D>;
  return { answer, ms: performance.now() - started };
}

type UpsertData = Record<string, { results: Array<{ status: string }>; userErrors: Array<{ field: string[]; message: string }> }>;

async function upsert(token: string, name: string, inputType: string, communityId: string, items: object[]) {
  const query = `mutation Bench($input: ${inputType}!) { ${name}(input: $input) { ${RESULT} } }`;
  const { answer, ms } = await post<UpsertData>(token, query, { input: { communityId, system: SYSTEM, items } });
  if (answer.errors?.length)
    throw new Error(
      `${name} (${items.length} items, ${Math.round(ms)} ms): ${answer.errors[0].extensions?.code} ${answer.errors[0].message}`,
    );
  const payload = answer.data![name];
  if (payload.userErrors.length) throw new Error(`${name}: ${JSON.stringify(payload.userErrors.slice(0, 3))}`);
  const statuses = new Set(payload.results.map((r) => r.status));
  return { ms, statements: answer.extensions?.sqlStatements ?? NaN, statuses };
}

const FEED_QUERY = `query Feed($communityId: ID!, $first: Int!, $after: String, $since: DateTime) {
  changes(communityId: $communityId, first: $first, after: $after, since: $since) {
    changes { cursor at nodeId type operation fields externalIds { system id } }
    endCursor hasMore
  }
}`;

type FeedData = { changes: { changes: Array<{ cursor: string }>; endCursor: string | null; hasMore: boolean } };

/** The change feed from `since` to its end, FEED_PAGE a page, as a script catching up reads it. */
async function readFeed(token: string, communityId: string, since: string) {
  const pages: Array<{ ms: number; statements: number; changes: number }> = [];
  let after: string | null = null;
  for (;;) {
    const { answer, ms } = await post<FeedData>(token, FEED_QUERY, { communityId, first: FEED_PAGE, after, since: after ? null : since });
    if (answer.errors?.length)
      throw new Error(`changes (page ${pages.length + 1}): ${answer.errors[0].extensions?.code} ${answer.errors[0].message}`);
    const page: FeedData['changes'] = answer.data!.changes;
    pages.push({ ms, statements: answer.extensions?.sqlStatements ?? NaN, changes: page.changes.length });
    if (!page.hasMore || !page.endCursor) break;
    after = page.endCursor;
  }
  const seconds = pages.reduce((s, p) => s + p.ms, 0) / 1000;
  const changes = pages.reduce((s, p) => s + p.changes, 0);
  const statements = pages.map((p) => p.statements);
  return {
    pages: pages.length,
    changes,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round(changes / seconds),
    msPerPage: Math.round((seconds * 1000) / pages.length),
    statementsPerPage: { min: Math.min(...statements), max: Math.max(...statements) },
  };
}

export interface PhaseReport {
  calls: number;
  items: number;
  seconds: number;
  perSecond: number;
  statementsPerCall: { min: number; max: number };
  statuses: string[];
}

function phase(items: number, runs: Array<{ ms: number; statements: number; statuses: Set<string> }>, wallMs: number): PhaseReport {
  // Sequential: the calls' own times (as before); concurrent calls overlap, so the phase's wall time.
  const seconds = (CONCURRENCY > 1 ? wallMs : runs.reduce((s, r) => s + r.ms, 0)) / 1000;
  const statements = runs.map((r) => r.statements);
  return {
    calls: runs.length,
    items,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round(items / seconds),
    statementsPerCall: { min: Math.min(...statements), max: Math.max(...statements) },
    statuses: [...new Set(runs.flatMap((r) => [...r.statuses]))],
  };
}

export interface SyncBenchOptions {
  /** The GraphQL endpoint (default SYNC_URL). */
  url?: string;
  /** Called before and after each phase: the phase's difference is reported as `cpuMs` (e.g. the server's CPU time). */
  cpuMs?: () => number;
  /** The same for the database's side (e.g. the CPU time of the server's PostgreSQL backends): reported as `dbCpuMsPerCall`. */
  dbCpuMs?: () => Promise<number>;
}

export async function runSyncBench(token: string, communityId: string, options: SyncBenchOptions = {}) {
  URL_USED = options.url ?? URL_;
  const cpu = options.cpuMs ?? (() => NaN);
  const dbCpu = options.dbCpuMs ?? (async () => NaN);
  const households = (call: number) =>
    Array.from({ length: ITEMS }, (_, i) => ({
      externalId: `${RUN}-H-${call}-${i}`,
      unitExternalId: `${RUN}-U-${call}`,
      doorNo: String(i + 1),
    }));
  const persons = (call: number) =>
    Array.from({ length: ITEMS }, (_, i) => ({
      externalId: `${RUN}-P-${call}-${i}`,
      householdExternalId: `${RUN}-H-${call}-${i}`,
      name: `同步测试${i}`,
      birthYear: 1950 + (i % 60),
    }));

  // The feed is read from here on: a second's margin for the clocks of this process and the server's.
  const since = new Date(Date.now() - 1000).toISOString();
  await upsert(token, 'upsertCompounds', 'UpsertCompoundsInput', communityId, [
    { externalId: `${RUN}-C`, name: `同步基准 ${RUN}`, propertyMode: 'NONE' },
  ]);
  const calls = Array.from({ length: CALLS }, (_, call) => call);
  await upsert(
    token,
    'upsertBuildings',
    'UpsertBuildingsInput',
    communityId,
    calls.map((call) => ({ externalId: `${RUN}-B-${call}`, compoundExternalId: `${RUN}-C`, name: `${call + 1}号楼` })),
  );
  await upsert(
    token,
    'upsertUnits',
    'UpsertUnitsInput',
    communityId,
    calls.map((call) => ({ externalId: `${RUN}-U-${call}`, buildingExternalId: `${RUN}-B-${call}`, name: '1单元' })),
  );

  const report: Record<string, PhaseReport & { cpuMsPerCall: number; dbCpuMsPerCall: number }> = {};
  const at = <T>(pass: string, call: number, work: Promise<T>) =>
    work.catch((err: Error) => {
      throw new Error(`${pass} run, call ${call + 1} of ${CALLS}: ${err.message}`);
    });
  // The calls of a phase, CONCURRENCY at a time; their answers in call order, and the phase's wall time.
  const each = async <T>(work: (call: number) => Promise<T>) => {
    const started = performance.now();
    const out: T[] = [];
    for (let from = 0; from < CALLS; from += CONCURRENCY) out.push(...(await Promise.all(calls.slice(from, from + CONCURRENCY).map(work))));
    return { out, wallMs: performance.now() - started };
  };
  for (const pass of ['first', 'rerun'] as const) {
    let cpu0 = cpu();
    let db0 = await dbCpu();
    const h = await each((call) =>
      at(pass, call, upsert(token, 'upsertHouseholds', 'UpsertHouseholdsInput', communityId, households(call))),
    );
    report[`households.${pass}`] = {
      ...phase(CALLS * ITEMS, h.out, h.wallMs),
      cpuMsPerCall: Math.round((cpu() - cpu0) / CALLS),
      dbCpuMsPerCall: Math.round(((await dbCpu()) - db0) / CALLS),
    };
    cpu0 = cpu();
    db0 = await dbCpu();
    const p = await each((call) => at(pass, call, upsert(token, 'upsertPersons', 'UpsertPersonsInput', communityId, persons(call))));
    report[`persons.${pass}`] = {
      ...phase(CALLS * ITEMS, p.out, p.wallMs),
      cpuMsPerCall: Math.round((cpu() - cpu0) / CALLS),
      dbCpuMsPerCall: Math.round(((await dbCpu()) - db0) / CALLS),
    };
  }
  const cpu0 = cpu();
  const db0 = await dbCpu();
  const feed = await readFeed(token, communityId, since);
  return {
    ...report,
    feed: {
      ...feed,
      cpuMsPerPage: Math.round((cpu() - cpu0) / feed.pages),
      dbCpuMsPerPage: Math.round(((await dbCpu()) - db0) / feed.pages),
    },
  };
}

async function main(): Promise<void> {
  const token = env.SYNC_TOKEN;
  const community = env.COMMUNITY_ID;
  if (!token || !community) throw new Error('set SYNC_TOKEN and COMMUNITY_ID (and SYNC_URL unless the server is on 127.0.0.1:4000)');
  const report = await runSyncBench(token, community);
  console.log(
    JSON.stringify(
      { url: URL_, system: SYSTEM, run: RUN, calls: CALLS, itemsPerCall: ITEMS, concurrency: CONCURRENCY, ...report },
      null,
      2,
    ),
  );
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
