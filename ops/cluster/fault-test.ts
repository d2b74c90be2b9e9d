import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { toGlobalId } from '../../src/core/ids/global-id';

/*
 * The cluster's fault test (run by ops/cluster/run.sh, which starts the cluster and writes the
 * control script). Several principals write through HAProxy — fee payments and ledger incomes —
 * each write carrying a unique reference and an Idempotency-Key, retried with the same key after
 * a transport failure or a retryable code. During the load: kill -9 one API instance (then start it
 * again), restart the primary, stop the replica. Afterwards, from the database: every acknowledged
 * write is there exactly once, every charge's paid total is the sum of its payments, every
 * account's balance shown by the API is the sum of its ledger, every published statement verifies,
 * and both instances answer (the one never restarted included). Exit code 1 when any check fails.
 */

const run = promisify(execFile);
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`fault-test: ${name} is not set (run ops/cluster/run.sh)`);
  return value;
};
const LB = env('LB_URL');
const CONTROL = env('CONTROL');
const OWNER_URL = env('OWNER_URL');
const REPLICA_URL = env('REPLICA_URL');
const TOKENS_DIR = env('TOKENS_DIR');
const LOAD_SECONDS = Number(process.env.FAULT_LOAD_SECONDS ?? 55);
const WORKERS = Number(process.env.FAULT_WORKERS ?? 6);
const LOGINS = ['finance.xinyuan', 'secretary.xinyuan', 'leader.xinyuan', 'committee.xinyuan', 'admin.yongkangbeilu'];

const PAY = `mutation FaultPay($input: RecordFeePaymentInput!) { recordFeePayment(input: $input) { charge { id } userErrors { code } } }`;
const INCOME = `mutation FaultIncome($input: RecordIncomeInput!) { recordIncome(input: $input) { entry { id } userErrors { code } } }`;
const BALANCE = `query FaultBalance($id: ID!) { node(id: $id) { ... on CoManagedAccount { balanceFen } } }`;
const STATEMENTS = `query FaultStatements($id: ID!) { node(id: $id) { ... on Compound { monthlyStatements(first: 100) { nodes { month verified } } } } }`;

interface Attempt {
  at: number;
  code: string;
}
interface Write {
  kind: 'payment' | 'income';
  ref: string;
  token: string;
  target: number;
  amountFen: number;
}

const started = Date.now();
const now = () => (Date.now() - started) / 1000;
const failures: Attempt[] = [];
const successes: number[] = [];
const acknowledged: Write[] = [];
let attempts = 0;
let gaveUp = 0;

async function post(
  base: string,
  token: string,
  query: string,
  variables: object,
  key?: string,
): Promise<{ status: number; body?: { data?: Record<string, unknown>; errors?: Array<{ extensions?: { code?: string } }> } }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  if (key) headers['idempotency-key'] = key;
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status };
  }
}

/** One write, retried with the same Idempotency-Key until acknowledged, refused or out of time. */
async function write(w: Write, until: number): Promise<'ack' | 'refused' | 'lost'> {
  const key = randomUUID();
  const [query, field, input] =
    w.kind === 'payment'
      ? [PAY, 'recordFeePayment', { chargeId: toGlobalId('FeeCharge', w.target), amountFen: w.amountFen, receiptRef: w.ref }]
      : [
          INCOME,
          'recordIncome',
          {
            accountId: toGlobalId('CoManagedAccount', w.target),
            category: 'OTHER_INCOME',
            amountFen: w.amountFen,
            occurredOn: new Date().toISOString().slice(0, 10),
            description: 'fault test',
            invoiceRef: w.ref,
          },
        ];
  for (;;) {
    attempts++;
    let code: string;
    try {
      const { status, body } = await post(LB, w.token, query, { input }, key);
      const payload = body?.data?.[field] as { userErrors: Array<{ code: string }> } | undefined | null;
      if (payload && !body?.errors?.length) {
        successes.push(now());
        if (payload.userErrors.length) return 'refused';
        acknowledged.push(w);
        return 'ack';
      }
      code = body?.errors?.[0]?.extensions?.code ?? `HTTP_${status}`;
      if (['FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND', 'BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED'].includes(code)) {
        failures.push({ at: now(), code });
        return 'refused';
      }
    } catch (err) {
      code = (err as Error).name === 'TimeoutError' ? 'TIMEOUT_CLIENT' : 'NETWORK';
    }
    failures.push({ at: now(), code });
    if (Date.now() > until) {
      gaveUp++;
      return 'lost';
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

let replicaRows: number | string = 'n/a';
/** Payments of this test the replica holds (to show it streamed until it was stopped). */
async function countOnReplica(): Promise<number | string> {
  const replica = new pg.Client({ connectionString: REPLICA_URL });
  try {
    await replica.connect();
    return (await replica.query<{ n: number }>(`select count(*)::int as n from fee_payment where receipt_ref like 'FT-%'`)).rows[0].n;
  } catch (err) {
    return (err as Error).message;
  } finally {
    await replica.end().catch(() => undefined);
  }
}

async function control(...args: string[]): Promise<void> {
  await run(CONTROL, args, { timeout: 90_000 });
}

async function main(): Promise<void> {
  const db = new pg.Client({ connectionString: OWNER_URL });
  await db.connect();
  const tokens = LOGINS.map((l) => join(TOKENS_DIR, `token.${l}`))
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f, 'utf8').trim())
    .filter(Boolean);

  // Which principal may write where: one probing write per principal and target decides.
  const charges = (
    await db.query<{ id: number }>(
      `select distinct on (compound_id) id from fee_charge where amount_fen - paid_fen - waived_fen >= 500 order by compound_id, id`,
    )
  ).rows.map((r) => r.id);
  const accounts = (await db.query<{ id: number }>(`select id from co_managed_account order by id`)).rows.map((r) => r.id);
  const payers: Array<{ token: string; charge: number }> = [];
  const earners: Array<{ token: string; account: number }> = [];
  const until = Date.now() + 30_000;
  for (const token of tokens) {
    for (const charge of charges)
      if ((await write({ kind: 'payment', ref: `FT-${randomUUID()}`, token, target: charge, amountFen: 1 }, until)) === 'ack')
        payers.push({ token, charge });
    for (const account of accounts)
      if ((await write({ kind: 'income', ref: `FT-${randomUUID()}`, token, target: account, amountFen: 1 }, until)) === 'ack')
        earners.push({ token, account });
  }
  failures.length = 0;
  successes.length = 0;
  attempts = 0;
  if (!payers.length) throw new Error('fault-test: no principal may record a fee payment; is the demo data loaded?');
  console.log(
    `fault-test: ${new Set(payers.map((p) => p.token)).size} principals paying on ${payers.length} (principal, charge) pairs, ` +
      `${new Set(earners.map((p) => p.token)).size} recording income on ${earners.length} (principal, account) pairs`,
  );

  // The replica streams (pg_stat_replication on the primary) before the load starts.
  const replicaState = (await db.query<{ state: string }>(`select state from pg_stat_replication`)).rows.map((r) => r.state).join(',');

  // The primary restarts under load: this connection would die with it; the checks open another.
  await db.end();
  const t0 = now();
  const end = Date.now() + LOAD_SECONDS * 1000;
  let n = 0;
  const worker = async () => {
    while (Date.now() < end) {
      const seq = n++;
      if (earners.length && seq % 4 === 3) {
        const e = earners[seq % earners.length];
        await write(
          { kind: 'income', ref: `FT-${randomUUID()}`, token: e.token, target: e.account, amountFen: 1 + (seq % 7) },
          end + 20_000,
        );
      } else {
        const p = payers[seq % payers.length];
        await write({ kind: 'payment', ref: `FT-${randomUUID()}`, token: p.token, target: p.charge, amountFen: 1 }, end + 20_000);
      }
    }
  };
  const phases: Array<{ name: string; at: number }> = [{ name: 'baseline', at: t0 }];
  const faults = (async () => {
    const sleepUntil = (s: number) => new Promise((r) => setTimeout(r, Math.max(0, (t0 + s - now()) * 1000)));
    await sleepUntil(8);
    phases.push({ name: 'kill -9 api1, restart it', at: now() });
    await control('kill-api', '1');
    await sleepUntil(12);
    await control('start-api', '1');
    await sleepUntil(24);
    phases.push({ name: 'restart primary (-m fast)', at: now() });
    await control('restart-primary');
    await sleepUntil(40);
    replicaRows = await countOnReplica();
    phases.push({ name: 'stop replica', at: now() });
    await control('stop-replica');
  })();
  await Promise.all([...Array.from({ length: WORKERS }, worker), faults]);
  const t1 = now();

  // The report per phase: attempts, errors by code, and how long until writes succeeded again.
  const rows = phases.map((p, i) => {
    const to = phases[i + 1]?.at ?? t1;
    const errs = failures.filter((f) => f.at >= p.at && f.at < to);
    const byCode: Record<string, number> = {};
    for (const f of errs) byCode[f.code] = (byCode[f.code] ?? 0) + 1;
    const lastError = errs.length ? errs[errs.length - 1].at : undefined;
    const recovered = lastError === undefined ? 0 : (successes.find((s) => s > lastError) ?? t1) - p.at;
    const ok = successes.filter((s) => s >= p.at && s < to).length;
    return {
      phase: p.name,
      seconds: +(to - p.at).toFixed(1),
      succeeded: ok,
      errors: errs.length,
      byCode,
      recoverySeconds: +recovered.toFixed(2),
    };
  });

  // Checks, from the database (the owner's connection, after the faults).
  const db2 = new pg.Client({ connectionString: OWNER_URL });
  await db2.connect();
  const refs = acknowledged.map((w) => w.ref);
  const found = await db2.query<{ ref: string; n: number }>(
    `select ref, count(*)::int as n from (
       select receipt_ref as ref from fee_payment where receipt_ref = any($1)
       union all select invoice_ref from ledger_entry where invoice_ref = any($1)) x group by ref`,
    [refs],
  );
  const present = new Map(found.rows.map((r) => [r.ref, r.n]));
  const lost = refs.filter((r) => !present.has(r)).length;
  const twice = (
    await db2.query<{ n: number }>(
      `select count(*)::int as n from (
         select receipt_ref from fee_payment where receipt_ref like 'FT-%' group by 1 having count(*) > 1
         union all select invoice_ref from ledger_entry where invoice_ref like 'FT-%' group by 1 having count(*) > 1) x`,
    )
  ).rows[0].n;
  const unacknowledgedApplied = (
    await db2.query<{ n: number }>(
      `select (select count(*)::int from fee_payment where receipt_ref like 'FT-%') + (select count(*)::int from ledger_entry where invoice_ref like 'FT-%') - $1::int as n`,
      [refs.length],
    )
  ).rows[0].n;
  const chargeMismatch = (
    await db2.query<{ n: number }>(
      `select count(*)::int as n from fee_charge c
        where c.paid_fen <> coalesce((select sum(p.amount_fen) from fee_payment p where p.charge_id = c.id), 0)`,
    )
  ).rows[0].n;
  let balanceMismatch = 0;
  let statementsChecked = 0;
  let statementsFailing = 0;
  for (const { token, account } of earners.filter((e, i, all) => all.findIndex((x) => x.account === e.account) === i)) {
    const sum = Number(
      (await db2.query<{ s: string }>(`select coalesce(sum(delta_fen), 0) as s from ledger_entry where account_id = $1`, [account])).rows[0]
        .s,
    );
    const shown = (await post(LB, token, BALANCE, { id: toGlobalId('CoManagedAccount', account) })).body?.data?.node as
      { balanceFen?: number } | undefined;
    if (shown?.balanceFen !== sum) balanceMismatch++;
    const compounds = (
      await db2.query<{ id: number }>(`select distinct compound_id as id from ledger_entry where account_id = $1`, [account])
    ).rows;
    for (const c of compounds) {
      const node = (await post(LB, token, STATEMENTS, { id: toGlobalId('Compound', c.id) })).body?.data?.node as
        { monthlyStatements?: { nodes: Array<{ verified: boolean }> } } | undefined;
      for (const s of node?.monthlyStatements?.nodes ?? []) {
        statementsChecked++;
        if (!s.verified) statementsFailing++;
      }
    }
  }
  // Both instances answer writes directly, api2 never having been restarted.
  const ports = readFileSync(CONTROL, 'utf8')
    .match(/echo (\d+) \|\| echo (\d+)/)!
    .slice(1);
  const instancesOk: boolean[] = [];
  for (const port of ports) {
    const p = payers[0];
    const res = await post(`http://127.0.0.1:${port}`, p.token, PAY, {
      input: { chargeId: toGlobalId('FeeCharge', p.charge), amountFen: 1, receiptRef: `FT-${randomUUID()}` },
    });
    instancesOk.push(!!res.body?.data?.recordFeePayment && !res.body.errors);
  }
  await db2.end();

  console.log(`\nfault test: ${WORKERS} concurrent writers through HAProxy for ${(t1 - t0).toFixed(1)} s`);
  console.table(
    rows.map((r) => ({
      ...r,
      byCode:
        Object.entries(r.byCode)
          .map(([c, k]) => `${c}:${k}`)
          .join(' ') || '-',
    })),
  );
  const summary = {
    requests: attempts,
    acknowledgedWrites: refs.length,
    acknowledgedLost: lost,
    appliedTwice: twice,
    appliedButNotAcknowledged: unacknowledgedApplied,
    writesGivenUp: gaveUp,
    chargesWhosePaidTotalDiffers: chargeMismatch,
    accountsWhoseBalanceDiffers: balanceMismatch,
    statementsVerified: `${statementsChecked - statementsFailing}/${statementsChecked}`,
    instancesAnswerAfterwards: instancesOk.every(Boolean),
    replicaBeforeLoad: replicaState || 'not connected',
    replicaPaymentsWhenStopped: replicaRows,
  };
  console.table(Object.entries(summary).map(([check, value]) => ({ check, value })));
  const pass =
    lost === 0 && twice === 0 && chargeMismatch === 0 && balanceMismatch === 0 && statementsFailing === 0 && instancesOk.every(Boolean);
  console.log(pass ? 'fault test: PASS (no acknowledged write lost)' : 'fault test: FAIL');
  process.exit(pass ? 0 : 1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
