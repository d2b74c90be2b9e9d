import {
  PayExpenditureDocument,
  ProposeExpenditureDocument,
  RecordIncomeDocument,
  ResolveExpenditureDocument,
  ReverseLedgerEntryDocument,
} from '../generated/graphql';
import { sql, sqlAs } from '../support/databases';
import { openXinyuanAccount, xinyuanCast } from '../support/finance';
import { fingerprint } from '../support/snapshot';
import { ok, pkOf, startTestApp, type TestApp } from '../support/test-app';

/*
 * A proposal's payment is not reversed through the ledger. reverseLedgerEntry is one account
 * manager's act; reversing the expense that paid a proposal gave the money back while the proposal
 * still read PAID — one person undoing what needed two. Refused (PROPOSAL_PAYMENT on entryId) by the
 * service and by the database; income is still reversed as before.
 */
describe("a proposal's payment is not reversed on its own", () => {
  let app: TestApp;
  let account: string;

  beforeAll(async () => {
    app = await startTestApp();
    const cast = await xinyuanCast(app);
    account = await openXinyuanAccount(app, cast, '2026-01-01');
  });
  afterAll(() => app.close());

  async function balance(): Promise<number> {
    const [row] = await sql<{ n: number }>(
      app.database,
      'select coalesce(sum(delta_fen), 0)::int as n from ledger_entry where account_id = $1',
      [pkOf(account)],
    );
    return row.n;
  }

  it('refuses to reverse a payment, leaving the proposal PAID and the ledger as it was; income is still reversed', async () => {
    const income = ok(
      await app.request(
        RecordIncomeDocument,
        { input: { accountId: account, category: 'FEES', amountFen: 100_000, occurredOn: '2026-02-05', description: '2月物业费' } },
        { as: 'secretary.xinyuan' },
      ),
    ).recordIncome;
    expect(income.userErrors).toEqual([]);
    const p = ok(
      await app.request(
        ProposeExpenditureDocument,
        { input: { accountId: account, purpose: '购买扫帚', amountFen: 12_000, payee: '馨园日杂店', category: 'SUPPLIES' } },
        { as: 'secretary.xinyuan' },
      ),
    ).proposeExpenditure.proposal!;
    expect(
      ok(await app.request(ResolveExpenditureDocument, { input: { proposalId: p.id } }, { as: 'owner.xinyuan' })).resolveExpenditure
        .userErrors,
    ).toEqual([]);
    const paid = ok(await app.request(PayExpenditureDocument, { input: { proposalId: p.id } }, { as: 'committee.xinyuan' })).payExpenditure;
    expect(paid.userErrors).toEqual([]);
    const payment = paid.proposal!.payment!.id;
    expect(await balance()).toBe(88_000);

    // The account manager (the branch secretary holds MANAGE_ACCOUNTS) tries to take it back.
    const before = await fingerprint(app.database);
    const reversed = ok(
      await app.request(ReverseLedgerEntryDocument, { input: { entryId: payment, reason: '付款有误' } }, { as: 'secretary.xinyuan' }),
    ).reverseLedgerEntry;
    expect(reversed.entry).toBeNull();
    expect(reversed.userErrors).toEqual([
      expect.objectContaining({ field: ['entryId'], code: 'PROPOSAL_PAYMENT', message: expect.stringContaining('PAID') }),
    ]);
    expect(await fingerprint(app.database)).toEqual(before);
    expect(await balance()).toBe(88_000);
    const [row] = await sql<{ status: string }>(app.database, 'select status from expenditure_proposal where id = $1', [pkOf(p.id)]);
    expect(row.status).toBe('PAID');
    // The community admin fares no better.
    expect(
      ok(await app.request(ReverseLedgerEntryDocument, { input: { entryId: payment, reason: '付款有误' } }, { as: 'admin.yongkangbeilu' }))
        .reverseLedgerEntry.userErrors,
    ).toEqual([expect.objectContaining({ field: ['entryId'], code: 'PROPOSAL_PAYMENT' })]);

    // The database refuses the same, whatever wrote it.
    await expect(
      sqlAs(
        app.database,
        'lianxin_app',
        `insert into ledger_entry (account_id, community_id, kind, category, amount_fen, delta_fen, occurred_on, description, recorded_by, reverses_id)
         select account_id, community_id, 'REVERSAL', 'CORRECTION', amount_fen, -delta_fen, occurred_on, '直接冲销', 'raw', id from ledger_entry where id = $1`,
        [pkOf(payment)],
      ),
    ).rejects.toMatchObject({ constraint: 'ledger_entry_payment_not_reversed' });

    // Income is corrected by reversal as before.
    const undone = ok(
      await app.request(
        ReverseLedgerEntryDocument,
        { input: { entryId: income.entry!.id, reason: '重复录入' } },
        { as: 'secretary.xinyuan' },
      ),
    ).reverseLedgerEntry;
    expect(undone.userErrors).toEqual([expect.objectContaining({ code: 'INSUFFICIENT_FUNDS' })]);
    const more = ok(
      await app.request(
        RecordIncomeDocument,
        { input: { accountId: account, category: 'FEES', amountFen: 50_000, occurredOn: '2026-03-05', description: '3月物业费' } },
        { as: 'secretary.xinyuan' },
      ),
    ).recordIncome;
    const undoneMore = ok(
      await app.request(
        ReverseLedgerEntryDocument,
        { input: { entryId: more.entry!.id, reason: '重复录入' } },
        { as: 'secretary.xinyuan' },
      ),
    ).reverseLedgerEntry;
    expect(undoneMore.userErrors).toEqual([]);
    expect(await balance()).toBe(88_000);
  });
});
