import { fixedClock } from '../../src/core/clock';
import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';
import { NODE_FIGURES, type Figures } from './queries';

/*
 * The figures' shared cache of computed tallies (issue 10): a read within FIGURES_MAX_STALENESS_MS
 * sends none of the tally statements again; asOf is when the tallies were computed; a mutation
 * through the API clears the cache, a write by another writer (SQL here) shows once the bound has
 * passed; callers of different reach never share an entry; at 0 nothing is cached.
 */
const START = '2026-11-16T00:00:00.000Z';
const RECORD_PAYMENT = `mutation Pay($input: RecordFeePaymentInput!) { recordFeePayment(input: $input) { userErrors { code } charge { paidFen } } }`;

interface Read {
  figures: Figures;
  statements: number;
}

describe('figures served from the shared cache of tallies', () => {
  const clock = fixedClock(START);
  let app: TestApp;
  let xiaodian: string;
  let yongkang: string;
  let yongkangPk: number;

  const read = async (id: string, as: string, period = '2026-10'): Promise<Read> => {
    const res = await app.request<{ node: { figures: Figures } }, Record<string, unknown>>(
      NODE_FIGURES,
      { id, period, from: '2025-11', to: '2026-10' },
      { as },
    );
    return { figures: ok(res).node.figures, statements: res.extensions!.sqlStatements as number };
  };

  beforeAll(async () => {
    app = await startTestApp({ clock, env: { FIGURES_MAX_STALENESS_MS: '30000' } });
    const one = async (text: string) => (await sql<{ id: number }>(app.database, text))[0].id;
    xiaodian = gid('District', await one("select id from district where name = '小店区'"));
    yongkangPk = await one(`select id from community where name = '${DEMO.yongkang}'`);
    yongkang = gid('Community', yongkangPk);
  });
  afterAll(() => app.close());

  it('answers a second read within the bound without the tally statements, with the same figures and asOf the first computation', async () => {
    clock.set(START);
    const first = await read(xiaodian, 'district.xiaodian');
    expect(first.figures.asOf).toBe(START);
    clock.set('2026-11-16T00:00:10.000Z');
    const second = await read(xiaodian, 'district.xiaodian');
    expect(second.figures).toEqual(first.figures);
    expect(second.figures.asOf).toBe(START);
    // Figures: tallies, accounts, statements, rules; the series: its month totals (the rest shared within a request).
    expect(first.statements - second.statements).toBeGreaterThanOrEqual(5);

    // Past the bound: computed again, and asOf says when.
    clock.set('2026-11-16T00:00:31.000Z');
    const third = await read(xiaodian, 'district.xiaodian');
    expect(third.statements).toBe(first.statements);
    expect(third.figures.asOf).toBe('2026-11-16T00:00:31.000Z');
  });

  it('never shares an entry between callers of different reach (a district officer and the platform), nor between scopes', async () => {
    clock.set('2026-11-16T00:01:10.000Z'); // past the bound of the first test's last read
    const officer = await read(xiaodian, 'district.xiaodian');
    const officerAgain = await read(xiaodian, 'district.xiaodian');
    expect(officerAgain.statements).toBeLessThan(officer.statements);
    const platform = await read(xiaodian, 'platform.admin');
    expect(platform.figures.suppressionApplied).toBe(false);
    expect(officer.figures.suppressionApplied).toBe(true);
    // The platform's first read was a miss (its second is cheaper), though the officer's entry was fresh.
    expect((await read(xiaodian, 'platform.admin')).statements).toBeLessThan(platform.statements);
    // Suppression still runs per caller on the same tallies: the officer's withheld cells stay withheld.
    expect((await read(xiaodian, 'district.xiaodian')).figures).toEqual(officer.figures);
    // Another district's officer: the district is not there for them, cache or not.
    const other = await app.request<{ node: unknown }, Record<string, unknown>>(
      NODE_FIGURES,
      { id: xiaodian, period: '2026-10', from: '2025-11', to: '2026-10' },
      { as: 'district.gaoxin' },
    );
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('shows a payment made through the API at once, and a write by another writer once the bound has passed', async () => {
    clock.set('2026-11-16T00:02:00.000Z');
    const [charge] = await sql<{ id: number; period: string; owing: number }>(
      app.database,
      `select c.id, to_char(c.period, 'YYYY-MM') as period, (c.amount_fen - c.paid_fen - c.waived_fen)::int as owing
         from fee_charge c join compound cp on cp.id = c.compound_id
        where c.community_id = $1 and cp.name = $2 and c.paid_fen + c.waived_fen + 200 <= c.amount_fen order by c.id limit 1`,
      [yongkangPk, DEMO.xinyuan],
    );
    const before = await read(yongkang, 'platform.admin', charge.period);
    expect((await read(yongkang, 'platform.admin', charge.period)).figures.fees.collectedFen).toEqual(before.figures.fees.collectedFen);

    const paid = ok(
      await app.request<{ recordFeePayment: { userErrors: unknown[] } }, Record<string, unknown>>(
        RECORD_PAYMENT,
        { input: { chargeId: gid('FeeCharge', charge.id), amountFen: 100, paidOn: '2026-11-10' } },
        { as: 'finance.xinyuan' },
      ),
    ).recordFeePayment;
    expect(paid.userErrors).toEqual([]);
    const after = await read(yongkang, 'platform.admin', charge.period);
    expect(after.figures.fees.collectedFen.value).toBe(before.figures.fees.collectedFen.value! + 100);
    expect(after.statements).toBe(before.statements);

    // Another instance's write (SQL here): within the bound the cached tallies are served…
    await sql(
      app.database,
      "insert into fee_payment (charge_id, community_id, amount_fen, paid_on, recorded_by) values ($1, $2, 100, '2026-11-10', 'test')",
      [charge.id, yongkangPk],
    );
    clock.set('2026-11-16T00:02:29.000Z');
    const stale = await read(yongkang, 'platform.admin', charge.period);
    expect(stale.figures.fees.collectedFen).toEqual(after.figures.fees.collectedFen);
    expect(stale.figures.asOf).toBe('2026-11-16T00:02:00.000Z');
    // …and past it, the write shows.
    clock.set('2026-11-16T00:02:30.000Z');
    const fresh = await read(yongkang, 'platform.admin', charge.period);
    expect(fresh.figures.fees.collectedFen.value).toBe(before.figures.fees.collectedFen.value! + 200);
    expect(fresh.figures.asOf).toBe('2026-11-16T00:02:30.000Z');
  });
});

describe('figures with FIGURES_MAX_STALENESS_MS=0', () => {
  let app: TestApp;
  afterAll(() => app?.close());

  it('caches nothing: every read sends every statement and sees every write', async () => {
    const clock = fixedClock(START);
    app = await startTestApp({ clock, env: { FIGURES_MAX_STALENESS_MS: '0' } });
    const [community] = await sql<{ id: number }>(app.database, `select id from community where name = '${DEMO.yongkang}'`);
    const [charge] = await sql<{ id: number; period: string }>(
      app.database,
      `select id, to_char(period, 'YYYY-MM') as period from fee_charge where community_id = $1 and paid_fen + waived_fen + 100 <= amount_fen order by id limit 1`,
      [community.id],
    );
    const read = async () => {
      const res = await app.request<{ node: { figures: Figures } }, Record<string, unknown>>(NODE_FIGURES, {
        id: gid('Community', community.id),
        period: charge.period,
        from: '2025-11',
        to: '2026-10',
      });
      return { figures: ok(res).node.figures, statements: res.extensions!.sqlStatements as number };
    };
    const first = await read();
    await sql(
      app.database,
      "insert into fee_payment (charge_id, community_id, amount_fen, paid_on, recorded_by) values ($1, $2, 100, '2026-11-10', 'test')",
      [charge.id, community.id],
    );
    const second = await read();
    expect(second.statements).toBe(first.statements);
    expect(second.figures.fees.collectedFen.value).toBe(first.figures.fees.collectedFen.value! + 100);
    expect(second.figures.asOf).toBe(START);
  });
});
