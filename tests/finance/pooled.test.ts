import {
  GrantRoleDocument,
  HomeStatementsDocument,
  OpenCoManagedAccountDocument,
  PrepareMonthlyStatementDocument,
  PublishMonthlyStatementDocument,
  RecordIncomeDocument,
  StatementByIdDocument,
} from '../generated/graphql';
import { sql } from '../support/databases';
import { DEMO, idByName } from '../support/demo';
import { codes, gid, ok, pkOf, startTestApp, type TestApp } from '../support/test-app';

/*
 * An account pooled for the small compounds of a joint branch: opened by the community, its
 * custodians from the branch's compounds, governed by roles bound at the joint branch, its published
 * statements read by the residents of every compound of the branch — and by nobody else's.
 */
describe('an account pooled per joint branch', () => {
  let app: TestApp;
  let branch: string;
  let secretary: string;
  let residents: Array<{ person: string; household: string; compound: string }>;

  beforeAll(async () => {
    app = await startTestApp();
    branch = await idByName(app.database, 'compound_branch', DEMO.jointYongkang, 'CompoundBranch');
    const [b] = await sql<{ id: number; secretary: number }>(
      app.database,
      'select id, secretary_id as secretary from compound_branch where name = $1',
      [DEMO.jointYongkang],
    );
    secretary = gid('Person', b.secretary);
    // One resident in each of three different compounds of the branch.
    const rows = await sql<{ person: number; household: number; compound: number }>(
      app.database,
      `select distinct on (h.compound_id) p.id as person, h.id as household, h.compound_id as compound
         from person p join household h on h.id = p.household_id join compound c on c.id = h.compound_id
        where c.branch_id = $1 and p.id <> $2 order by h.compound_id, p.id limit 3`,
      [b.id, b.secretary],
    );
    residents = rows.map((r) => ({
      person: gid('Person', r.person),
      household: gid('Household', r.household),
      compound: gid('Compound', r.compound),
    }));
    // A resident login in the first of those compounds.
    const [u] = await sql<{ id: number }>(
      app.database,
      "insert into user_account (login, display_name, person_id) values ('resident.joint', '联合支部居民', $1) returning id",
      [rows[0].person],
    );
    await sql(app.database, "insert into role_binding (user_id, role, scope_type, scope_id) values ($1, 'RESIDENT', 'HOUSEHOLD', $2)", [
      u.id,
      rows[0].household,
    ]);
  });
  afterAll(() => app.close());

  const custodians = () => [
    { seat: 'BRANCH_SECRETARY' as const, personId: secretary },
    { seat: 'COMMITTEE_MEMBER' as const, personId: residents[1].person },
    { seat: 'OWNER_REPRESENTATIVE' as const, personId: residents[2].person },
  ];

  it('is opened for a joint branch only, instead of the compounds’ own accounts', async () => {
    const both = ok(
      await app.request(
        OpenCoManagedAccountDocument,
        { input: { compoundId: residents[0].compound, branchId: branch, custodians: custodians() } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).openCoManagedAccount;
    expect(both.userErrors.map((e) => e.code)).toEqual(['REQUIRED']);
    const standalone = await idByName(app.database, 'compound_branch', DEMO.xinyuanBranch, 'CompoundBranch');
    const notJoint = ok(
      await app.request(
        OpenCoManagedAccountDocument,
        { input: { branchId: standalone, custodians: custodians() } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).openCoManagedAccount;
    expect(notJoint.userErrors.map((e) => e.code)).toEqual(['MISMATCH']);

    const opened = ok(
      await app.request(
        OpenCoManagedAccountDocument,
        { input: { branchId: branch, openedOn: '2026-02-01', custodians: custodians() } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).openCoManagedAccount;
    expect(opened.userErrors).toEqual([]);
    expect(opened.account).toMatchObject({ name: `${DEMO.jointYongkang}三方共管账户`, compound: null, custodians: [{}, {}, {}] });
    const own = ok(
      await app.request(
        OpenCoManagedAccountDocument,
        {
          input: {
            compoundId: residents[0].compound,
            custodians: [custodians()[0], { seat: 'COMMITTEE_MEMBER', personId: residents[0].person }, custodians()[2]],
          },
        },
        { as: 'admin.yongkangbeilu' },
      ),
    ).openCoManagedAccount;
    expect(own.userErrors).toEqual([expect.objectContaining({ field: ['compoundId'], code: 'TAKEN' })]);
    const [outsider] = await sql<{ id: number }>(
      app.database,
      "select p.id from person p join household h on h.id = p.household_id join compound c on c.id = h.compound_id where c.name = '馨园' limit 1",
    );
    const notFromBranch = ok(
      await app.request(
        OpenCoManagedAccountDocument,
        {
          input: {
            branchId: branch,
            custodians: [custodians()[0], { seat: 'COMMITTEE_MEMBER', personId: gid('Person', outsider.id) }, custodians()[2]],
          },
        },
        { as: 'admin.yongkangbeilu' },
      ),
    ).openCoManagedAccount;
    expect(notFromBranch.userErrors.map((e) => e.code)).toEqual(['MISMATCH']);
  });

  it('is governed by roles bound at the joint branch, and read by its compounds’ residents once published', async () => {
    const [row] = await sql<{ id: number }>(
      app.database,
      'select a.id from co_managed_account a join compound_branch b on b.id = a.branch_id where b.name = $1',
      [DEMO.jointYongkang],
    );
    const account = gid('CoManagedAccount', row.id);
    ok(
      await app.request(
        RecordIncomeDocument,
        {
          input: {
            accountId: account,
            category: 'FEES',
            amountFen: 86_000,
            occurredOn: '2026-02-06',
            description: '2月物业费（联合片区）',
          },
        },
        { as: 'admin.yongkangbeilu' },
      ),
    );

    // A finance supervisor of the joint branch, appointed by the community: a login of a person living
    // in one of its compounds (a login without a person is the platform's, not the community's to appoint).
    const [u] = await sql<{ id: number }>(
      app.database,
      `insert into user_account (login, display_name, person_id)
       select 'finance.joint', '片区财务监督员', p.id
         from person p join household h on h.id = p.household_id join compound c on c.id = h.compound_id
        where c.branch_id = $1 and p.id <> all($2::int[]) and not exists (select 1 from user_account a where a.person_id = p.id)
        order by p.id limit 1
       returning id`,
      [pkOf(branch), [pkOf(secretary), ...residents.map((r) => pkOf(r.person))]],
    );
    const granted = ok(
      await app.request(
        GrantRoleDocument,
        { input: { userId: gid('User', u.id), role: 'FINANCE_SUPERVISOR' as never, scopeId: branch } },
        { as: 'admin.yongkangbeilu' },
      ),
    ).grantRole;
    expect(granted.userErrors).toEqual([]);
    // Xinyuan's finance supervisor is bound at another compound: not theirs to prepare.
    expect(
      codes(
        await app.request(
          PrepareMonthlyStatementDocument,
          { input: { accountId: account, month: '2026-02-01' } },
          { as: 'finance.xinyuan' },
        ),
      ),
    ).toEqual(['FORBIDDEN']);
    const draft = ok(
      await app.request(PrepareMonthlyStatementDocument, { input: { accountId: account, month: '2026-02-01' } }, { as: 'finance.joint' }),
    ).prepareMonthlyStatement.statement!;
    expect(draft).toMatchObject({ incomeFen: 86_000, closingBalanceFen: 86_000 });
    const published = ok(await app.request(PublishMonthlyStatementDocument, { input: { statementId: draft.id } }, { as: 'finance.joint' }))
      .publishMonthlyStatement.statement!;
    expect(published.status).toBe('PUBLISHED');

    // A resident of one of the branch's compounds finds it from home; a resident of Xinyuan does not.
    const home = ok(await app.request(HomeStatementsDocument, { householdId: residents[0].household }, { as: 'resident.joint' })).node!;
    if (!('compound' in home)) throw new Error('expected a household');
    expect(home.compound.monthlyStatements.nodes.map((s) => [s.month, s.status])).toEqual([['2026-02-01', 'PUBLISHED']]);
    expect(codes(await app.request(StatementByIdDocument, { id: published.id }, { as: 'resident.xinyuan' }))).toEqual(['FORBIDDEN']);
    expect(ok(await app.request(StatementByIdDocument, { id: published.id }, { as: 'admin.zhenxing' })).node).toBeNull();
    const page = await fetch(app.url.replace('/graphql', published.documentPath), {
      headers: { authorization: `Bearer ${await app.tokenFor('resident.joint')}` },
    });
    expect(await page.text()).toContain(`${DEMO.jointYongkang} 2026年2月 三方共管账户收支公示`);
  });
});
