import {
  CompoundStatementsDocument,
  PayExpenditureDocument,
  PrepareMonthlyStatementDocument,
  ProposeExpenditureDocument,
  PublishMonthlyStatementDocument,
  RecordIncomeDocument,
  ResolveExpenditureDocument,
  StatementByIdDocument,
} from '../generated/graphql';
import { fixedClock } from '../../src/core/clock';
import { ledgerDateRefusal } from '../../src/modules/finance/ledger.service';
import { contentHash, type StatementContent } from '../../src/modules/finance/statement-content';
import { publicationOrderRefusal } from '../../src/modules/finance/statement.service';
import { sql, sqlAs } from '../support/databases';
import { DEMO, pkByName } from '../support/demo';
import { openXinyuanAccount, xinyuanCast, type Xinyuan } from '../support/finance';
import { fingerprint } from '../support/snapshot';
import { gid, ok, pkOf, startTestApp, type TestApp } from '../support/test-app';

/*
 * Money that cannot be back-dated (issue 8, item 12): nothing is dated before the account opened or
 * in a month whose statement is published, in the service and in the database; months are published
 * in order; and `verified` recomputes the month from the ledger rather than re-hashing what was stored.
 */
describe('money that cannot be back-dated', () => {
  let app: TestApp;
  let cast: Xinyuan;
  let account: string;
  let yifen: { compound: string; account: string; accountPk: number };
  // Today, except while a proposal is made on an earlier day (its steps are not dated before it).
  const clock = fixedClock(new Date());

  beforeAll(async () => {
    app = await startTestApp({ clock });
    cast = await xinyuanCast(app);
    account = await openXinyuanAccount(app, cast, '2026-01-01');
    ok(
      await app.request(
        RecordIncomeDocument,
        { input: { accountId: account, category: 'FEES', amountFen: 300_000, occurredOn: '2026-01-06', description: '1月物业费' } },
        { as: 'secretary.xinyuan' },
      ),
    );
    const compoundPk = await pkByName(app.database, 'compound', DEMO.yifen);
    const [row] = await sql<{ id: number }>(app.database, 'select id from co_managed_account where compound_id = $1', [compoundPk]);
    yifen = { compound: gid('Compound', compoundPk), account: gid('CoManagedAccount', row.id), accountPk: row.id };
  });
  afterAll(() => app.close());

  /** A small spend through the simplified path, proposed and resolved on `day`, resolved by the owners' representative. */
  async function resolvedProposal(purpose: string, day: string): Promise<string> {
    const today = clock.now();
    clock.set(`${day}T02:00:00Z`);
    const p = ok(
      await app.request(
        ProposeExpenditureDocument,
        { input: { accountId: account, purpose, amountFen: 12_000, payee: '馨园日杂店', category: 'SUPPLIES' } },
        { as: 'secretary.xinyuan' },
      ),
    ).proposeExpenditure.proposal!;
    const resolved = ok(
      await app.request(ResolveExpenditureDocument, { input: { proposalId: p.id, comment: '楼院长会议同意' } }, { as: 'owner.xinyuan' }),
    ).resolveExpenditure;
    expect(resolved.userErrors).toEqual([]);
    clock.set(today);
    return p.id;
  }

  it('refuses a payment dated before the account opened, as it refuses income, and writes nothing', async () => {
    const income = ok(
      await app.request(
        RecordIncomeDocument,
        { input: { accountId: account, category: 'FEES', amountFen: 100, occurredOn: '2025-12-31', description: '开户前的收入' } },
        { as: 'secretary.xinyuan' },
      ),
    ).recordIncome;
    expect(income.userErrors).toEqual([expect.objectContaining({ field: ['occurredOn'], code: 'DATE_ORDER' })]);

    const proposal = await resolvedProposal('购买扫帚', '2026-01-10');
    const before = await fingerprint(app.database);
    const paid = ok(
      await app.request(PayExpenditureDocument, { input: { proposalId: proposal, paidOn: '2025-12-31' } }, { as: 'committee.xinyuan' }),
    ).payExpenditure;
    expect(paid.proposal).toBeNull();
    expect(paid.userErrors).toEqual([
      expect.objectContaining({ field: ['paidOn'], code: 'DATE_ORDER', message: expect.stringContaining('2026-01-01') }),
    ]);
    expect(await fingerprint(app.database)).toEqual(before);

    const onTime = ok(
      await app.request(PayExpenditureDocument, { input: { proposalId: proposal, paidOn: '2026-01-15' } }, { as: 'committee.xinyuan' }),
    ).payExpenditure;
    expect(onTime.proposal).toMatchObject({ status: 'PAID', payment: { occurredOn: '2026-01-15' } });
  });

  it('publishes months in order: November waits for October; afterwards nothing is dated in either', async () => {
    // The demo's Yifen Xianzhuang: January to September published, October still a draft.
    const statements = ok(await app.request(CompoundStatementsDocument, { id: yifen.compound }, { as: 'admin.yongkangbeilu' })).node!;
    if (!('monthlyStatements' in statements)) throw new Error('expected a compound');
    const october = statements.monthlyStatements.nodes.find((s) => s.month === '2026-10-01')!;
    expect(october.status).toBe('DRAFT');
    const november = ok(
      await app.request(
        PrepareMonthlyStatementDocument,
        { input: { accountId: yifen.account, month: '2026-11-01' } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).prepareMonthlyStatement.statement!;

    const before = await fingerprint(app.database);
    const early = ok(
      await app.request(PublishMonthlyStatementDocument, { input: { statementId: november.id } }, { as: 'admin.yongkangbeilu' }),
    ).publishMonthlyStatement;
    expect(early.statement).toBeNull();
    expect(early.userErrors).toEqual([
      expect.objectContaining({ field: ['statementId'], code: 'PREVIOUS_MONTH_UNPUBLISHED', message: expect.stringContaining('2026-10') }),
    ]);
    expect(await fingerprint(app.database)).toEqual(before);
    // October is still open for entries, as it should be while unpublished.
    const lateFee = ok(
      await app.request(
        RecordIncomeDocument,
        { input: { accountId: yifen.account, category: 'FEES', amountFen: 4_500, occurredOn: '2026-10-28', description: '10月补缴' } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).recordIncome;
    expect(lateFee.userErrors).toEqual([]);

    for (const id of [october.id, november.id]) {
      const res = ok(
        await app.request(PublishMonthlyStatementDocument, { input: { statementId: id } }, { as: 'admin.yongkangbeilu' }),
      ).publishMonthlyStatement;
      expect(res.userErrors).toEqual([]);
      expect(res.statement).toMatchObject({ status: 'PUBLISHED', verified: true });
    }
    for (const day of ['2026-10-31', '2026-11-30', '2026-03-01']) {
      const refused = ok(
        await app.request(
          RecordIncomeDocument,
          { input: { accountId: yifen.account, category: 'FEES', amountFen: 100, occurredOn: day, description: '迟到的收据' } },
          { as: 'admin.yongkangbeilu' },
        ),
      ).recordIncome;
      expect(refused.userErrors).toEqual([
        expect.objectContaining({ field: ['occurredOn'], code: 'MONTH_PUBLISHED', message: expect.stringContaining('2026-11') }),
      ]);
    }
    const december = ok(
      await app.request(
        RecordIncomeDocument,
        { input: { accountId: yifen.account, category: 'FEES', amountFen: 100, occurredOn: '2026-12-01', description: '12月物业费' } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).recordIncome;
    expect(december.userErrors).toEqual([]);
  });

  it('holds the same lines in the database: raw writes as the application role are refused', async () => {
    const entry = (accountPk: number, day: string) =>
      sqlAs(
        app.database,
        'lianxin_app',
        `insert into ledger_entry (account_id, community_id, kind, category, amount_fen, delta_fen, occurred_on, description, recorded_by)
         select id, community_id, 'INCOME', 'FEES', 100, 100, $2, '直接写入', 'raw' from co_managed_account where id = $1`,
        [accountPk, day],
      );
    await expect(entry(pkOf(account), '2025-12-31')).rejects.toMatchObject({ constraint: 'ledger_entry_before_opening' });
    await expect(entry(yifen.accountPk, '2026-09-30')).rejects.toMatchObject({ constraint: 'ledger_entry_month_published' });
    // Should a write race past the service's own check, the trigger's refusal reaches the client as the same user error.
    const raced = await entry(yifen.accountPk, '2026-09-30').catch((err: unknown) => err);
    expect(ledgerDateRefusal(raced, 'paidOn')).toEqual({
      field: ['paidOn'],
      code: 'MONTH_PUBLISHED',
      message: expect.stringContaining('2026-11'),
    });
    const early = await entry(pkOf(account), '2025-12-31').catch((err: unknown) => err);
    expect(ledgerDateRefusal(early, 'occurredOn')).toMatchObject({ field: ['occurredOn'], code: 'DATE_ORDER' });
    await expect(entry(yifen.accountPk, '2026-11-30')).rejects.toMatchObject({ constraint: 'ledger_entry_month_published' });
    expect(await entry(yifen.accountPk, '2026-12-02')).toEqual([]);

    // A publication out of order, or with a closing that is not the ledger's, straight into the table.
    const publish = (month: string, closing: string) =>
      sqlAs(
        app.database,
        'lianxin_app',
        `insert into monthly_statement (account_id, community_id, month, prepared_by, published_at, published_by, content, content_hash, closing_fen)
         select id, community_id, $2, 'raw', now(), 'raw', '{}'::jsonb, 'x', ${closing} from co_managed_account where id = $1`,
        [pkOf(account), month],
      );
    await expect(publish('2026-03-01', '0')).rejects.toMatchObject({ constraint: 'monthly_statement_published_in_order' });
    const outOfOrder = await publish('2026-03-01', '0').catch((err: unknown) => err);
    expect(publicationOrderRefusal(outOfOrder, '2026-01-01')).toEqual({
      field: ['statementId'],
      code: 'PREVIOUS_MONTH_UNPUBLISHED',
      message: expect.stringContaining('Publish 2026-01 first'),
    });
    await expect(publish('2026-01-01', '1')).rejects.toMatchObject({ constraint: 'monthly_statement_closing_matches_ledger' });
    await expect(publish('2025-12-01', '0')).rejects.toMatchObject({ constraint: 'monthly_statement_before_opening' });
    const closing = "(select sum(delta_fen) from ledger_entry where account_id = co_managed_account.id and occurred_on < '2026-02-01')";
    expect(await publish('2026-01-01', closing)).toEqual([]);
  });

  it('verifies a published statement against the ledger recomputed now, its hash and the previous closing, and says which part failed', async () => {
    const read = async () => {
      const list = ok(await app.request(CompoundStatementsDocument, { id: yifen.compound }, { as: 'admin.yongkangbeilu' })).node!;
      if (!('monthlyStatements' in list)) throw new Error('expected a compound');
      return new Map(list.monthlyStatements.nodes.map((s) => [s.month.slice(0, 7), s]));
    };
    const all = await read();
    for (const s of all.values()) {
      expect({ month: s.month, verified: s.verified, verification: s.verification }).toEqual({
        month: s.month,
        verified: true,
        verification:
          s.status === 'PUBLISHED' ? { verified: true, contentMatchesLedger: true, hashMatches: true, openingMatchesPrevious: true } : null,
      });
    }

    // Someone with the owner's keys switches the date trigger off and slips an entry into March.
    await sql(
      app.database,
      `begin; alter table ledger_entry disable trigger ledger_entry_month_open;
       insert into ledger_entry (account_id, community_id, kind, category, amount_fen, delta_fen, occurred_on, description, recorded_by)
         select id, community_id, 'INCOME', 'DONATION', 5000, 5000, '2026-03-15', '补记的捐款', 'owner' from co_managed_account where id = ${yifen.accountPk};
       alter table ledger_entry enable trigger ledger_entry_month_open; commit;`,
    );
    // To hide it, rewrites April to agree with the ledger as it now is, hash included (only the chain
    // of statements gives that away); and edits May's figures without touching its hash.
    const [april] = await sql<{ id: number; content: StatementContent }>(
      app.database,
      "select id, content from monthly_statement where account_id = $1 and month = '2026-04-01'",
      [yifen.accountPk],
    );
    const forged = {
      ...april.content,
      openingBalanceFen: april.content.openingBalanceFen + 5000,
      closingBalanceFen: april.content.closingBalanceFen + 5000,
    };
    await sql(app.database, 'alter table monthly_statement disable trigger monthly_statement_frozen');
    await sql(app.database, 'update monthly_statement set content = $2::jsonb, content_hash = $3 where id = $1', [
      april.id,
      JSON.stringify(forged),
      contentHash(forged),
    ]);
    await sql(
      app.database,
      "update monthly_statement set content = jsonb_set(content, '{incomeFen}', '1') where account_id = $1 and month = '2026-05-01'",
      [yifen.accountPk],
    );
    await sql(app.database, 'alter table monthly_statement enable trigger monthly_statement_frozen');

    const after = await read();
    expect(after.get('2026-02')!.verification).toEqual({
      verified: true,
      contentMatchesLedger: true,
      hashMatches: true,
      openingMatchesPrevious: true,
    });
    expect(after.get('2026-03')).toMatchObject({
      verified: false,
      verification: { verified: false, contentMatchesLedger: false, hashMatches: true, openingMatchesPrevious: true },
    });
    expect(after.get('2026-04')).toMatchObject({
      verified: false,
      verification: { verified: false, contentMatchesLedger: true, hashMatches: true, openingMatchesPrevious: false },
    });
    expect(after.get('2026-05')).toMatchObject({
      verified: false,
      verification: { verified: false, contentMatchesLedger: false, hashMatches: false, openingMatchesPrevious: true },
    });
    // The ledger now opens every later month with 5,000 fen more than its statement: none of them checks out.
    for (const month of ['2026-06', '2026-07', '2026-08', '2026-09'])
      expect(after.get(month)!.verification!.contentMatchesLedger).toBe(false);

    const page = async (month: string) => {
      const s = after.get(month)!;
      const res = await fetch(app.url.replace('/graphql', s.documentPath), {
        headers: { authorization: `Bearer ${await app.tokenFor('admin.yongkangbeilu')}` },
      });
      return res.text();
    };
    const feb = await page('2026-02');
    expect(feb).not.toContain('警告');
    const mar = await page('2026-03');
    expect(mar).toContain('按账本重新计算');
    expect(mar).not.toContain('期初余额与上月公示的期末余额不符');
    const apr = await page('2026-04');
    expect(apr).toContain('期初余额与上月公示的期末余额不符');
    expect(apr).not.toContain('按账本重新计算');
    expect(apr).not.toContain('与发布时的校验值不符');
    const may = await page('2026-05');
    expect(may).toContain('与发布时的校验值不符');
    expect(may).toContain('按账本重新计算');
    // The parts reach everyone who reads the statement, e.g. one by ID.
    const march = ok(await app.request(StatementByIdDocument, { id: after.get('2026-03')!.id }, { as: 'admin.yongkangbeilu' })).node!;
    expect(march).toMatchObject({ verified: false, verification: { contentMatchesLedger: false } });
  });

  it('treats the first month of an account as opening at zero', async () => {
    const draft = ok(
      await app.request(PrepareMonthlyStatementDocument, { input: { accountId: account, month: '2026-01-01' } }, { as: 'finance.xinyuan' }),
    ).prepareMonthlyStatement.statement!;
    expect(draft).toMatchObject({ status: 'DRAFT', verified: true, verification: null });
    const january = ok(await app.request(PublishMonthlyStatementDocument, { input: { statementId: draft.id } }, { as: 'finance.xinyuan' }))
      .publishMonthlyStatement.statement!;
    expect(january).toMatchObject({
      status: 'PUBLISHED',
      openingBalanceFen: 0,
      closingBalanceFen: 288_000,
      verification: { verified: true, contentMatchesLedger: true, hashMatches: true, openingMatchesPrevious: true },
    });
  });
});
