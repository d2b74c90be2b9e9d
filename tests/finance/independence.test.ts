import {
  CreateUserDocument,
  GrantRoleDocument,
  PayExpenditureDocument,
  ProposeExpenditureDocument,
  RecordIncomeDocument,
  ReplaceCustodianDocument,
  ResolveExpenditureDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { openXinyuanAccount, xinyuanCast, type Xinyuan } from '../support/finance';
import { fingerprint } from '../support/snapshot';
import { gid, ok, pkOf, startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app';

/*
 * No one moves money alone, in both directions: whoever resolves or pays must not have appointed
 * the proposer either. The attack: an officer creates a login for an unaware resident (or a second
 * officer login), grants it the role to propose, has it propose, and then resolves or pays the spend
 * themselves. Directly or through a login they created in turn, the step is refused with
 * NOT_INDEPENDENT on proposalId and nothing changes; someone appointed independently still acts.
 */
describe('no one moves money alone, through a puppet proposer', () => {
  let app: TestApp;
  let cast: Xinyuan;
  let account: string;
  let community: string;
  let branch: string;
  /** Residents of Xinyuan without a login or a seat: the unaware people the puppets are made for. */
  let residents: string[];
  let adminPerson: string;

  const PASSWORD = 'lianxin-test-2026';
  const PERMISSIONS = `query($id: ID!) { node(id: $id) { ... on ExpenditureProposal { status permissions { canResolve canPay } } } }`;

  beforeAll(async () => {
    app = await startTestApp();
    cast = await xinyuanCast(app);
    account = await openXinyuanAccount(app, cast, '2026-01-01');
    community = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
    const [b] = await sql<{ id: number }>(app.database, 'select branch_id as id from compound where id = $1', [cast.compoundPk]);
    branch = gid('CompoundBranch', b.id);
    ok(
      await app.request(
        RecordIncomeDocument,
        { input: { accountId: account, category: 'FEES', amountFen: 2_000_000, occurredOn: '2026-02-05', description: '2月物业费' } },
        { as: 'secretary.xinyuan' },
      ),
    );
    const rows = await sql<{ id: number }>(
      app.database,
      `select p.id from person p join household h on h.id = p.household_id where h.compound_id = $1
          and not exists (select 1 from user_account u where u.person_id = p.id) and not exists (select 1 from custodian c where c.person_id = p.id)
        order by p.id limit 5`,
      [cast.compoundPk],
    );
    residents = rows.map((r) => gid('Person', r.id));
    const [admin] = await sql<{ id: number }>(app.database, "select person_id as id from user_account where login = 'admin.yongkangbeilu'");
    adminPerson = gid('Person', admin.id);
    // The admin lives in Xinyuan (community staff are residents too), so the owners' seat may be theirs.
    await sql(app.database, 'update person set household_id = (select household_id from person where id = $2) where id = $1', [
      admin.id,
      pkOf(residents[4]),
    ]);
  });
  afterAll(() => app.close());

  async function propose(as: string): Promise<string> {
    const res = ok(
      await app.request(
        ProposeExpenditureDocument,
        { input: { accountId: account, purpose: '更换楼道灯泡', amountFen: 30_000, payee: '馨园电工班', category: 'REPAIR' } },
        { as },
      ),
    ).proposeExpenditure;
    expect(res.userErrors).toEqual([]);
    return res.proposal!.id;
  }
  const resolve = (proposalId: string, as: string) =>
    app.request(ResolveExpenditureDocument, { input: { proposalId, comment: '楼院长会议同意' } }, { as });
  const pay = (proposalId: string, as: string) => app.request(PayExpenditureDocument, { input: { proposalId } }, { as });

  type StepResponse = GraphQLResponse<
    Record<string, { proposal: { status: string } | null; userErrors: Array<{ field: string[]; code: string; message: string }> }>
  >;

  async function status(proposalId: string): Promise<string> {
    const [row] = await sql<{ status: string }>(app.database, 'select status from expenditure_proposal where id = $1', [pkOf(proposalId)]);
    return row.status;
  }
  async function ledgerOf(proposalId: string): Promise<number> {
    const [row] = await sql<{ n: number }>(app.database, 'select count(*)::int as n from ledger_entry where proposal_id = $1', [
      pkOf(proposalId),
    ]);
    return row.n;
  }

  /** Refused with NOT_INDEPENDENT on proposalId: the status, the ledger and every other row unchanged. */
  async function notIndependent(proposalId: string, step: () => Promise<StepResponse>): Promise<string> {
    const before = await fingerprint(app.database);
    const statusBefore = await status(proposalId);
    const payload = Object.values(ok(await step()))[0];
    expect(payload.proposal).toBeNull();
    expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['proposalId'], code: 'NOT_INDEPENDENT' })]);
    expect(await status(proposalId)).toBe(statusBefore);
    expect(await ledgerOf(proposalId)).toBe(0);
    expect(await fingerprint(app.database)).toEqual(before);
    return payload.userErrors[0].message;
  }

  async function done(step: () => Promise<StepResponse>, expected: string): Promise<void> {
    const payload = Object.values(ok(await step()))[0];
    expect(payload.userErrors).toEqual([]);
    expect(payload.proposal!.status).toBe(expected);
  }

  async function createLogin(as: string, login: string, personId: string): Promise<string> {
    const res = ok(
      await app.request(CreateUserDocument, { input: { login, displayName: login, personId, password: PASSWORD } }, { as }),
    ).createUser;
    expect(res.userErrors).toEqual([]);
    return res.user!.id;
  }

  async function grant(as: string, userId: string, role: string, scopeId: string): Promise<void> {
    const res = ok(await app.request(GrantRoleDocument, { input: { userId, role: role as never, scopeId } }, { as })).grantRole;
    expect(res.userErrors).toEqual([]);
  }

  async function seatOwner(personId: string): Promise<void> {
    const res = ok(
      await app.request(
        ReplaceCustodianDocument,
        { input: { accountId: account, seat: 'OWNER_REPRESENTATIVE', personId } },
        { as: 'platform.admin' },
      ),
    ).replaceCustodian;
    expect(res.userErrors).toEqual([]);
  }

  async function permissions(proposalId: string, as: string): Promise<{ canResolve: boolean; canPay: boolean }> {
    const res = ok(
      await app.request<{ node: { permissions: { canResolve: boolean; canPay: boolean } } }, { id: string }>(
        PERMISSIONS,
        { id: proposalId },
        { as },
      ),
    );
    return res.node.permissions;
  }

  it('a branch secretary cannot pay what a second secretary login they created proposed; an independent custodian can', async () => {
    const puppet = await createLogin('secretary.xinyuan', 'sec.puppet', residents[0]);
    await grant('secretary.xinyuan', puppet, 'BRANCH_SECRETARY', branch);
    const p = await propose('sec.puppet');
    // The owners' representative was not appointed by either: resolving is theirs to do.
    await done(() => resolve(p, 'owner.xinyuan'), 'RESOLVED');
    expect(await permissions(p, 'secretary.xinyuan')).toEqual({ canResolve: false, canPay: false });
    const message = await notIndependent(p, () => pay(p, 'secretary.xinyuan'));
    expect(message).toContain('secretary.xinyuan');
    expect(message).toContain('proposed this spend');
    expect(await permissions(p, 'committee.xinyuan')).toEqual({ canResolve: false, canPay: true });
    await done(() => pay(p, 'committee.xinyuan'), 'PAID');
    expect(await ledgerOf(p)).toBe(1);
  });

  it('a community admin cannot resolve or pay what a login they created and made admin proposed, directly or through a deputy', async () => {
    // The admin sits on the owners' seat: a mandate to resolve and to pay, like anyone seated.
    await seatOwner(adminPerson);
    const puppet = await createLogin('admin.yongkangbeilu', 'admin.puppet', residents[1]);
    await grant('admin.yongkangbeilu', puppet, 'COMMUNITY_ADMIN', community);
    const p = await propose('admin.puppet');
    expect(await notIndependent(p, () => resolve(p, 'admin.yongkangbeilu'))).toContain('admin.yongkangbeilu');

    // Only the role granted by the admin (the login made by the platform) is enough.
    const granted = await createLogin('platform.admin', 'granted.puppet', residents[2]);
    await grant('admin.yongkangbeilu', granted, 'BRANCH_SECRETARY', branch);
    const q = await propose('granted.puppet');
    await notIndependent(q, () => resolve(q, 'admin.yongkangbeilu'));

    // Transitively: the admin creates a deputy admin, the deputy creates the puppet.
    const deputy = await createLogin('admin.yongkangbeilu', 'deputy.puppet', residents[3]);
    await grant('admin.yongkangbeilu', deputy, 'COMMUNITY_ADMIN', community);
    const far = await createLogin('deputy.puppet', 'far.puppet', residents[4]);
    await grant('deputy.puppet', far, 'BRANCH_SECRETARY', branch);
    const r = await propose('far.puppet');
    await notIndependent(r, () => resolve(r, 'admin.yongkangbeilu'));

    // Someone independent resolves; the admin still may not pay; an independent custodian pays.
    await done(() => resolve(p, 'committee.xinyuan'), 'RESOLVED');
    expect(await permissions(p, 'admin.yongkangbeilu')).toEqual({ canResolve: false, canPay: false });
    await notIndependent(p, () => pay(p, 'admin.yongkangbeilu'));
    await done(() => pay(p, 'committee.xinyuan'), 'PAID');

    // The rule is about the proposer: on a proposal of someone the admin did not appoint, the admin acts.
    const s = await propose('secretary.xinyuan');
    await done(() => resolve(s, 'admin.yongkangbeilu'), 'RESOLVED');
    await done(() => pay(s, 'admin.yongkangbeilu'), 'PAID');
    await seatOwner(cast.ownerRepresentative);
  });
});
