import { OrganizationWalkDocument, PersonsUpWalkDocument, PlacesWalkDocument, SweepNodesDocument } from '../generated/graphql';
import { sql } from '../support/databases';
import { quietLogger } from '../../src/core/logger';
import { seedSynthetic } from '../../src/seed/synthetic';
import { databaseUrl } from '../support/databases';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * No N+1: the number of SQL statements a walk costs depends on its depth, not on how many rows each
 * level has. Two synthetic communities of very different sizes must cost exactly the same.
 */
describe('SQL statements per request', () => {
  let app: TestApp;
  let small: string;
  let large: string;
  let largePk: number;

  beforeAll(async () => {
    app = await startTestApp({ template: 'schema' });
    const url = databaseUrl(app.database);
    const a = await seedSynthetic(
      url,
      { communities: 1, compounds: 2, buildings: 2, households: 4, personsPerHousehold: 1 },
      quietLogger,
      'small',
    );
    const b = await seedSynthetic(
      url,
      { communities: 1, compounds: 6, buildings: 5, households: 12, personsPerHousehold: 3 },
      quietLogger,
      'large',
    );
    small = gid('Community', a.communityIds[0]);
    large = gid('Community', b.communityIds[0]);
    largePk = b.communityIds[0];
  });
  afterAll(() => app.close());

  it('are the same for the deepest places walk (community → … → persons) on small and large data, and one or two per level', async () => {
    const variables = { compounds: 100, buildings: 100, units: 100, households: 100 };
    const onSmall = await app.request(PlacesWalkDocument, { id: small, ...variables });
    const onLarge = await app.request(PlacesWalkDocument, { id: large, ...variables });
    const smallData = ok(onSmall);
    const largeData = ok(onLarge);

    const persons = (d: typeof largeData) =>
      d.community!.compounds.nodes.flatMap((c) =>
        c.buildings.nodes.flatMap((b) => b.units.nodes.flatMap((u) => u.households.nodes.flatMap((h) => h.persons.nodes))),
      );
    expect(persons(smallData)).toHaveLength(2 * 2 * 4 * 1);
    expect(persons(largeData)).toHaveLength(6 * 5 * 12 * 3);

    expect(onLarge.extensions?.sqlStatements).toBe(onSmall.extensions?.sqlStatements);
    // authentication, community, compounds (+count, branch, householdCount), buildings (+count), units, households (+count), persons (isPartyMember read with them)
    expect(onLarge.extensions!.sqlStatements).toBeLessThanOrEqual(12);
  });

  it("read a person's isPartyMember with the person: no statement of its own, the same answer as the membership", async () => {
    const persons = (fields: string) => `query($id: ID!) { community(id: $id) { persons(first: 100) { nodes { id ${fields} } } } }`;
    type Persons = {
      community: { persons: { nodes: Array<{ id: string; isPartyMember?: boolean; partyMembership?: { id: string } | null }> } };
    };
    const without = await app.request<Persons, { id: string }>(persons(''), { id: large });
    const flagged = await app.request<Persons, { id: string }>(persons('isPartyMember'), { id: large });
    const members = await app.request<Persons, { id: string }>(persons('partyMembership { id }'), { id: large });
    expect(flagged.extensions?.sqlStatements).toBe(without.extensions?.sqlStatements);
    const memberOf = new Map(ok(members).community.persons.nodes.map((p) => [p.id, p.partyMembership !== null]));
    const flags = ok(flagged).community.persons.nodes;
    expect(flags).toHaveLength(100);
    expect(flags.map((p) => [p.id, p.isPartyMember])).toEqual(flags.map((p) => [p.id, memberOf.get(p.id)]));
    // The synthetic data makes 1 in 20 persons a member: both answers occur.
    expect(new Set(flags.map((p) => p.isPartyMember))).toEqual(new Set([true, false]));
  });

  it('are the same for a bottom-up walk from every person to the district', async () => {
    const onSmall = await app.request(PersonsUpWalkDocument, { id: small });
    const onLarge = await app.request(PersonsUpWalkDocument, { id: large });
    expect(ok(onSmall).community!.persons.nodes).toHaveLength(16);
    const top = ok(onLarge).community!.persons.nodes;
    expect(top).toHaveLength(100);
    expect(top.every((p) => p.household!.building.buildingGroup!.branch.committee.community.street.district.name === 'large')).toBe(true);
    expect(onLarge.extensions?.sqlStatements).toBe(onSmall.extensions?.sqlStatements);
    expect(onLarge.extensions!.sqlStatements).toBeLessThanOrEqual(10);
  });

  it('do not grow with the number of districts and communities in the organization walk', async () => {
    const one = await app.request(OrganizationWalkDocument, { first: 1 });
    const both = await app.request(OrganizationWalkDocument, { first: 2 });
    expect(ok(both).districts.nodes).toHaveLength(2);
    expect(both.extensions?.sqlStatements).toBe(one.extensions?.sqlStatements);
  });

  it('are the same for nodes(ids:) of ten or a hundred objects: the permission checks batch with the reads', async () => {
    const rows = await sql<{ type: string; id: number }>(
      app.database,
      `select 'Household' as type, id from household where community_id = $1 union all select 'Person', id from person where community_id = $1
       union all select 'Building', id from building where community_id = $1 order by 1, 2`,
      [largePk],
    );
    const ids = rows.map((r) => gid(r.type, r.id));
    const spread = (n: number) => Array.from({ length: n }, (_, i) => ids[Math.floor((i * ids.length) / n)]);
    // Not as the platform: a scoped caller, whose checks load each object's ancestry.
    await sql(app.database, "insert into user_account (login, display_name) values ('admin.large', 'admin') on conflict do nothing");
    await sql(
      app.database,
      "insert into role_binding (user_id, role, scope_type, scope_id) select id, 'COMMUNITY_ADMIN', 'COMMUNITY', $1 from user_account where login = 'admin.large'",
      [largePk],
    );
    const ten = await app.request(SweepNodesDocument, { ids: spread(10) }, { as: 'admin.large' });
    const hundred = await app.request(SweepNodesDocument, { ids: spread(100) }, { as: 'admin.large' });
    expect(ok(hundred).nodes.filter((n) => n !== null)).toHaveLength(100);
    expect(hundred.extensions?.sqlStatements).toBe(ten.extensions?.sqlStatements);
    // authentication, then one statement per type
    expect(hundred.extensions!.sqlStatements).toBeLessThanOrEqual(4);
  });
});
