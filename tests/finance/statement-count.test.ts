import {
  CommunityMoneyDocument,
  CompoundStatementsDocument,
  DiscussExpenditureDocument,
  PrepareMonthlyStatementDocument,
  ProposeExpenditureDocument,
  PublishMonthlyStatementDocument,
  RecordIncomeDocument,
} from '../generated/graphql';
import { DEMO, idByName } from '../support/demo';
import { openXinyuanAccount, xinyuanCast, type Xinyuan } from '../support/finance';
import { ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * No N+1 in the money reads: a community's accounts with their balances, custodians, proposals,
 * steps, payments and statements cost the same number of statements with one account as with two;
 * verifying a year of published statements against the ledger costs what verifying one does.
 */
describe('SQL statements of the money reads', () => {
  let app: TestApp;
  let cast: Xinyuan;
  let account: string;
  beforeAll(async () => {
    app = await startTestApp();
    cast = await xinyuanCast(app);
  });
  afterAll(() => app.close());

  it('do not grow with the number of accounts, proposals or statements', async () => {
    const community = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
    const read = async () => {
      const res = await app.request(CommunityMoneyDocument, { id: community }, { as: 'admin.yongkangbeilu' });
      ok(res);
      return res.extensions!.sqlStatements!;
    };
    const oneAccount = await read();
    account = await openXinyuanAccount(app, cast, '2025-01-01');
    ok(
      await app.request(
        RecordIncomeDocument,
        { input: { accountId: account, category: 'FEES', amountFen: 50_000, occurredOn: '2026-02-01', description: '物业费' } },
        { as: 'secretary.xinyuan' },
      ),
    );
    for (let i = 0; i < 3; i++) {
      const p = ok(
        await app.request(
          ProposeExpenditureDocument,
          { input: { accountId: account, purpose: `维修${i}`, amountFen: 60_000, payee: '电工班', category: 'REPAIR' } },
          { as: 'secretary.xinyuan' },
        ),
      ).proposeExpenditure.proposal!;
      ok(await app.request(DiscussExpenditureDocument, { input: { proposalId: p.id } }, { as: 'committee.xinyuan' }));
    }
    const twoAccounts = await read();
    expect(twoAccounts).toBe(oneAccount);
    // begin_request, community, compounds, accounts, balances, custodians, persons, proposals,
    // transitions, payments, statements, and the three that recompute every statement from the
    // ledger at once (the drafts' content, the published ones' verification).
    expect(oneAccount).toBeLessThanOrEqual(16);
  });

  it('verify a year of published statements against the ledger in as many statements as one', async () => {
    const publish = async (month: string, fees: number) => {
      ok(
        await app.request(
          RecordIncomeDocument,
          { input: { accountId: account, category: 'FEES', amountFen: fees, occurredOn: `${month.slice(0, 8)}06`, description: '物业费' } },
          { as: 'secretary.xinyuan' },
        ),
      );
      const draft = ok(
        await app.request(PrepareMonthlyStatementDocument, { input: { accountId: account, month } }, { as: 'finance.xinyuan' }),
      ).prepareMonthlyStatement.statement!;
      expect(
        ok(await app.request(PublishMonthlyStatementDocument, { input: { statementId: draft.id } }, { as: 'finance.xinyuan' }))
          .publishMonthlyStatement.userErrors,
      ).toEqual([]);
    };
    const read = async (count: number) => {
      const res = await app.request(CompoundStatementsDocument, { id: cast.compound }, { as: 'finance.xinyuan' });
      const node = ok(res).node!;
      if (!('monthlyStatements' in node)) throw new Error('expected a compound');
      expect(node.monthlyStatements.nodes).toHaveLength(count);
      expect(
        node.monthlyStatements.nodes.every(
          (s) => s.verified && s.verification?.verified && s.verification.contentMatchesLedger && s.verification.openingMatchesPrevious,
        ),
      ).toBe(true);
      return res.extensions!.sqlStatements!;
    };
    await publish('2025-01-01', 10_000);
    const one = await read(1);
    for (let m = 2; m <= 12; m++) await publish(`2025-${String(m).padStart(2, '0')}-01`, 10_000 + m);
    const twelve = await read(12);
    expect(twelve).toBe(one);
  });
});
