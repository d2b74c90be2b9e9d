import {
  PayExpenditureDocument,
  ProposeExpenditureDocument,
  RecordIncomeDocument,
  ResolveExpenditureDocument,
  DiscussExpenditureDocument,
  RejectExpenditureDocument,
} from '../generated/graphql';
import { openXinyuanAccount, xinyuanCast, type Xinyuan } from '../support/finance';
import { ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * Per-object permissions: a proposal, an account and a statement say what the caller may do with
 * them now, by the rules their mutations apply, including the per-object ones (not the proposer,
 * a seat). Every answer here is held against what the mutation then does, in both directions, and
 * a list's permissions cost the same statements whatever its length.
 */
const PROPOSAL = `query Proposal($id: ID!) {
  node(id: $id) { ... on ExpenditureProposal { status permissions { canDiscuss canReview canResolve canReject canWithdraw canPay } } }
}`;
const ACCOUNT = `query Account($id: ID!) {
  node(id: $id) { ... on CoManagedAccount { permissions { canProposeExpenditure canRecordIncome canReplaceCustodian canPrepareStatement }
    proposals(first: 100) { nodes { id permissions { canResolve canPay canReject canWithdraw } } } } }
}`;

type Permissions = Record<string, boolean>;

describe('per-object permissions', () => {
  let app: TestApp;
  let cast: Xinyuan;
  let account: string;

  beforeAll(async () => {
    app = await startTestApp();
    cast = await xinyuanCast(app);
    account = await openXinyuanAccount(app, cast, '2026-01-01');
    ok(
      await app.request(
        RecordIncomeDocument,
        { input: { accountId: account, category: 'FEES', amountFen: 5_000_000, occurredOn: '2026-02-05', description: '物业费' } },
        { as: 'secretary.xinyuan' },
      ),
    );
  });
  afterAll(() => app.close());

  async function propose(amountFen: number): Promise<string> {
    const res = ok(
      await app.request(
        ProposeExpenditureDocument,
        { input: { accountId: account, purpose: '更换楼道灯泡', amountFen, payee: '馨园电工班', category: 'REPAIR' } },
        { as: 'secretary.xinyuan' },
      ),
    ).proposeExpenditure;
    expect(res.userErrors).toEqual([]);
    return res.proposal!.id;
  }

  async function permissionsOf(id: string, as: string): Promise<Permissions> {
    const res = ok(await app.request<{ node: { permissions: Permissions } }, { id: string }>(PROPOSAL, { id }, { as }));
    return res.node.permissions;
  }

  it('a proposal tells each caller which steps are theirs, and the mutations agree', async () => {
    const p = await propose(30_000); // below the simplified threshold: proposal → resolution

    // The proposer may withdraw it, not resolve it (the same person), nor reject it (the branch
    // secretary's role lacks the resolution the proposal waits for); the full path's steps do not apply.
    expect(await permissionsOf(p, 'secretary.xinyuan')).toEqual({
      canDiscuss: false,
      canReview: false,
      canResolve: false,
      canReject: false,
      canWithdraw: true,
      canPay: false,
    });
    const reject = await app.request(
      RejectExpenditureDocument,
      { input: { proposalId: p, comment: '不同意' } },
      { as: 'secretary.xinyuan' },
    );
    expect(reject.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bySecretary = await app.request(
      ResolveExpenditureDocument,
      { input: { proposalId: p, comment: '同意' } },
      { as: 'secretary.xinyuan' },
    );
    expect(bySecretary.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const discuss = ok(
      await app.request(DiscussExpenditureDocument, { input: { proposalId: p } }, { as: 'secretary.xinyuan' }),
    ).discussExpenditure;
    expect(discuss.userErrors.map((e) => e.code)).toEqual(['INVALID_TRANSITION']);

    // A resident does not read the account's proposals at all, and may not act on them.
    const seen = await app.request(PROPOSAL, { id: p }, { as: 'resident.xinyuan' });
    expect(seen.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const byResident = await app.request(
      ResolveExpenditureDocument,
      { input: { proposalId: p, comment: '同意' } },
      { as: 'resident.xinyuan' },
    );
    expect(byResident.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // The owners' representative holds the seat: may resolve, not yet pay; and resolving succeeds.
    expect(await permissionsOf(p, 'owner.xinyuan')).toMatchObject({ canResolve: true, canPay: false, canReject: true, canWithdraw: false });
    const resolved = ok(
      await app.request(ResolveExpenditureDocument, { input: { proposalId: p, comment: '楼院长会议同意' } }, { as: 'owner.xinyuan' }),
    ).resolveExpenditure;
    expect(resolved.userErrors).toEqual([]);

    // Resolved: custodians other than the proposer may pay; the proposer still may not.
    expect(await permissionsOf(p, 'committee.xinyuan')).toMatchObject({ canResolve: false, canPay: true });
    expect(await permissionsOf(p, 'secretary.xinyuan')).toMatchObject({ canPay: false });
    const paidBySecretary = ok(
      await app.request(PayExpenditureDocument, { input: { proposalId: p } }, { as: 'secretary.xinyuan' }),
    ).payExpenditure;
    expect(paidBySecretary.userErrors.map((e) => e.code)).toEqual(['SAME_PERSON']);
    const paid = ok(await app.request(PayExpenditureDocument, { input: { proposalId: p } }, { as: 'committee.xinyuan' })).payExpenditure;
    expect(paid.userErrors).toEqual([]);

    // Paid: nothing is left to do, for anyone.
    for (const login of ['secretary.xinyuan', 'owner.xinyuan', 'committee.xinyuan', 'admin.yongkangbeilu']) {
      expect(Object.values(await permissionsOf(p, login)).some(Boolean)).toBe(false);
    }
  });

  it('a caller whose role holds every step is still not the one to resolve their own proposal', async () => {
    const res = ok(
      await app.request(
        ProposeExpenditureDocument,
        { input: { accountId: account, purpose: '修补屋面', amountFen: 20_000, payee: '防水队', category: 'REPAIR' } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).proposeExpenditure;
    const p = res.proposal!.id;
    expect(await permissionsOf(p, 'admin.yongkangbeilu')).toMatchObject({ canResolve: false, canReject: true, canWithdraw: true });
    const own = ok(
      await app.request(ResolveExpenditureDocument, { input: { proposalId: p, comment: '同意' } }, { as: 'admin.yongkangbeilu' }),
    ).resolveExpenditure;
    expect(own.userErrors.map((e) => e.code)).toEqual(['SAME_PERSON']);
    const rejected = ok(
      await app.request(RejectExpenditureDocument, { input: { proposalId: p, comment: '重复' } }, { as: 'admin.yongkangbeilu' }),
    ).rejectExpenditure;
    expect(rejected.userErrors).toEqual([]);
  });

  it('an account tells its managers from its readers', async () => {
    const read = async (as: string) =>
      ok(await app.request<{ node: { permissions: Permissions } }, { id: string }>(ACCOUNT, { id: account }, { as })).node.permissions;
    // Statements are prepared by the finance supervisor, not the branch.
    expect(await read('secretary.xinyuan')).toEqual({
      canProposeExpenditure: true,
      canRecordIncome: true,
      canReplaceCustodian: true,
      canPrepareStatement: false,
    });
    const owner = await read('owner.xinyuan');
    expect(owner.canRecordIncome).toBe(false);
    const income = await app.request(
      RecordIncomeDocument,
      { input: { accountId: account, category: 'FEES', amountFen: 100, occurredOn: '2026-02-06', description: '物业费' } },
      { as: 'owner.xinyuan' },
    );
    expect(income.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a list of proposals costs the same statements for its permissions whatever its length', async () => {
    const statements = async () => {
      const res = await app.request(ACCOUNT, { id: account }, { as: 'owner.xinyuan' });
      ok(res);
      return {
        count: res.extensions!.sqlStatements!,
        proposals: (res.data as { node: { proposals: { nodes: unknown[] } } }).node.proposals.nodes.length,
      };
    };
    await propose(30_000);
    const few = await statements();
    for (let i = 0; i < 8; i++) await propose(30_000 + i);
    const many = await statements();
    expect(many.proposals).toBeGreaterThan(few.proposals + 7);
    expect(many.count).toBe(few.count);
  });
});
