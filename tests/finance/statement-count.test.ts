import { CommunityMoneyDocument, DiscussExpenditureDocument, ProposeExpenditureDocument, RecordIncomeDocument } from '../generated/graphql';
import { DEMO, idByName } from '../support/demo';
import { openXinyuanAccount, xinyuanCast } from '../support/finance';
import { ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * No N+1 in the money reads: a community's accounts with their balances, custodians, proposals,
 * steps, payments and statements cost the same number of statements with one account as with two.
 */
describe('SQL statements of the money reads', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
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
    const cast = await xinyuanCast(app);
    const account = await openXinyuanAccount(app, cast);
    ok(await app.request(RecordIncomeDocument, { input: { accountId: account, category: 'FEES', amountFen: 50_000, occurredOn: '2026-02-01', description: '物业费' } }, { as: 'secretary.xinyuan' }));
    for (let i = 0; i < 3; i++) {
      const p = ok(await app.request(ProposeExpenditureDocument, { input: { accountId: account, purpose: `维修${i}`, amountFen: 60_000, payee: '电工班', category: 'REPAIR' } }, { as: 'secretary.xinyuan' })).proposeExpenditure.proposal!;
      ok(await app.request(DiscussExpenditureDocument, { input: { proposalId: p.id } }, { as: 'committee.xinyuan' }));
    }
    const twoAccounts = await read();
    expect(twoAccounts).toBe(oneAccount);
    // begin_request, community, compounds, accounts, balances, custodians, persons, proposals,
    // transitions, payments, statements, and the one draft's three statements.
    expect(oneAccount).toBeLessThanOrEqual(16);
  });
});
