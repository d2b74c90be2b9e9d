import {
  DiscussExpenditureDocument,
  PayExpenditureDocument,
  ProposeExpenditureDocument,
  RecordIncomeDocument,
  ResolveExpenditureDocument,
  ReviewExpenditureDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { openXinyuanAccount, xinyuanCast } from '../support/finance';
import { codes, ok, startTestApp, type TestApp, pkOf } from '../support/test-app';

/*
 * Real concurrent requests against the real server: two people taking the same step at the same
 * moment get one transition and one CONFLICT; two payments cannot both spend the same money.
 */
describe('spending under concurrent requests', () => {
  let app: TestApp;
  let account: string;
  let accountPk: number;

  beforeAll(async () => {
    app = await startTestApp({ env: { DB_POOL_MAX: '8' } });
    const cast = await xinyuanCast(app);
    account = await openXinyuanAccount(app, cast);
    accountPk = pkOf(account);
    ok(
      await app.request(
        RecordIncomeDocument,
        { input: { accountId: account, category: 'FEES', amountFen: 1_000_000, occurredOn: '2026-03-05', description: '物业费' } },
        { as: 'secretary.xinyuan' },
      ),
    );
  });
  afterAll(() => app.close());

  async function reviewed(amountFen: number): Promise<string> {
    const p = ok(
      await app.request(
        ProposeExpenditureDocument,
        { input: { accountId: account, purpose: '维修', amountFen, payee: '电工班', category: 'REPAIR' } },
        { as: 'secretary.xinyuan' },
      ),
    ).proposeExpenditure.proposal!;
    ok(await app.request(DiscussExpenditureDocument, { input: { proposalId: p.id } }, { as: 'committee.xinyuan' }));
    ok(await app.request(ReviewExpenditureDocument, { input: { proposalId: p.id } }, { as: 'secretary.xinyuan' }));
    return p.id;
  }

  const pk = (id: string) => pkOf(id);

  it('two resolutions at once: one transition, one CONFLICT, every time', async () => {
    for (let round = 0; round < 5; round++) {
      const id = await reviewed(60_000);
      const results = await Promise.all([
        app.request(ResolveExpenditureDocument, { input: { proposalId: id, comment: 'A' } }, { as: 'owner.xinyuan' }),
        app.request(ResolveExpenditureDocument, { input: { proposalId: id, comment: 'B' } }, { as: 'committee.xinyuan' }),
      ]);
      const outcomes = results.map((r) => (codes(r).length ? codes(r)[0] : r.data?.resolveExpenditure.proposal?.status)).sort();
      expect(outcomes).toEqual(['CONFLICT', 'RESOLVED']);
      const steps = await sql<{ n: number }>(
        app.database,
        "select count(*)::int as n from proposal_transition where proposal_id = $1 and step = 'RESOLVE'",
        [pk(id)],
      );
      expect(steps[0].n).toBe(1);
      const [row] = await sql<{ status: string; version: number }>(
        app.database,
        'select status, version from expenditure_proposal where id = $1',
        [pk(id)],
      );
      expect(row).toEqual({ status: 'RESOLVED', version: 4 });
    }
  });

  it('two payments of one proposal at once: one expense, one CONFLICT', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await reviewed(50_000);
      ok(await app.request(ResolveExpenditureDocument, { input: { proposalId: id } }, { as: 'owner.xinyuan' }));
      const results = await Promise.all([
        app.request(PayExpenditureDocument, { input: { proposalId: id } }, { as: 'committee.xinyuan' }),
        app.request(PayExpenditureDocument, { input: { proposalId: id } }, { as: 'owner.xinyuan' }),
      ]);
      const outcomes = results.map((r) => (codes(r).length ? codes(r)[0] : r.data?.payExpenditure.proposal?.status)).sort();
      expect(outcomes).toEqual(['CONFLICT', 'PAID']);
      const [{ n }] = await sql<{ n: number }>(
        app.database,
        "select count(*)::int as n from ledger_entry where proposal_id = $1 and kind = 'EXPENSE'",
        [pk(id)],
      );
      expect(n).toBe(1);
    }
  });

  it('payments of different proposals queue on the account: together they never overdraw it', async () => {
    const [{ balance }] = await sql<{ balance: string }>(
      app.database,
      'select sum(delta_fen)::text as balance from ledger_entry where account_id = $1',
      [accountPk],
    );
    // Three proposals, each alone affordable, two of them together not.
    const amount = Math.floor(Number(balance) / 2) + 1_000;
    const ids = [await reviewed(amount), await reviewed(amount), await reviewed(amount)];
    for (const id of ids) ok(await app.request(ResolveExpenditureDocument, { input: { proposalId: id } }, { as: 'owner.xinyuan' }));
    const results = await Promise.all(
      ids.map((id, i) =>
        app.request(PayExpenditureDocument, { input: { proposalId: id } }, { as: i % 2 ? 'owner.xinyuan' : 'committee.xinyuan' }),
      ),
    );
    const paid = results.filter((r) => r.data?.payExpenditure.proposal?.status === 'PAID');
    const refused = results.filter((r) => r.data?.payExpenditure.userErrors.some((e) => e.code === 'INSUFFICIENT_FUNDS'));
    expect([paid.length, refused.length]).toEqual([1, 2]);
    const [after] = await sql<{ balance: string }>(
      app.database,
      'select sum(delta_fen)::text as balance from ledger_entry where account_id = $1',
      [accountPk],
    );
    expect(Number(after.balance)).toBe(Number(balance) - amount);
    expect(Number(after.balance)).toBeGreaterThanOrEqual(0);
  });
});
