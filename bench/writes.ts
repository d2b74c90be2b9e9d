import pg from 'pg';

/*
 * What maintaining the figures' roll-ups costs the writes (issue 10): fee payments and ledger
 * entries per second with the roll-up triggers (`lianxin_figures_*`) and without them, in turns.
 *
 * It disables triggers, so it runs only against a throwaway database named `lianxin_bench…`: keep
 * the bench's seeded district with `HOLD=1 QUERIES=Q6 SERVERS=api npm run bench`, then
 *
 *   npm run build && WRITES_DATABASE_URL=$(node -p "require('./bench/.run/hold.json').url") node dist/bench/writes.js
 *
 * and delete bench/.run/hold.json to end the bench. Each write is its own transaction, as the
 * service writes it (the row and what the database's triggers do with it; not the GraphQL layer):
 * a payment of 1 yuan on an unpaid October charge (the fees' settlement trigger updates the charge,
 * whose update the figures' trigger turns into a month-row difference), a ledger entry of income on
 * one of the bench's accounts. Env: CLIENTS (1,8) WRITES (2000 per round and client count), ROUNDS (3).
 */

const env = process.env;
const url = env.WRITES_DATABASE_URL ?? '';
const CLIENTS = (env.CLIENTS ?? '1,8').split(',').map(Number);
const WRITES = Number(env.WRITES ?? 2000);
const ROUNDS = Number(env.ROUNDS ?? 3);

async function triggers(client: pg.Client, enable: boolean): Promise<number> {
  const { rows } = await client.query<{ tbl: string; name: string }>(
    `select c.relname as tbl, t.tgname as name from pg_trigger t join pg_class c on c.oid = t.tgrelid
      where t.tgname like 'lianxin_figures%' and not t.tgisinternal`,
  );
  for (const r of rows)
    await client.query(
      `alter table ${client.escapeIdentifier(r.tbl)} ${enable ? 'enable' : 'disable'} trigger ${client.escapeIdentifier(r.name)}`,
    );
  return rows.length;
}

/** `n` writes over `clients` connections, each its own transaction; writes per second. */
async function run(clients: number, n: number, write: (c: pg.Client, i: number) => Promise<unknown>): Promise<number> {
  const conns = await Promise.all(
    Array.from({ length: clients }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(
    conns.map(async (c) => {
      for (let i = next++; i < n; i = next++) {
        await c.query('begin');
        await write(c, i);
        await c.query('commit');
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await Promise.all(conns.map((c) => c.end()));
  return Math.round((n / seconds) * 10) / 10;
}

async function main(): Promise<void> {
  if (!/\/lianxin_bench[^/]*$/.test(new URL(url || 'x:/').pathname))
    throw new Error('WRITES_DATABASE_URL must name a throwaway lianxin_bench… database (this disables triggers)');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows: charges } = await admin.query<{ id: number; community_id: number }>(
      `select id, community_id from fee_charge where period = '2026-10-01' and paid_fen + waived_fen < amount_fen order by id`,
    );
    const { rows: accounts } = await admin.query<{ id: number; community_id: number; compound_id: number }>(
      'select id, community_id, compound_id from co_managed_account order by id',
    );
    if (!charges.length || !accounts.length) throw new Error('no unpaid October charges or no accounts: seed with the bench first');
    const pay = (c: pg.Client, i: number) => {
      const charge = charges[i % charges.length];
      return c.query(
        `insert into fee_payment (community_id, charge_id, amount_fen, paid_on, recorded_by) values ($1, $2, 100, '2026-10-20', 'bench')`,
        [charge.community_id, charge.id],
      );
    };
    const enter = (c: pg.Client, i: number) => {
      const a = accounts[i % accounts.length];
      return c.query(
        `insert into ledger_entry (account_id, community_id, compound_id, kind, category, amount_fen, delta_fen, occurred_on, description, recorded_by)
         values ($1, $2, $3, 'INCOME', 'FEES', $4, $4, '2026-03-15', 'bench', 'bench')`,
        [a.id, a.community_id, a.compound_id, 1000 + (i % 500)],
      );
    };
    // Enough headroom: every payment is 1 yuan of a 30-yuan charge, spread over the unpaid charges.
    const budget = Math.floor(charges.length * 29);
    const total = ROUNDS * 2 * CLIENTS.length * WRITES;
    if (total > budget) throw new Error(`${total} payments would overpay the ${charges.length} unpaid charges`);
    const results: Array<Record<string, unknown>> = [];
    for (let round = 1; round <= ROUNDS; round++)
      for (const withTriggers of [true, false]) {
        const n = await triggers(admin, withTriggers);
        for (const clients of CLIENTS) {
          const payments = await run(clients, WRITES, pay);
          const entries = await run(clients, WRITES, enter);
          const r = {
            round,
            triggers: withTriggers ? `on (${n})` : 'off',
            clients,
            paymentsPerSecond: payments,
            entriesPerSecond: entries,
          };
          results.push(r);
          process.stderr.write(`writes: ${JSON.stringify(r)}\n`);
        }
      }
    await triggers(admin, true);
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } finally {
    await triggers(admin, true).catch(() => undefined);
    await admin.end();
  }
}

main().catch((err) => {
  process.stderr.write(`writes: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
