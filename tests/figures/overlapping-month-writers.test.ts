import { sql } from '../support/databases';
import { overlapping } from '../support/overlapping-transactions';
import { startTestApp, type TestApp } from '../support/test-app';
import { rollupDifferences } from './recompute';

/*
 * Migration20261210200000_months_lock_first: two transactions writing to one compound's month at the
 * same moment (a payment's difference, a recount, or the first two writers of a month), and an
 * account's roll-up row under a change of the account and a statement of it. Whichever waits for the
 * row's lock reads after the other committed, so the roll-ups equal a full recount afterwards.
 */
describe('the month and account roll-ups under overlapping writers', () => {
  let app: TestApp;
  let compound: number;
  let community: number;
  let households: number[];
  let schedules: number[];

  beforeAll(async () => {
    app = await startTestApp();
    const [row] = await sql<{ compound: number; community: number; households: number[] }>(
      app.database,
      `select h.compound_id as compound, h.community_id as community, array_agg(h.id order by h.id) as households
         from household h where h.archived_at is null
        group by 1, 2 having count(*) >= 2 order by 1 limit 1`,
    );
    ({ compound, community } = row);
    households = row.households.slice(0, 2);
    // Two schedules, so one household can be charged twice in a month.
    schedules = (
      await sql<{ id: number }>(
        app.database,
        `insert into fee_schedule (compound_id, community_id, name, basis, rate_fen, period, agreed_on, effective_from)
         select $1, $2, n, 'PER_HOUSEHOLD', 1000, 'MONTHLY', '2030-12-01', '2031-01-01' from unnest(array['并发甲', '并发乙']) n
         returning id`,
        [compound, community],
      )
    ).map((r) => r.id);
  });
  afterAll(() => app.close());

  const charge = (schedule: number, household: number, month: string, amount: number) =>
    `insert into fee_charge (schedule_id, community_id, household_id, compound_id, building_id, period, amount_fen)
     select ${schedule}, community_id, id, compound_id, building_id, '${month}', ${amount} from household where id = ${household}`;
  const chargeId = async (schedule: number, household: number, month: string) =>
    (
      await sql<{ id: number }>(app.database, 'select id from fee_charge where schedule_id = $1 and household_id = $2 and period = $3', [
        schedule,
        household,
        month,
      ])
    )[0].id;
  const pay = (charge: number, amount: number) =>
    `insert into fee_payment (charge_id, community_id, amount_fen, paid_on, recorded_by)
     select id, community_id, ${amount}, '2031-01-20', 'test' from fee_charge where id = ${charge}`;
  const month = async (period: string) =>
    (
      await sql<{ collected: number; charged: number; households: number; settled: number; arrears: number }>(
        app.database,
        `select collected_fen::int as collected, charged_fen::int as charged, charged_households as households,
                settled_households as settled, arrears_households as arrears
           from lianxin_figures_month where compound_id = $1 and month = $2`,
        [compound, period],
      )
    )[0];

  it('keeps a payment made while a recount of the month waits for its row', async () => {
    expect(await rollupDifferences(app.database)).toEqual([]);
    const period = '2031-01-01';
    await sql(app.database, charge(schedules[0], households[0], period, 1000));
    const paid = await chargeId(schedules[0], households[0], period);
    // The payment's difference holds the month's row; a charge of the other household recounts the month after it.
    await overlapping(app.database, [pay(paid, 400)], [charge(schedules[0], households[1], period, 1000)]);
    expect(await month(period)).toEqual({ collected: 400, charged: 2000, households: 2, settled: 0, arrears: 2 });
    expect(await rollupDifferences(app.database)).toEqual([]);
  });

  it('settles no household that a recount holding the month has charged again', async () => {
    const period = '2031-02-01';
    await sql(app.database, charge(schedules[0], households[0], period, 1000));
    const first = await chargeId(schedules[0], households[0], period);
    // The second charge recounts the month and holds its row; paying the first charge in full leaves the household owing the second.
    await overlapping(app.database, [charge(schedules[1], households[0], period, 500)], [pay(first, 1000)]);
    expect(await month(period)).toEqual({ collected: 1000, charged: 1500, households: 1, settled: 0, arrears: 1 });
    expect(await rollupDifferences(app.database)).toEqual([]);
  });

  it('keeps the charges of the first two writers of a month', async () => {
    const period = '2031-03-01';
    // The first charge inserts the month's row; the second waits for it and counts both.
    await overlapping(
      app.database,
      [charge(schedules[0], households[0], period, 1000)],
      [charge(schedules[0], households[1], period, 700)],
    );
    expect(await month(period)).toEqual({ collected: 0, charged: 1700, households: 2, settled: 0, arrears: 2 });
    expect(await rollupDifferences(app.database)).toEqual([]);
  });

  it("keeps an account's closing while a statement of the account waits for its row", async () => {
    const [account] = await sql<{ id: number; opened: string }>(
      app.database,
      `select id, opened_on::text as opened from co_managed_account where closed_on is null order by id limit 1`,
    );
    expect(account).toBeDefined();
    // Closing the account refreshes its row and holds it; a draft statement of the account refreshes it after.
    await overlapping(
      app.database,
      [`update co_managed_account set closed_on = opened_on + 3650 where id = ${account.id}`],
      [
        `insert into monthly_statement (account_id, community_id, compound_id, month, prepared_by)
         select id, community_id, compound_id, '2031-04-01', 'test' from co_managed_account where id = ${account.id}`,
      ],
    );
    const [row] = await sql<{ closed: string | null }>(
      app.database,
      'select closed_on::text as closed from lianxin_figures_account where account_id = $1',
      [account.id],
    );
    expect(row.closed).not.toBeNull();
    expect(await rollupDifferences(app.database)).toEqual([]);
  });
});
