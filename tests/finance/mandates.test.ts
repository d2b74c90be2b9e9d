import {
  CreateUserDocument,
  GrantRoleDocument,
  OpenCoManagedAccountDocument,
  PayExpenditureDocument,
  ProposeExpenditureDocument,
  RecordIncomeDocument,
  ReplaceCustodianDocument,
  ResolveExpenditureDocument,
} from '../generated/graphql';
import { sql, sqlAs } from '../support/databases';
import { DEMO, idByName, pkByName } from '../support/demo';
import { openXinyuanAccount, xinyuanCast, type Xinyuan } from '../support/finance';
import { fingerprint } from '../support/snapshot';
import { gid, ok, pkOf, startTestApp, type GraphQLResponse, type TestApp } from '../support/test-app';

/*
 * No one moves money alone (issue 8, item 6): no single human takes a proposal from PROPOSED to PAID,
 * whether by one person record holding several roles, by several logins for one person, or as an
 * administrator who creates logins and grants roles. Resolving and paying are personal acts: a
 * person on record, with a seat that gives the mandate, not the proposer's person, and appointed
 * independently of the proposer. Every refusal is a user error on proposalId and writes nothing.
 */
describe('no one moves money alone', () => {
  let app: TestApp;
  let cast: Xinyuan;
  let account: string;
  let community: string;
  /** Residents of Xinyuan without a login, for the logins the attacks create. */
  let residents: string[];

  const PASSWORD = 'lianxin-test-2026';

  beforeAll(async () => {
    app = await startTestApp();
    cast = await xinyuanCast(app);
    account = await openXinyuanAccount(app, cast, '2026-01-01');
    community = await idByName(app.database, 'community', DEMO.yongkang, 'Community');
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
  });
  afterAll(() => app.close());

  async function propose(as: string, accountId = account): Promise<string> {
    const res = ok(
      await app.request(
        ProposeExpenditureDocument,
        { input: { accountId, purpose: '更换楼道灯泡', amountFen: 30_000, payee: '馨园电工班', category: 'REPAIR' } },
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

  /** The step is refused with `code` on proposalId, and nothing in the database changed. */
  async function refused(step: () => Promise<StepResponse>, code: string): Promise<string> {
    const before = await fingerprint(app.database);
    const payload = Object.values(ok(await step()))[0];
    expect(payload.proposal).toBeNull();
    expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['proposalId'], code })]);
    expect(await fingerprint(app.database)).toEqual(before);
    return payload.userErrors[0].message;
  }

  async function done(step: () => Promise<StepResponse>, status: string): Promise<void> {
    const payload = Object.values(ok(await step()))[0];
    expect(payload.userErrors).toEqual([]);
    expect(payload.proposal!.status).toBe(status);
  }

  async function createLogin(as: string, login: string, personId?: string): Promise<string> {
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

  /** Hands the owners' representative seat of Xinyuan's account to a person. */
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

  it('one person record: whoever proposed may neither resolve nor pay, whatever other roles and seats they hold', async () => {
    // The branch secretary is also made owners' representative, and sits in the account's branch seat.
    const [secretary] = await sql<{ id: number }>(app.database, "select id from user_account where login = 'secretary.xinyuan'");
    await grant('admin.yongkangbeilu', gid('User', secretary.id), 'OWNER_REPRESENTATIVE', cast.compound);
    const p = await propose('secretary.xinyuan');
    expect(await refused(() => resolve(p, 'secretary.xinyuan'), 'SAME_PERSON')).toContain('You proposed this spend');
    await done(() => resolve(p, 'owner.xinyuan'), 'RESOLVED');
    await refused(() => pay(p, 'secretary.xinyuan'), 'SAME_PERSON');
    // Resolver and payer may be one person: with the proposer, that is two.
    await done(() => pay(p, 'owner.xinyuan'), 'PAID');
  });

  it('one login per person: a second login is refused by the API and by the database; a login without a person holds no mandate', async () => {
    const before = await fingerprint(app.database);
    const second = ok(
      await app.request(
        CreateUserDocument,
        { input: { login: 'secretary2.xinyuan', displayName: '书记（第二账号）', personId: cast.secretary, password: PASSWORD } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).createUser;
    expect(second.user).toBeNull();
    expect(second.userErrors).toEqual([expect.objectContaining({ field: ['personId'], code: 'TAKEN' })]);
    expect(await fingerprint(app.database)).toEqual(before);
    await expect(
      sqlAs(
        app.database,
        'lianxin_app',
        "insert into user_account (login, display_name, person_id) values ('secretary3.xinyuan', '书记', $1)",
        [pkOf(cast.secretary)],
      ),
    ).rejects.toMatchObject({ constraint: 'user_account_person_active_unique' });
    // A disabled login no longer counts: its person may have a new one.
    await createLogin('admin.yongkangbeilu', 'old.xinyuan', residents[3]);
    await sql(app.database, "update user_account set disabled_at = now() where login = 'old.xinyuan'");
    await createLogin('admin.yongkangbeilu', 'new.xinyuan', residents[3]);

    // Only the platform makes logins without a person; such a login holds the role but no mandate.
    const ghost = await createLogin('platform.admin', 'ghost.xinyuan');
    await grant('platform.admin', ghost, 'OWNER_REPRESENTATIVE', cast.compound);
    const p = await propose('secretary.xinyuan');
    expect(await refused(() => resolve(p, 'ghost.xinyuan'), 'NO_MANDATE')).toContain('personal act');
    await done(() => resolve(p, 'committee.xinyuan'), 'RESOLVED');
    await refused(() => pay(p, 'ghost.xinyuan'), 'NO_MANDATE');
    await done(() => pay(p, 'committee.xinyuan'), 'PAID');
  });

  it('an administrator cannot resolve or pay their own proposal through logins they created or roles they granted, directly or through an administrator they created', async () => {
    const p = await propose('admin.yongkangbeilu');
    // The admin holds every step's capability; it proposed, so it may take neither.
    await refused(() => resolve(p, 'admin.yongkangbeilu'), 'SAME_PERSON');

    // A login the admin created for a resident, given the role by the platform, seated on the owners' seat.
    await grant(
      'platform.admin',
      await createLogin('admin.yongkangbeilu', 'owner2.xinyuan', residents[0]),
      'OWNER_REPRESENTATIVE',
      cast.compound,
    );
    const [row] = await sql<{ creator: string }>(
      app.database,
      "select c.login as creator from user_account u join user_account c on c.id = u.created_by_id where u.login = 'owner2.xinyuan'",
    );
    expect(row.creator).toBe('admin.yongkangbeilu');
    await seatOwner(residents[0]);
    expect(await refused(() => resolve(p, 'owner2.xinyuan'), 'NOT_INDEPENDENT')).toContain('admin.yongkangbeilu');

    // A login the platform created, given the role by the admin.
    await grant(
      'admin.yongkangbeilu',
      await createLogin('platform.admin', 'owner3.xinyuan', residents[1]),
      'OWNER_REPRESENTATIVE',
      cast.compound,
    );
    await seatOwner(residents[1]);
    await refused(() => resolve(p, 'owner3.xinyuan'), 'NOT_INDEPENDENT');

    // Through an administrator the admin created: the deputy creates the login and grants the role.
    const deputy = await createLogin('admin.yongkangbeilu', 'deputy.yongkangbeilu', residents[4]);
    await grant('admin.yongkangbeilu', deputy, 'COMMUNITY_ADMIN', community);
    await grant(
      'deputy.yongkangbeilu',
      await createLogin('deputy.yongkangbeilu', 'owner4.xinyuan', residents[2]),
      'OWNER_REPRESENTATIVE',
      cast.compound,
    );
    await seatOwner(residents[2]);
    expect(await refused(() => resolve(p, 'owner4.xinyuan'), 'NOT_INDEPENDENT')).toContain('admin.yongkangbeilu');
    // The deputy holds the capability and no seat.
    await refused(() => resolve(p, 'deputy.yongkangbeilu'), 'NO_MANDATE');

    // Someone appointed independently resolves; paying is refused to the admin's logins the same way.
    await seatOwner(cast.ownerRepresentative);
    await done(() => resolve(p, 'owner.xinyuan'), 'RESOLVED');
    await seatOwner(residents[0]);
    await refused(() => pay(p, 'owner2.xinyuan'), 'NOT_INDEPENDENT');
    await seatOwner(residents[2]);
    await refused(() => pay(p, 'owner4.xinyuan'), 'NOT_INDEPENDENT');
    await refused(() => pay(p, 'admin.yongkangbeilu'), 'SAME_PERSON');
    const [{ n }] = await sql<{ n: number }>(app.database, 'select count(*)::int as n from ledger_entry where proposal_id = $1', [pkOf(p)]);
    expect(n).toBe(0);
    await done(() => pay(p, 'committee.xinyuan'), 'PAID');

    // The rule is about the proposer: the same logins act on a proposal the admin did not make.
    const q = await propose('secretary.xinyuan');
    await done(() => resolve(q, 'owner4.xinyuan'), 'RESOLVED');
    await done(() => pay(q, 'owner4.xinyuan'), 'PAID');
    await seatOwner(cast.ownerRepresentative);
  });

  it('a member of the sitting property committee resolves without a custodian seat; only custodians pay', async () => {
    // Yifen Xianzhuang has an elected committee; one of its members, who holds no custodian seat, gets a login.
    const yifen = await pkByName(app.database, 'compound', DEMO.yifen);
    const [member] = await sql<{ person: number; account: number }>(
      app.database,
      `select m.person_id as person, a.id as account from committee_member m join property_committee k on k.id = m.committee_id and k.status = 'SITTING'
         join co_managed_account a on a.compound_id = k.compound_id
        where k.compound_id = $1 and not exists (select 1 from custodian c where c.person_id = m.person_id) order by m.id limit 1`,
      [yifen],
    );
    const [outsider] = await sql<{ person: number }>(
      app.database,
      `select p.id as person from person p join household h on h.id = p.household_id where h.compound_id = $1
          and not exists (select 1 from committee_member m where m.person_id = p.id) and not exists (select 1 from custodian c where c.person_id = p.id)
          and not exists (select 1 from user_account u where u.person_id = p.id) order by p.id limit 1`,
      [yifen],
    );
    await grant(
      'platform.admin',
      await createLogin('platform.admin', 'member.yifen', gid('Person', member.person)),
      'OWNER_REPRESENTATIVE',
      gid('Compound', yifen),
    );
    await grant(
      'platform.admin',
      await createLogin('platform.admin', 'resident.yifen', gid('Person', outsider.person)),
      'OWNER_REPRESENTATIVE',
      gid('Compound', yifen),
    );
    const p = await propose('admin.yongkangbeilu', gid('CoManagedAccount', member.account));
    expect(await refused(() => resolve(p, 'resident.yifen'), 'NO_MANDATE')).toContain('sitting property committee');
    await done(() => resolve(p, 'member.yifen'), 'RESOLVED');
    expect(
      await refused(() => app.request(PayExpenditureDocument, { input: { proposalId: p } }, { as: 'member.yifen' }), 'NO_MANDATE'),
    ).toContain('custodians');
  });

  it("for an account pooled by a joint branch, a seat on the committee of any of the branch's compounds gives the mandate to resolve", async () => {
    const [branch] = await sql<{ id: number; secretary: number }>(
      app.database,
      'select id, secretary_id as secretary from compound_branch where name = $1',
      [DEMO.jointYongkang],
    );
    const people = await sql<{ person: number; compound: number }>(
      app.database,
      `select distinct on (h.compound_id) p.id as person, h.compound_id as compound
         from person p join household h on h.id = p.household_id join compound c on c.id = h.compound_id
        where c.branch_id = $1 and p.id <> $2 order by h.compound_id, p.id limit 4`,
      [branch.id, branch.secretary],
    );
    const opened = ok(
      await app.request(
        OpenCoManagedAccountDocument,
        {
          input: {
            branchId: gid('CompoundBranch', branch.id),
            openedOn: '2026-01-01',
            custodians: [
              { seat: 'BRANCH_SECRETARY', personId: gid('Person', branch.secretary) },
              { seat: 'COMMITTEE_MEMBER', personId: gid('Person', people[0].person) },
              { seat: 'OWNER_REPRESENTATIVE', personId: gid('Person', people[1].person) },
            ],
          },
        },
        { as: 'admin.yongkangbeilu' },
      ),
    ).openCoManagedAccount;
    expect(opened.userErrors).toEqual([]);
    const pooled = opened.account!.id;
    ok(
      await app.request(
        RecordIncomeDocument,
        {
          input: {
            accountId: pooled,
            category: 'FEES',
            amountFen: 100_000,
            occurredOn: '2026-02-06',
            description: '2月物业费（联合片区）',
          },
        },
        { as: 'admin.yongkangbeilu' },
      ),
    );
    // A third compound of the branch elects a committee; one of its members has a login and the owners' role at the branch.
    const [committee] = await sql<{ id: number }>(
      app.database,
      `insert into property_committee (compound_id, community_id, name, kind, status, term_start)
       select id, community_id, '片区小区业主委员会', 'ELECTED', 'SITTING', '2026-01-01' from compound where id = $1 returning id`,
      [people[2].compound],
    );
    await sql(
      app.database,
      `insert into committee_member (committee_id, community_id, person_id, name, role, party_member)
       select $1, community_id, $2, '委员', 'CHAIR', false from property_committee where id = $1`,
      [committee.id, people[2].person],
    );
    await grant(
      'platform.admin',
      await createLogin('platform.admin', 'member.joint', gid('Person', people[2].person)),
      'OWNER_REPRESENTATIVE',
      gid('CompoundBranch', branch.id),
    );
    await grant(
      'platform.admin',
      await createLogin('platform.admin', 'neighbour.joint', gid('Person', people[3].person)),
      'OWNER_REPRESENTATIVE',
      gid('CompoundBranch', branch.id),
    );
    const p = await propose('admin.yongkangbeilu', pooled);
    await refused(() => resolve(p, 'neighbour.joint'), 'NO_MANDATE');
    await done(() => resolve(p, 'member.joint'), 'RESOLVED');
    await refused(() => pay(p, 'member.joint'), 'NO_MANDATE');
  });
});
