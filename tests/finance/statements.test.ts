import {
  CompoundStatementsDocument,
  HomeStatementsDocument,
  PrepareMonthlyStatementDocument,
  PublishMonthlyStatementDocument,
  RecordIncomeDocument,
  ReverseLedgerEntryDocument,
  StatementByIdDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { openXinyuanAccount, xinyuanCast, type Xinyuan } from '../support/finance';
import { codes, ok, startTestApp, type TestApp, pkOf } from '../support/test-app';

/*
 * Monthly public disclosure: prepared by the finance supervision group, frozen when published
 * (hash verified on read), readable by residents once published and only then, late when not
 * published by the community's day, printable for the notice board.
 */
describe('monthly statements', () => {
  let app: TestApp;
  let cast: Xinyuan;
  let account: string;
  let march: string;

  beforeAll(async () => {
    app = await startTestApp();
    cast = await xinyuanCast(app);
    account = await openXinyuanAccount(app, cast, '2026-02-01');
    const income = (amountFen: number, occurredOn: string, description: string) =>
      app.request(
        RecordIncomeDocument,
        { input: { accountId: account, category: 'FEES', amountFen, occurredOn, description } },
        { as: 'secretary.xinyuan' },
      );
    ok(await income(300_000, '2026-02-10', '2月物业费'));
    ok(await income(420_000, '2026-03-06', '3月物业费'));
    ok(await income(9_000, '2026-03-07', '3月补缴'));
  });
  afterAll(() => app.close());

  async function residentHome(): Promise<string> {
    const [row] = await sql<{ id: number }>(
      app.database,
      "select household_id as id from person where id = (select person_id from user_account where login = 'resident.xinyuan')",
    );
    return Buffer.from(`Household:${row.id}`).toString('base64url');
  }

  it('is prepared by the finance supervision group, as a draft computed from the ledger', async () => {
    const refusedOwner = await app.request(
      PrepareMonthlyStatementDocument,
      { input: { accountId: account, month: '2026-03-01' } },
      { as: 'owner.xinyuan' },
    );
    expect(codes(refusedOwner)).toEqual(['FORBIDDEN']);
    const prepared = ok(
      await app.request(
        PrepareMonthlyStatementDocument,
        { input: { accountId: account, month: '2026-03-15', note: '3月账目' } },
        { as: 'finance.xinyuan' },
      ),
    ).prepareMonthlyStatement;
    expect(prepared.userErrors).toEqual([]);
    const s = prepared.statement!;
    march = s.id;
    expect(s).toMatchObject({
      month: '2026-03-01',
      status: 'DRAFT',
      preparedBy: 'finance.xinyuan',
      openingBalanceFen: 300_000,
      incomeFen: 429_000,
      expenseFen: 0,
      closingBalanceFen: 729_000,
      contentHash: null,
      verified: true,
      dueOn: '2026-04-10',
      late: true, // today is after 2026-04-10 and it is not published
      documentPath: `/statements/${s.id}`,
    });
    expect(s.lines.map((l) => [l.occurredOn, l.deltaFen, l.description])).toEqual([
      ['2026-03-06', 420_000, '3月物业费'],
      ['2026-03-07', 9_000, '3月补缴'],
    ]);
    // Residents do not see drafts: not by ID, not in the compound's list.
    expect(codes(await app.request(StatementByIdDocument, { id: s.id }, { as: 'resident.xinyuan' }))).toEqual(['FORBIDDEN']);
    const home = ok(await app.request(HomeStatementsDocument, { householdId: await residentHome() }, { as: 'resident.xinyuan' })).node!;
    expect('compound' in home && home.compound.monthlyStatements.totalCount).toBe(0);
  });

  it('refuses a month not over yet, or before the account opened', async () => {
    const future = new Date();
    const thisMonth = future.toISOString().slice(0, 10);
    const current = ok(
      await app.request(PrepareMonthlyStatementDocument, { input: { accountId: account, month: thisMonth } }, { as: 'finance.xinyuan' }),
    ).prepareMonthlyStatement;
    const publishCurrent = ok(
      await app.request(PublishMonthlyStatementDocument, { input: { statementId: current.statement!.id } }, { as: 'finance.xinyuan' }),
    ).publishMonthlyStatement;
    expect(publishCurrent.userErrors.map((e) => e.code)).toEqual(['MONTH_NOT_OVER']);
    const early = ok(
      await app.request(PrepareMonthlyStatementDocument, { input: { accountId: account, month: '2026-01-01' } }, { as: 'finance.xinyuan' }),
    ).prepareMonthlyStatement;
    expect(early.userErrors.map((e) => e.code)).toEqual(['DATE_ORDER']);
  });

  it('publishes and freezes, month after month: later entries of the month are refused, a correction lands in a later month', async () => {
    // Months go out in order: March waits for February.
    const first = ok(
      await app.request(PublishMonthlyStatementDocument, { input: { statementId: march } }, { as: 'finance.xinyuan' }),
    ).publishMonthlyStatement;
    expect(first.userErrors).toEqual([
      expect.objectContaining({
        field: ['statementId'],
        code: 'PREVIOUS_MONTH_UNPUBLISHED',
        message: expect.stringContaining('Publish 2026-02 first'),
      }),
    ]);
    const february = ok(
      await app.request(PrepareMonthlyStatementDocument, { input: { accountId: account, month: '2026-02-01' } }, { as: 'finance.xinyuan' }),
    ).prepareMonthlyStatement.statement!;
    expect(
      ok(await app.request(PublishMonthlyStatementDocument, { input: { statementId: february.id } }, { as: 'finance.xinyuan' }))
        .publishMonthlyStatement.userErrors,
    ).toEqual([]);

    const published = ok(
      await app.request(PublishMonthlyStatementDocument, { input: { statementId: march } }, { as: 'finance.xinyuan' }),
    ).publishMonthlyStatement;
    expect(published.userErrors).toEqual([]);
    const s = published.statement!;
    expect(s).toMatchObject({
      status: 'PUBLISHED',
      publishedBy: 'finance.xinyuan',
      verified: true,
      late: true,
      closingBalanceFen: 729_000,
    });
    expect(s.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const again = ok(
      await app.request(PublishMonthlyStatementDocument, { input: { statementId: march } }, { as: 'finance.xinyuan' }),
    ).publishMonthlyStatement;
    expect(again.userErrors.map((e) => e.code)).toEqual(['ALREADY_PUBLISHED']);
    const late = ok(
      await app.request(
        RecordIncomeDocument,
        { input: { accountId: account, category: 'FEES', amountFen: 100, occurredOn: '2026-03-31', description: '迟到的收据' } },
        { as: 'secretary.xinyuan' },
      ),
    ).recordIncome;
    expect(late.userErrors).toEqual([expect.objectContaining({ field: ['occurredOn'], code: 'MONTH_PUBLISHED' })]);
    const marchEntry = s.lines[1].entryId;
    const backdated = ok(
      await app.request(
        ReverseLedgerEntryDocument,
        { input: { entryId: marchEntry, occurredOn: '2026-03-20', reason: '误收' } },
        { as: 'secretary.xinyuan' },
      ),
    ).reverseLedgerEntry;
    expect(backdated.userErrors.map((e) => e.code)).toEqual(['MONTH_PUBLISHED']);
    const corrected = ok(
      await app.request(
        ReverseLedgerEntryDocument,
        { input: { entryId: marchEntry, occurredOn: '2026-04-02', reason: '误收，4月冲正' } },
        { as: 'secretary.xinyuan' },
      ),
    ).reverseLedgerEntry;
    expect(corrected.userErrors).toEqual([]);

    const reread = ok(await app.request(StatementByIdDocument, { id: march }, { as: 'finance.xinyuan' })).node!;
    expect(reread).toMatchObject({ contentHash: s.contentHash, closingBalanceFen: 729_000, verified: true, lines: s.lines });
    const april = ok(
      await app.request(PrepareMonthlyStatementDocument, { input: { accountId: account, month: '2026-04-01' } }, { as: 'finance.xinyuan' }),
    ).prepareMonthlyStatement.statement!;
    expect(april).toMatchObject({ openingBalanceFen: 729_000, expenseFen: 9_000, closingBalanceFen: 720_000 });
    expect(april.lines[0]).toMatchObject({ kind: 'REVERSAL', deltaFen: -9_000, reversesEntryId: marchEntry });
  });

  it('cannot be changed in the database once published, and shows as unverified if its content is tampered with', async () => {
    const pk = pkOf(march);
    await expect(sql(app.database, "update monthly_statement set note = 'x' where id = $1", [pk])).rejects.toThrow(/published and frozen/);
    await expect(sql(app.database, 'delete from monthly_statement where id = $1', [pk])).rejects.toThrow(/published and frozen/);
    // Someone with the owner's keys switches the trigger off and edits the frozen content.
    await sql(
      app.database,
      `begin; alter table monthly_statement disable trigger monthly_statement_frozen;
       update monthly_statement set content = jsonb_set(content, '{closingBalanceFen}', '999999') where id = ${pk};
       alter table monthly_statement enable trigger monthly_statement_frozen; commit;`,
    );
    const tampered = ok(await app.request(StatementByIdDocument, { id: march }, { as: 'finance.xinyuan' })).node!;
    expect(tampered).toMatchObject({
      verified: false,
      closingBalanceFen: 999_999,
      verification: { verified: false, hashMatches: false, contentMatchesLedger: false, openingMatchesPrevious: true },
    });
    const page = await fetch(app.url.replace('/graphql', `/statements/${march}`), {
      headers: { authorization: `Bearer ${await app.tokenFor('resident.xinyuan')}` },
    });
    expect(await page.text()).toContain('与发布时的校验值不符');
  });

  it('is read by residents of the compound once published, not by residents elsewhere', async () => {
    const home = ok(await app.request(HomeStatementsDocument, { householdId: await residentHome() }, { as: 'resident.xinyuan' })).node!;
    if (!('compound' in home)) throw new Error('expected a household');
    expect(home.compound.monthlyStatements.nodes.map((s) => [s.month, s.status])).toEqual([
      ['2026-03-01', 'PUBLISHED'],
      ['2026-02-01', 'PUBLISHED'],
    ]);
    expect(ok(await app.request(StatementByIdDocument, { id: march }, { as: 'member.xinyuan' })).node).toMatchObject({
      month: '2026-03-01',
    });
    expect(codes(await app.request(StatementByIdDocument, { id: march }, { as: 'district.xiaodian' }))).toEqual(['FORBIDDEN']);
    expect(ok(await app.request(StatementByIdDocument, { id: march }, { as: 'resident.zhenxing' })).node).toBeNull();
    // The finance group sees drafts too.
    const all = ok(await app.request(CompoundStatementsDocument, { id: cast.compound }, { as: 'finance.xinyuan' })).node!;
    expect('monthlyStatements' in all && all.monthlyStatements.totalCount).toBe(4);
  });

  it("prints for the notice board, in Chinese, with the caller's own rights", async () => {
    const yifen = await idByName(app.database, 'compound', DEMO.yifen, 'Compound');
    const list = ok(await app.request(CompoundStatementsDocument, { id: yifen }, { as: 'admin.yongkangbeilu' })).node!;
    if (!('monthlyStatements' in list)) throw new Error('expected a compound');
    const published = list.monthlyStatements.nodes.filter((s) => s.status === 'PUBLISHED');
    expect(published).toHaveLength(9);
    expect(published.every((s) => s.verified && !s.late)).toBe(true);
    const draft = list.monthlyStatements.nodes.find((s) => s.status === 'DRAFT')!;
    expect(draft).toMatchObject({ month: '2026-10-01', late: true });
    const january = published[0];
    const url = app.url.replace('/graphql', january.documentPath);
    const page = await fetch(url, { headers: { authorization: `Bearer ${await app.tokenFor('admin.yongkangbeilu')}` } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('漪汾仙庄 2026年1月 三方共管账户收支公示');
    expect(html).toContain('购买扫帚、簸箕等保洁用品');
    expect(html).toContain('¥128.00');
    expect(html).toContain('公示日期：2026-02-05');
    expect(html).toContain(january.contentHash!);
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${await app.tokenFor('admin.zhenxing')}` } })).status).toBe(404);
    expect(
      (
        await fetch(app.url.replace('/graphql', draft.documentPath), {
          headers: { authorization: `Bearer ${await app.tokenFor('resident.xinyuan')}` },
        })
      ).status,
    ).toBe(403);
  });
});
