import pg from 'pg';
import { loadConfig, type LimitsConfig } from '../../src/config';
import { BudgetLedger } from '../../src/core/limits/budget';
import { quietLogger } from '../../src/core/logger';
import { createTestDatabase, databaseUrl, dropTestDatabase } from '../support/databases';
import { GENEROUS_LIMITS, testDataDir } from '../support/test-app';

/*
 * A request reads its bucket in its first statement while this instance may be writing its pending
 * charges. When the write is acknowledged between the statement leaving and its answer coming back,
 * the level read may not hold the charge, and the ledger no longer lists it as unwritten: the
 * request was served on a spent bucket (seen as a flaky 200 where a 429 was due, on a loaded machine).
 */
describe('the budget ledger, when a charge is written while a request reads its bucket', () => {
  let database: string;
  let pool: pg.Pool;
  let limits: LimitsConfig;
  let ledger: BudgetLedger;
  const key = 'ip:192.0.2.7';

  beforeAll(async () => {
    database = await createTestDatabase('schema');
    // The ledger's own pool owns the buckets (the application role cannot reach them).
    pool = new pg.Pool({ connectionString: databaseUrl(database), max: 2 });
    // Charges are written only when flushed here, so the test decides when a write lands.
    limits = loadConfig({
      NODE_ENV: 'test',
      DATA_DIR: testDataDir(),
      ...GENEROUS_LIMITS,
      ANONYMOUS_QUERY_BUDGET_POINTS: '10',
      ANONYMOUS_QUERY_BUDGET_RESTORE_RATE: '1',
      QUERY_BUDGET_FLUSH_MS: '10000',
    }).limits;
    ledger = new BudgetLedger(pool, limits, quietLogger);
  });
  afterAll(async () => {
    await ledger.close();
    await pool.end();
    await dropTestDatabase(database);
  });

  /** What the request's first statement reads: the bucket's level, refilled up to now. */
  async function peek(): Promise<{ key: string; level: number }> {
    const { anonymousBudget, budget } = limits;
    const { rows } = await pool.query<{ budget: { key: string; level: number } }>(
      'select lianxin_budget_peek(null, $1, $2, $3, $4, $5) as budget',
      [key, budget.points, budget.restorePerSecond, anonymousBudget.points, anonymousBudget.restorePerSecond],
    );
    return rows[0].budget;
  }

  it('still subtracts the charge for a request whose statement left before the write was acknowledged', async () => {
    const { points } = limits.anonymousBudget;
    const first = ledger.mark();
    const full = ledger.stateOf(await peek(), key, first);
    ledger.release(first);
    expect(full.available).toBe(points);
    // A request is answered and charged more than the whole bucket holds.
    ledger.charge(full, points + 50, Date.now());

    // The next request's first statement reads the bucket before the charge is written …
    const racing = ledger.mark();
    const readBefore = await peek();
    expect(readBefore.level).toBe(points);
    // … and the write is acknowledged before that statement's answer is looked at.
    await ledger.flush();
    const written = await peek();
    expect(written.level).toBeLessThanOrEqual(-40);

    // The racing request sees the bucket spent, as it is.
    expect(ledger.stateOf(readBefore, key, racing).available).toBeLessThanOrEqual(-40);
    // A request sent after the write reads the charge from the bucket, and it is not subtracted twice.
    const after = ledger.mark();
    const state = ledger.stateOf(written, key, after);
    expect(state.available).toBe(written.level);
    ledger.release(racing);
    ledger.release(after);

    // Once no request is left that could have missed it, the ledger forgets the charge (the bucket
    // holds it): even a mark from before the write no longer finds it.
    expect(ledger.stateOf(written, key, racing).available).toBe(written.level);
  });
});
