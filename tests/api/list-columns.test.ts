import { sql } from '../support/databases';
import { setPersonalValues } from '../support/people';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * A list reads the columns its nodes ask for: the timestamps and a person's sealed values only when
 * a selected field needs them. Shown with the database's own column privileges: once the API's role
 * may no longer read those columns, a list that does not ask for them still answers the same, and one
 * that asks fails. A read by ID after a narrow list still answers every field.
 */
describe('columns a list reads', () => {
  let app: TestApp;
  type Persons = { communities: { nodes: Array<{ persons: { nodes: Array<Record<string, unknown>> } }> } };
  // The last page holds the community's staff member, whose phone is on record.
  const persons = (fields: string, page = 'first: 20') =>
    `{ communities(first: 1) { nodes { persons(${page}) { nodes { id ${fields} } } } } }`;
  const listed = async (fields: string, page?: string) =>
    ok(await app.request<Persons, Record<string, never>>(persons(fields, page))).communities.nodes[0].persons.nodes;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function withoutColumns(table: string, columns: string[], run: () => Promise<void>): Promise<void> {
    const [{ kept }] = await sql<{ kept: string }>(
      app.database,
      `select string_agg(quote_ident(column_name), ', ') as kept from information_schema.columns
        where table_schema = 'public' and table_name = $1 and column_name <> all($2::text[])`,
      [table, columns],
    );
    await sql(app.database, `revoke select on ${table} from lianxin_app; grant select (${kept}) on ${table} to lianxin_app`);
    try {
      await run();
    } finally {
      await sql(app.database, `grant select on ${table} to lianxin_app`);
    }
  }

  it('reads timestamps and sealed values only for lists whose nodes ask for them', async () => {
    const narrow = await listed('name gender birthYear isPartyMember', 'last: 20');
    const wide = await listed('name createdAt updatedAt archivedAt phone idNumber', 'last: 20');
    expect(narrow.length).toBeGreaterThan(0);
    expect(wide.every((p) => typeof p.createdAt === 'string' && typeof p.updatedAt === 'string')).toBe(true);
    expect(wide.some((p) => typeof p.phone === 'string')).toBe(true);

    await withoutColumns('person', ['created_at', 'updated_at', 'phone_sealed', 'id_number_sealed'], async () => {
      expect(await listed('name gender birthYear isPartyMember', 'last: 20')).toEqual(narrow);
      // Through a fragment and through edges, the same.
      const viaEdges = await app.request<
        { communities: { nodes: Array<{ persons: { edges: Array<{ node: { id: string } }> } }> } },
        Record<string, never>
      >('{ communities(first: 1) { nodes { persons(last: 20) { edges { node { ...P } } } } } } fragment P on Person { id name }');
      expect(ok(viaEdges).communities.nodes[0].persons.edges.map((e) => e.node.id)).toEqual(narrow.map((p) => p.id));
      for (const field of ['createdAt', 'updatedAt', 'phone', 'idNumber'])
        expect((await app.request(persons(`name ${field}`, 'last: 20'))).errors?.length ?? 0).toBeGreaterThan(0);
      const viaFragment = await app.request(
        '{ communities(first: 1) { nodes { persons(last: 20) { edges { node { ...P } } } } } } fragment P on Person { id createdAt }',
      );
      expect(viaFragment.errors?.length ?? 0).toBeGreaterThan(0);
    });
  });

  it("reads a household's vulnerability tags and timestamps only for lists that show them", async () => {
    type Households = {
      communities: { nodes: Array<{ compounds: { nodes: Array<{ buildings: { nodes: Array<{ households: { nodes: unknown[] } }> } }> } }> };
    };
    const households = (fields: string) =>
      `{ communities(first: 1) { nodes { compounds(first: 1) { nodes { buildings(first: 2) { nodes { households(first: 20) { nodes { id ${fields} } } } } } } } } }`;
    const narrowOf = async () =>
      ok(
        await app.request<Households, Record<string, never>>(households('doorNo areaSqm')),
      ).communities.nodes[0].compounds.nodes[0].buildings.nodes.flatMap((b) => b.households.nodes);
    const narrow = await narrowOf();
    expect(narrow.length).toBeGreaterThan(0);
    await withoutColumns('household', ['created_at', 'updated_at', 'vulnerability_tags'], async () => {
      expect(await narrowOf()).toEqual(narrow);
      for (const field of ['vulnerabilityTags', 'createdAt', 'updatedAt'])
        expect((await app.request(households(`doorNo ${field}`))).errors?.length ?? 0).toBeGreaterThan(0);
    });
  });

  // A household's persons sit where it does, and a unit's households in its unit's organization
  // tree (the database keeps both so): those lists copy the paths from the parent row rather than
  // read them per row. The scope checks that use them answer the same — plain where the caller has a
  // duty of care at the household's group or compound, masked where it only may see it, nothing for
  // another community — with the API's role unable to read the copied columns at all.
  it("copies a household's paths to its persons and a unit's organization path to its households", async () => {
    const [{ household_id: householdPk, unit_id: unitPk }] = await sql<{ household_id: number; unit_id: number }>(
      app.database,
      "select h.id as household_id, h.unit_id from user_account u join person p on p.id = u.person_id join household h on h.id = p.household_id where u.login = 'resident.xinyuan'",
    );
    await setPersonalValues(
      app.database,
      (await sql<{ id: number }>(app.database, 'select min(id) as id from person where household_id = $1', [householdPk]))[0].id,
      {
        phone: '13812341234',
      },
    );
    // A grid worker of another compound of the same community: the capability, outside the subtree.
    await sql(
      app.database,
      `with u as (insert into user_account (login, display_name) values ('grid.elsewhere', '网格员') returning id)
       insert into role_binding (user_id, role, scope_type, scope_id)
       select u.id, 'GRID_WORKER', 'COMPOUND', c.id from u, household h join compound c on c.community_id = h.community_id and c.id <> h.compound_id
        where h.id = $1 order by c.id limit 1`,
      [householdPk],
    );
    const callers = [
      'leader.xinyuan',
      'grid.xinyuan',
      'grid.elsewhere',
      'committee.xinyuan',
      'resident.xinyuan',
      'admin.yongkangbeilu',
      'admin.zhenxing',
      'district.xiaodian',
    ];
    // What the caller sees (no request ID, cost or statement count).
    const seen = async (document: string, as: string) => {
      const { data, errors } = await app.request(document, {}, { as });
      return { data, errors };
    };
    const personsOf = (as: string) =>
      seen(
        `{ node(id: "${gid('Household', householdPk)}") { ... on Household { doorNo persons { nodes { id name phone idNumber isPartyMember } } } } }`,
        as,
      );
    const householdsOf = (as: string) =>
      seen(
        `{ node(id: "${gid('Unit', unitPk)}") { ... on Unit { households(first: 50) { nodes { id doorNo persons { nodes { id phone } } } } } } }`,
        as,
      );
    const before = new Map<string, [unknown, unknown]>();
    for (const as of callers) before.set(as, [await personsOf(as), await householdsOf(as)]);
    // Both directions are in what was read: plain for a duty of care, masked without one, nothing
    // for another community.
    for (const as of ['leader.xinyuan', 'grid.xinyuan', 'admin.yongkangbeilu'])
      for (const answer of before.get(as)!) expect(JSON.stringify(answer)).toContain('13812341234');
    for (const answer of before.get('committee.xinyuan')!) {
      expect(JSON.stringify(answer)).toContain('138****1234');
      expect(JSON.stringify(answer)).not.toContain('13812341234');
    }
    for (const answer of before.get('grid.elsewhere')!) expect(JSON.stringify(answer)).not.toContain('1381234');
    expect(before.get('admin.zhenxing')).toEqual([
      { data: { node: null }, errors: undefined },
      { data: { node: null }, errors: undefined },
    ]);

    await withoutColumns('person', ['path', 'org_path'], async () => {
      for (const as of callers) expect([await personsOf(as), await householdsOf(as)]).toEqual(before.get(as));
      // A household read by ID reads its own organization path; a unit's households copy theirs.
      await withoutColumns('household', ['org_path'], async () => {
        for (const as of callers) expect(await householdsOf(as)).toEqual(before.get(as)![1]);
      });
    });
    // The same privileges fail a list that reads the columns itself (a community's persons).
    await withoutColumns('person', ['path', 'org_path'], async () => {
      expect((await app.request(persons('name'))).errors?.length ?? 0).toBeGreaterThan(0);
    });
  });

  it('answers a read by ID after a narrow list of the same rows with every field', async () => {
    const wide = new Map((await listed('name createdAt phone')).map((p) => [p.id, p]));
    // The membership's person is read by ID after the narrow list has loaded the same rows.
    const through = await listed('partyMembership { person { id name createdAt phone } }');
    const members = through.flatMap((p) => (p.partyMembership ? [(p.partyMembership as { person: Record<string, unknown> }).person] : []));
    expect(members.length).toBeGreaterThan(0);
    for (const member of members) expect(member).toEqual(wide.get(member.id));
  });
});
