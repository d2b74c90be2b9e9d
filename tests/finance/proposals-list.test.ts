import {
  OpenCoManagedAccountDocument,
  ProposeExpenditureDocument,
  RecordIncomeDocument,
  RejectExpenditureDocument,
  WithdrawExpenditureDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { openXinyuanAccount, xinyuanCast } from '../support/finance';
import { codes, gid, ok, pkOf, startTestApp, type TestApp } from '../support/test-app';

/*
 * expenditureProposals: a dashboard's one list of the proposals on every account its caller reads.
 * It holds exactly what node(id:) would show that caller — Xinyuan's branch secretary sees Xinyuan's
 * account and not the pooled account of another branch; the community admin sees both; another
 * community's admin sees none — refuses callers who read no account anywhere, filters by state, and
 * costs the same statements however many rows it holds.
 */
const LIST = `query Proposals($status: [ProposalStatus!], $last: Int) {
  expenditureProposals(status: $status, last: $last) {
    totalCount
    nodes { id status purpose account { name } permissions { canWithdraw canResolve } }
  }
}`;

interface ListData {
  expenditureProposals: {
    totalCount: number;
    nodes: Array<{ id: string; status: string; purpose: string; account: { name: string }; permissions: Record<string, boolean> }>;
  };
}

describe('the list of expenditure proposals', () => {
  let app: TestApp;
  let xinyuan: string[];
  let pooled: string;

  async function propose(account: string, purpose: string, as: string): Promise<string> {
    const res = ok(
      await app.request(
        ProposeExpenditureDocument,
        { input: { accountId: account, purpose, amountFen: 30_000, payee: '电工班', category: 'REPAIR' } },
        { as },
      ),
    ).proposeExpenditure;
    expect(res.userErrors).toEqual([]);
    return res.proposal!.id;
  }

  async function list(as: string | null, variables: { status?: string[]; last?: number } = {}) {
    return app.request<ListData, typeof variables>(LIST, variables, { as });
  }

  const ids = async (as: string, variables: { status?: string[] } = {}) =>
    ok(await list(as, variables)).expenditureProposals.nodes.map((n) => n.id);

  beforeAll(async () => {
    app = await startTestApp();
    const cast = await xinyuanCast(app);
    const account = await openXinyuanAccount(app, cast, '2026-01-01');
    xinyuan = [await propose(account, '更换楼道灯泡', 'secretary.xinyuan'), await propose(account, '修补围墙', 'secretary.xinyuan')];
    const withdrawn = ok(
      await app.request(WithdrawExpenditureDocument, { input: { proposalId: xinyuan[1] } }, { as: 'secretary.xinyuan' }),
    ).withdrawExpenditure;
    expect(withdrawn.userErrors).toEqual([]);

    // An account pooled by the Yongkang joint branch (not Xinyuan's branch), custodians from its compounds.
    const branch = await idByName(app.database, 'compound_branch', DEMO.jointYongkang, 'CompoundBranch');
    const [b] = await sql<{ id: number; secretary: number }>(
      app.database,
      'select id, secretary_id as secretary from compound_branch where name = $1',
      [DEMO.jointYongkang],
    );
    const people = await sql<{ person: number }>(
      app.database,
      `select distinct on (h.compound_id) p.id as person from person p join household h on h.id = p.household_id
         join compound c on c.id = h.compound_id where c.branch_id = $1 and p.id <> $2 order by h.compound_id, p.id limit 2`,
      [b.id, b.secretary],
    );
    const opened = ok(
      await app.request(
        OpenCoManagedAccountDocument,
        {
          input: {
            branchId: branch,
            openedOn: '2026-02-01',
            custodians: [
              { seat: 'BRANCH_SECRETARY', personId: gid('Person', b.secretary) },
              { seat: 'COMMITTEE_MEMBER', personId: gid('Person', people[0].person) },
              { seat: 'OWNER_REPRESENTATIVE', personId: gid('Person', people[1].person) },
            ],
          },
        },
        { as: 'admin.yongkangbeilu' },
      ),
    ).openCoManagedAccount;
    expect(opened.userErrors).toEqual([]);
    pooled = await propose(opened.account!.id, '联合支部路灯', 'admin.yongkangbeilu');
  });
  afterAll(() => app.close());

  /** The proposals of a community, by the database: the demo's and this test's. */
  async function ofCommunity(name: string): Promise<string[]> {
    const rows = await sql<{ id: number }>(
      app.database,
      'select p.id from expenditure_proposal p join community c on c.id = p.community_id where c.name = $1 order by p.id',
      [name],
    );
    return rows.map((r) => gid('ExpenditureProposal', r.id));
  }

  it('shows each reader the proposals of the accounts they read, and no others', async () => {
    const bySecretary = ok(await list('secretary.xinyuan')).expenditureProposals;
    expect(bySecretary.totalCount).toBe(2);
    expect(bySecretary.nodes.map((n) => n.id)).toEqual(xinyuan);
    expect(bySecretary.nodes[0]).toMatchObject({
      status: 'PROPOSED',
      purpose: '更换楼道灯泡',
      permissions: { canWithdraw: true, canResolve: false },
    });
    expect(await ids('committee.xinyuan')).toEqual(xinyuan);

    // The community's admin: every account of the community (the demo's proposals elsewhere in it too).
    const yongkang = await ofCommunity(DEMO.yongkang);
    expect(yongkang).toEqual(expect.arrayContaining([...xinyuan, pooled]));
    expect(await ids('admin.yongkangbeilu')).toEqual(yongkang);

    // Another community's admin reads accounts, none of these; the platform reads all.
    const zhenxing = await ofCommunity(DEMO.zhenxing);
    expect(zhenxing.length).toBeGreaterThan(0); // the demo's 都市花园 account
    const byOther = ok(await list('admin.zhenxing')).expenditureProposals;
    expect(byOther.totalCount).toBe(zhenxing.length);
    expect(byOther.nodes.map((n) => n.id)).toEqual(zhenxing);
    expect(zhenxing).not.toEqual(expect.arrayContaining([xinyuan[0]]));
    const all = ok(await list('platform.admin')).expenditureProposals;
    expect(all.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([...yongkang, ...zhenxing]));

    // Each row is one node(id:) would show the same caller, and nothing node(id:) would refuse is listed.
    for (const id of yongkang) {
      const seen = await app.request(`query($id: ID!) { node(id: $id) { id } }`, { id }, { as: 'secretary.xinyuan' });
      if (xinyuan.includes(id)) expect(ok(seen)).toEqual({ node: { id } });
      else expect([id, codes(seen)]).toEqual([id, ['FORBIDDEN']]);
    }
  });

  it('filters by state, newest last', async () => {
    expect(await ids('secretary.xinyuan', { status: ['PROPOSED', 'DISCUSSED', 'REVIEWED', 'RESOLVED'] })).toEqual([xinyuan[0]]);
    const withdrawn = ok(await list('secretary.xinyuan', { status: ['WITHDRAWN', 'WITHDRAWN'] })).expenditureProposals;
    expect(withdrawn.totalCount).toBe(1);
    expect(withdrawn.nodes.map((n) => [n.id, n.status])).toEqual([[xinyuan[1], 'WITHDRAWN']]);
    expect(await ids('secretary.xinyuan', { status: ['PAID'] })).toEqual([]);
    expect(await ids('secretary.xinyuan', { status: [] })).toEqual([]);
    expect(ok(await list('admin.yongkangbeilu', { last: 1 })).expenditureProposals.nodes.map((n) => n.id)).toEqual([pooled]);
    const paid = ok(await list('admin.yongkangbeilu', { status: ['PAID'] })).expenditureProposals.nodes;
    expect(paid.every((n) => n.status === 'PAID')).toBe(true);
  });

  it('refuses callers who read no account anywhere', async () => {
    for (const login of ['resident.xinyuan', 'grid.xinyuan', 'leader.xinyuan', 'district.xiaodian', 'street.xiaodian']) {
      const res = await list(login);
      expect([login, codes(res)]).toEqual([login, ['FORBIDDEN']]);
      expect(res.data ?? null).toBeNull();
    }
    expect(codes(await list(null))).toEqual(['UNAUTHENTICATED']);
  });

  it('names in a refusal the capability its rule looked for, and nothing about the object', async () => {
    // Named only for a caller who holds the capability nowhere: whether it is named depends on the
    // caller alone. Xinyuan's secretary reads accounts, not the other branch's: a bare refusal.
    const elsewhere = (await app.request(`query($id: ID!) { node(id: $id) { id } }`, { id: pooled }, { as: 'secretary.xinyuan' }))
      .errors![0];
    expect(elsewhere).toMatchObject({ message: 'You may not do this here', extensions: { code: 'FORBIDDEN' } });
    expect(elsewhere.extensions).not.toHaveProperty('capability');
    const listed = (await list('resident.xinyuan')).errors![0];
    expect(listed.extensions).toMatchObject({ code: 'FORBIDDEN', capability: 'READ_ACCOUNTS' });
    expect(listed.message).toBe('You may not do this here: it needs READ_ACCOUNTS');
    const read = (await app.request(`query($id: ID!) { node(id: $id) { id } }`, { id: xinyuan[0] }, { as: 'grid.xinyuan' })).errors![0];
    expect(read.extensions).toMatchObject({ code: 'FORBIDDEN', capability: 'READ_ACCOUNTS' });
    const [account] = await sql<{ id: number }>(app.database, 'select account_id as id from expenditure_proposal where id = $1', [
      pkOf(xinyuan[0]),
    ]);
    const income = await app.request(
      RecordIncomeDocument,
      {
        input: {
          accountId: gid('CoManagedAccount', account.id),
          category: 'FEES',
          amountFen: 100,
          occurredOn: '2026-02-05',
          description: '物业费',
        },
      },
      { as: 'owner.xinyuan' },
    );
    expect(income.errors![0].extensions).toMatchObject({ code: 'FORBIDDEN', capability: 'MANAGE_ACCOUNTS' });
    // A step's capability depends on where the proposal stands: naming it would tell a caller who may
    // not read the proposal its state. Refused without one.
    const reject = await app.request(
      RejectExpenditureDocument,
      { input: { proposalId: xinyuan[0], comment: '不同意' } },
      { as: 'resident.xinyuan' },
    );
    expect(reject.errors![0].extensions.code).toBe('FORBIDDEN');
    expect(reject.errors![0].extensions).not.toHaveProperty('capability');
    expect(reject.errors![0].message).toBe('You may not do this here');
    // Chinese: the capability by its Chinese label.
    const zh = await app.request(LIST, {}, { as: 'resident.xinyuan', headers: { 'accept-language': 'zh' } });
    expect(zh.errors![0]).toMatchObject({
      message: '您无权在此执行该操作：需要“查看共管账户”权限。',
      extensions: { code: 'FORBIDDEN', capability: 'READ_ACCOUNTS' },
    });
  });

  it('costs the same statements however many proposals it lists', async () => {
    const statements = async () => {
      const res = await list('admin.yongkangbeilu');
      ok(res);
      return res.extensions!.sqlStatements!;
    };
    const before = await statements();
    const count = (await ofCommunity(DEMO.yongkang)).length;
    const [account] = await sql<{ id: number }>(app.database, 'select account_id as id from expenditure_proposal order by id limit 1');
    await propose(gid('CoManagedAccount', account.id), '清理化粪池', 'admin.yongkangbeilu');
    await propose(gid('CoManagedAccount', account.id), '修理单元门', 'admin.yongkangbeilu');
    expect(ok(await list('admin.yongkangbeilu')).expenditureProposals.totalCount).toBe(count + 2);
    expect(await statements()).toBe(before);
  });
});
