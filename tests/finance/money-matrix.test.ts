import {
  CreateApiKeyDocument,
  PayExpenditureDocument,
  PrepareMonthlyStatementDocument,
  ProposeExpenditureDocument,
  PublishMonthlyStatementDocument,
  RecordIncomeDocument,
  ResolveExpenditureDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { openXinyuanAccount, xinyuanCast } from '../support/finance';
import { gid, ok, pkOf, startTestApp, type GraphQLResponse, type RequestOptions, type TestApp } from '../support/test-app';

/*
 * The permission matrix of the money capabilities: every role (one demo principal each) × one
 * operation per capability × an account in the caller's own compound (馨园), in a sibling compound
 * of the same community (漪汾仙庄) and in another district (振兴社区's 都市花园). Written by hand from
 * docs/permissions.md; each cell runs through the real server.
 *
 * Y done / returned · F FORBIDDEN · N not found (null from node(id:), NOT_FOUND from a mutation) ·
 * M refused for want of a personal mandate (the user error NO_MANDATE)
 */

const TARGETS = ['own', 'sibling', 'faraway'] as const;
type TargetName = (typeof TARGETS)[number];

const OPS = [
  'account', // node(CoManagedAccount) { balanceFen }: READ_ACCOUNTS
  'draft', // node(MonthlyStatement), a draft: READ_ACCOUNTS
  'published', // node(MonthlyStatement), published: READ_DISCLOSURES, also from inside the compound
  'income', // recordIncome: MANAGE_ACCOUNTS
  'propose', // proposeExpenditure: PROPOSE_SPENDING
  'prepare', // prepareMonthlyStatement: PREPARE_STATEMENTS
  'arrears', // Compound.arrears: READ_ARREARS
  'resolve', // resolveExpenditure: RESOLVE_SPENDING, and a personal mandate (a committee or custodian seat)
  'pay', // payExpenditure: PAY_SPENDING, and a personal mandate (a custodian seat)
] as const;
type Op = (typeof OPS)[number];

//                 account draft published income propose prepare arrears resolve pay   (own, sibling, faraway)
//
// resolve and pay need the role's capability and, since issue 8, a personal mandate: M is the
// refusal NO_MANDATE (a user error, nothing written). The platform and community admins hold both
// capabilities (they grant those roles) but no seat, so they no longer resolve or pay (were Y);
// the secretary pays from the account's branch seat; the committee member and the owners'
// representative of Xinyuan resolve and pay from their custodian seats. The matrix's proposals have
// no proposer, so only role and mandate decide here (the proposer rules: tests/finance/mandates).
const NOTHING = 'FFFFFFFFF';
const EXPECTED: Record<string, Record<TargetName, string>> = {
  'platform.admin': { own: 'YYYYYYYMM', sibling: 'YYYYYYYMM', faraway: 'YYYYYYYMM' },
  'district.xiaodian': { own: NOTHING, sibling: NOTHING, faraway: 'NNNNNNNNN' },
  'street.xiaodian': { own: NOTHING, sibling: NOTHING, faraway: 'NNNNNNNNN' },
  'admin.yongkangbeilu': { own: 'YYYYYYYMM', sibling: 'YYYYYYYMM', faraway: 'NNNNNNNNN' },
  'admin.zhenxing': { own: 'NNNNNNNNN', sibling: 'NNNNNNNNN', faraway: 'YYYYYYYMM' },
  'secretary.xinyuan': { own: 'YYYYYFYFY', sibling: NOTHING, faraway: 'NNNNNNNNN' },
  'leader.xinyuan': { own: NOTHING, sibling: NOTHING, faraway: 'NNNNNNNNN' },
  'member.xinyuan': { own: 'FFYFFFFFF', sibling: NOTHING, faraway: 'NNNNNNNNN' },
  'grid.xinyuan': { own: 'FFYFFFFFF', sibling: NOTHING, faraway: 'NNNNNNNNN' },
  'finance.xinyuan': { own: 'YYYFFYFFF', sibling: NOTHING, faraway: 'NNNNNNNNN' },
  'committee.xinyuan': { own: 'YYYFFFYYY', sibling: NOTHING, faraway: 'NNNNNNNNN' },
  'owner.xinyuan': { own: 'YYYFFFFYY', sibling: NOTHING, faraway: 'NNNNNNNNN' },
  'resident.xinyuan': { own: 'FFYFFFFFF', sibling: NOTHING, faraway: 'NNNNNNNNN' },
  'sync.yongkangbeilu': { own: NOTHING, sibling: NOTHING, faraway: 'NNNNNNNNN' },
};

interface Target {
  compound: string;
  account: string;
  draft: string;
  published: string;
}

describe('the money permission matrix', () => {
  let app: TestApp;
  let serviceKey = '';
  const targets = {} as Record<TargetName, Target>;

  beforeAll(async () => {
    app = await startTestApp();
    const cast = await xinyuanCast(app);
    const account = await openXinyuanAccount(app, cast, '2026-02-01');
    ok(
      await app.request(
        RecordIncomeDocument,
        { input: { accountId: account, category: 'FEES', amountFen: 50_000, occurredOn: '2026-02-05', description: '2月物业费' } },
        { as: 'secretary.xinyuan' },
      ),
    );
    const feb = ok(
      await app.request(PrepareMonthlyStatementDocument, { input: { accountId: account, month: '2026-02-01' } }, { as: 'finance.xinyuan' }),
    ).prepareMonthlyStatement.statement!;
    ok(await app.request(PublishMonthlyStatementDocument, { input: { statementId: feb.id } }, { as: 'finance.xinyuan' }));
    const march = ok(
      await app.request(PrepareMonthlyStatementDocument, { input: { accountId: account, month: '2026-03-01' } }, { as: 'finance.xinyuan' }),
    ).prepareMonthlyStatement.statement!;
    targets.own = { compound: cast.compound, account, draft: march.id, published: feb.id };
    for (const [name, compound] of [
      ['sibling', '漪汾仙庄'],
      ['faraway', '都市花园'],
    ] as const) {
      const [row] = await sql<{ compound: number; account: number; draft: number; published: number }>(
        app.database,
        `select a.compound_id as compound, a.id as account,
                (select min(id) from monthly_statement s where s.account_id = a.id and s.published_at is null) as draft,
                (select min(id) from monthly_statement s where s.account_id = a.id and s.published_at is not null) as published
           from co_managed_account a join compound c on c.id = a.compound_id where c.name = $1`,
        [compound],
      );
      targets[name] = {
        compound: gid('Compound', row.compound),
        account: gid('CoManagedAccount', row.account),
        draft: gid('MonthlyStatement', row.draft),
        published: gid('MonthlyStatement', row.published),
      };
    }
    const [sync] = await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'");
    serviceKey = ok(
      await app.request(CreateApiKeyDocument, { input: { serviceAccountId: gid('ServiceAccount', sync.id), label: 'matrix' } }),
    ).createApiKey.secret!;
  });
  afterAll(() => app.close());

  function auth(principal: string): RequestOptions {
    return principal === 'sync.yongkangbeilu' ? { as: null, headers: { authorization: `Bearer ${serviceKey}` } } : { as: principal };
  }

  /** A fresh small proposal of the target's account, waiting for resolution or payment, with no proposer on record. */
  async function proposal(target: Target, status: 'PROPOSED' | 'RESOLVED'): Promise<string> {
    const [row] = await sql<{ id: number }>(
      app.database,
      `insert into expenditure_proposal (account_id, community_id, purpose, amount_fen, payee, category, status, spending_path, quorum_required, simplified_below_fen, version)
       select id, community_id, '矩阵测试', 100, '某商店', 'SUPPLIES', $2, 'SIMPLIFIED', false, 50000, 1 from co_managed_account where id = $1 returning id`,
      [pkOf(target.account), status],
    );
    return gid('ExpenditureProposal', row.id);
  }

  /** Runs one cell and reduces the answer to a letter. */
  async function cell(principal: string, op: Op, target: Target): Promise<string> {
    const today = new Date().toISOString().slice(0, 10);
    let res: GraphQLResponse<Record<string, unknown>>;
    switch (op) {
      case 'account':
        res = await app.request(
          `query($id: ID!) { node(id: $id) { ... on CoManagedAccount { balanceFen } } }`,
          { id: target.account },
          auth(principal),
        );
        break;
      case 'draft':
      case 'published':
        res = await app.request(
          `query($id: ID!) { node(id: $id) { ... on MonthlyStatement { status closingBalanceFen } } }`,
          { id: target[op] },
          auth(principal),
        );
        break;
      case 'income':
        res = await app.request(
          RecordIncomeDocument,
          { input: { accountId: target.account, category: 'FEES', amountFen: 1, occurredOn: today, description: '矩阵测试' } },
          auth(principal),
        );
        break;
      case 'propose':
        res = await app.request(
          ProposeExpenditureDocument,
          { input: { accountId: target.account, purpose: '矩阵测试', amountFen: 100, payee: '某商店', category: 'SUPPLIES' } },
          auth(principal),
        );
        break;
      case 'prepare':
        res = await app.request(PrepareMonthlyStatementDocument, { input: { accountId: target.account, month: today } }, auth(principal));
        break;
      case 'arrears':
        res = await app.request(
          `query($id: ID!) { node(id: $id) { ... on Compound { arrears(period: "2026-06-01", first: 5) { totalCount } } } }`,
          { id: target.compound },
          auth(principal),
        );
        break;
      case 'resolve':
        res = await app.request(ResolveExpenditureDocument, { input: { proposalId: await proposal(target, 'PROPOSED') } }, auth(principal));
        break;
      case 'pay':
        res = await app.request(PayExpenditureDocument, { input: { proposalId: await proposal(target, 'RESOLVED') } }, auth(principal));
        break;
    }
    const code = res.errors?.[0]?.extensions.code;
    if (code === 'FORBIDDEN') return 'F';
    if (code === 'NOT_FOUND') return 'N';
    if (code) return `?${code}`;
    const value = Object.values(res.data ?? {})[0] as { userErrors?: Array<{ code: string }> } | null;
    if (value === null) return 'N';
    if (value.userErrors?.length === 1 && value.userErrors[0].code === 'NO_MANDATE') return 'M';
    if (value.userErrors?.length) return `?${JSON.stringify(value.userErrors)}`;
    return 'Y';
  }

  it.each(Object.keys(EXPECTED))('%s', async (principal) => {
    const got: Record<string, string> = {};
    const want: Record<string, string> = {};
    for (const target of TARGETS) {
      const letters: string[] = [];
      for (const op of OPS) letters.push(await cell(principal, op, targets[target]));
      got[target] = letters.join('');
      want[target] = EXPECTED[principal][target];
    }
    expect(got).toEqual(want);
  });
});
