import {
  CompoundMoneyDocument,
  PrepareMonthlyStatementDocument,
  PublishMonthlyStatementDocument,
  RecordIncomeDocument,
  ReverseLedgerEntryDocument,
  StatementByIdDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { openXinyuanAccount, xinyuanCast, type Xinyuan } from '../support/finance';
import { ok, startTestApp, type TestApp, pkOf } from '../support/test-app';

/** A small deterministic generator (mulberry32): the same seed replays the same sequence. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/*
 * Random sequences of income, reversals and publications through the API. After every step: the
 * balance the API shows equals the sum of the ledger; every published statement is byte-for-byte
 * what it was when published, still verifies, and its closing balance is the next month's opening.
 */
describe('ledger properties under random sequences', () => {
  let app: TestApp;
  let cast: Xinyuan;
  let account: string;

  beforeAll(async () => {
    app = await startTestApp();
    cast = await xinyuanCast(app);
    account = await openXinyuanAccount(app, cast, '2026-01-01');
  });
  afterAll(() => app.close());

  it('keeps balance = sum of entries and published statements unchanged', async () => {
    const random = rng(20261123);
    const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
    const entries: Array<{ id: string; month: string; reversible: boolean }> = [];
    const published = new Map<string, { id: string; hash: string; content: string }>();
    const openMonths = () => months.filter((m) => !published.has(m));

    for (let step = 0; step < 60; step++) {
      const roll = random();
      const open = openMonths();
      if (roll < 0.6 && open.length) {
        const month = open[Math.floor(random() * open.length)];
        const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
        const res = ok(
          await app.request(
            RecordIncomeDocument,
            { input: { accountId: account, category: 'FEES', amountFen: 1 + Math.floor(random() * 500_000), occurredOn: `${month}-${day}`, description: `收入 ${step}` } },
            { as: 'secretary.xinyuan' },
          ),
        ).recordIncome;
        if (published.has(month)) expect(res.userErrors.map((e) => e.code)).toEqual(['MONTH_PUBLISHED']);
        else entries.push({ id: res.entry!.id, month, reversible: true });
      } else if (roll < 0.85 && entries.some((e) => e.reversible)) {
        const candidates = entries.filter((e) => e.reversible);
        const original = candidates[Math.floor(random() * candidates.length)];
        const later = openMonths().filter((m) => m >= original.month);
        if (!later.length) continue;
        const month = later[Math.floor(random() * later.length)];
        const res = ok(await app.request(ReverseLedgerEntryDocument, { input: { entryId: original.id, occurredOn: `${month}-28`, reason: `冲正 ${step}` } }, { as: 'secretary.xinyuan' })).reverseLedgerEntry;
        // Reversing income can be refused when the money is no longer there; nothing else is expected.
        if (res.userErrors.length) expect(res.userErrors.map((e) => e.code)).toEqual(['INSUFFICIENT_FUNDS']);
        else {
          original.reversible = false;
          entries.push({ id: res.entry!.id, month, reversible: false });
        }
      } else if (open.length) {
        // Publish the oldest open month (statements go out in order).
        const month = open[0];
        const prepared = ok(await app.request(PrepareMonthlyStatementDocument, { input: { accountId: account, month: `${month}-01` } }, { as: 'finance.xinyuan' })).prepareMonthlyStatement;
        const res = ok(await app.request(PublishMonthlyStatementDocument, { input: { statementId: prepared.statement!.id } }, { as: 'finance.xinyuan' })).publishMonthlyStatement;
        expect(res.userErrors).toEqual([]);
        const [row] = await sql<{ content_hash: string; content: string }>(app.database, 'select content_hash, content::text as content from monthly_statement where id = $1', [
          pkOf(res.statement!.id),
        ]);
        published.set(month, { id: res.statement!.id, hash: row.content_hash, content: row.content });
      }

      // The properties, after every step.
      const money = ok(await app.request(CompoundMoneyDocument, { id: cast.compound }, { as: 'finance.xinyuan' })).node!;
      if (!('account' in money) || !money.account) throw new Error('no account');
      const [{ sum }] = await sql<{ sum: string }>(app.database, 'select coalesce(sum(delta_fen), 0)::text as sum from ledger_entry where compound_id = $1', [cast.compoundPk]);
      expect(money.account.balanceFen).toBe(Number(sum));
      expect(money.account.balanceFen).toBeGreaterThanOrEqual(0);
      for (const [month, frozen] of published) {
        const [row] = await sql<{ content_hash: string; content: string }>(app.database, 'select content_hash, content::text as content from monthly_statement where id = $1', [
          pkOf(frozen.id),
        ]);
        expect({ month, ...row }).toEqual({ month, content_hash: frozen.hash, content: frozen.content });
      }
    }

    // Published months chain: each closing balance is the next one's opening; each verifies.
    const chain = [];
    for (const month of months.filter((m) => published.has(m))) {
      const s = ok(await app.request(StatementByIdDocument, { id: published.get(month)!.id }, { as: 'finance.xinyuan' })).node!;
      if (!('closingBalanceFen' in s)) throw new Error('expected a statement');
      expect(s.verified).toBe(true);
      expect(s.closingBalanceFen).toBe(s.openingBalanceFen + s.lines.reduce((t, l) => t + l.deltaFen, 0));
      chain.push(s);
    }
    expect(chain.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < chain.length; i++) expect(chain[i].openingBalanceFen).toBe(chain[i - 1].closingBalanceFen);
  });
});
