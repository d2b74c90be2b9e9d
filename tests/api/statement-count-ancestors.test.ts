import { readFileSync } from 'node:fs';
import path from 'node:path';
import { quietLogger } from '../../src/core/logger';
import { seedSynthetic } from '../../src/seed/synthetic';
import { databaseUrl, sql } from '../support/databases';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * The bench's Q3: one household up both trees (unit → building → compound, and building group →
 * branch → committee → community → street → district), read from bench/queries/Q3.graphql. The
 * household comes with its ancestors, by their keys, in one statement: the read is authentication and that statement,
 * sent together in one round trip (node-load.ts, readAheadNodes).
 */
const Q3 = readFileSync(path.resolve(__dirname, '../../bench/queries/Q3.graphql'), 'utf8');

interface Q3Data {
  node: {
    id: string;
    doorNo: string;
    unit: { name: string; building: { name: string; compound: { name: string } } };
    buildingGroup: {
      name: string;
      branch: {
        name: string;
        kind: string;
        committee: { name: string; community: { name: string; street: { name: string; district: { name: string; city: string } } } };
      };
    } | null;
  } | null;
}

describe('SQL statements of a household read up both trees', () => {
  let app: TestApp;
  let households: number[];
  let otherHousehold: number;

  beforeAll(async () => {
    app = await startTestApp({ template: 'schema' });
    const url = databaseUrl(app.database);
    const a = await seedSynthetic(
      url,
      { communities: 1, compounds: 2, buildings: 2, households: 4, personsPerHousehold: 1 },
      quietLogger,
      'ancestry',
    );
    const b = await seedSynthetic(
      url,
      { communities: 1, compounds: 1, buildings: 1, households: 2, personsPerHousehold: 1 },
      quietLogger,
      'elsewhere',
    );
    households = (
      await sql<{ id: number }>(app.database, 'select id from household where community_id = $1 order by id', [a.communityIds[0]])
    ).map((r) => r.id);
    [{ id: otherHousehold }] = await sql<{ id: number }>(app.database, 'select id from household where community_id = $1 limit 1', [
      b.communityIds[0],
    ]);
    await sql(app.database, "insert into user_account (login, display_name) values ('admin.ancestry', 'admin') on conflict do nothing");
    await sql(
      app.database,
      "insert into role_binding (user_id, role, scope_type, scope_id) select id, 'COMMUNITY_ADMIN', 'COMMUNITY', $1 from user_account where login = 'admin.ancestry'",
      [a.communityIds[0]],
    );
  });
  afterAll(() => app.close());

  it.each([['platform.admin'], ['admin.ancestry']])('are two for %s, with the whole ancestry answered', async (as) => {
    const first = await app.request<Q3Data, { id: string }>(Q3, { id: gid('Household', households[0]) }, { as });
    const last = await app.request<Q3Data, { id: string }>(Q3, { id: gid('Household', households[households.length - 1]) }, { as });
    for (const res of [first, last]) {
      const node = ok(res).node!;
      expect(node.unit.building.compound.name).toBeTruthy();
      expect(node.buildingGroup!.branch.committee.community.street.district.name).toBe('ancestry');
    }
    expect(first.extensions?.sqlStatements).toBe(last.extensions?.sqlStatements);
    // authentication; the household with its ancestors, read ahead in the same round trip
    expect(first.extensions!.sqlStatements).toBe(2);
    expect(first.extensions!.sqlRoundTrips).toBe(1);
  });

  it('reads ahead a literal ID and several node fields in the one round trip', async () => {
    const [a, b] = [households[0], households[2]].map((h) => gid('Household', h));
    const TWO = `{ a: node(id: "${a}") { ...up } b: node(id: "${b}") { ...up } }
      fragment up on Household { id doorNo unit { building { compound { name } } } }`;
    type Two = Record<'a' | 'b', { id: string; doorNo: string; unit: { building: { compound: { name: string } } } } | null>;
    const res = await app.request<Two, Record<string, never>>(TWO, {}, { as: 'admin.ancestry' });
    const { a: first, b: second } = ok(res);
    for (const node of [first, second]) expect(node!.unit.building.compound.name).toBeTruthy();
    expect([first!.id, second!.id]).toEqual([a, b]);
    expect(res.extensions!.sqlStatements).toBe(2);
    expect(res.extensions!.sqlRoundTrips).toBe(1);
  });

  it('reads nothing ahead for node fields that @skip or @include leave out', async () => {
    const SKIPPED = `query ($id: ID!, $skip: Boolean!) {
      a: node(id: $id) @skip(if: $skip) { ... on Household { doorNo unit { building { name } } } }
      b: node(id: $id) @include(if: false) { ... on Household { unit { building { name } } } }
    }`;
    type Skipped = { a?: { doorNo: string; unit: { building: { name: string } } } | null; b?: unknown };
    const id = gid('Household', households[1]);
    const skipped = await app.request<Skipped, { id: string; skip: boolean }>(SKIPPED, { id, skip: true }, { as: 'admin.ancestry' });
    expect(ok(skipped)).toEqual({});
    // authentication alone
    expect(skipped.extensions!.sqlStatements).toBe(1);
    const kept = await app.request<Skipped, { id: string; skip: boolean }>(SKIPPED, { id, skip: false }, { as: 'admin.ancestry' });
    expect(ok(kept).a!.unit.building.name).toBeTruthy();
    expect(ok(kept).b).toBeUndefined();
    expect(kept.extensions!.sqlStatements).toBe(2);
    expect(kept.extensions!.sqlRoundTrips).toBe(1);
  });

  it('reads ahead what the resolver will read when a directive below the node field names a variable', async () => {
    // Whether node(id:) walks up is kept per field site for every request of the document, so it
    // does not follow this request's variables: the walk is read (and read ahead) either way.
    const NESTED = `query ($id: ID!, $skip: Boolean!) { node(id: $id) { ... on Household { doorNo unit @skip(if: $skip) { building { name } } } } }`;
    type Nested = { node: { doorNo: string; unit?: { building: { name: string } } } | null };
    const id = gid('Household', households[1]);
    for (const skip of [true, false]) {
      const res = await app.request<Nested, { id: string; skip: boolean }>(NESTED, { id, skip }, { as: 'admin.ancestry' });
      expect(ok(res).node!.doorNo).toBeTruthy();
      expect(ok(res).node!.unit === undefined).toBe(skip);
      expect(res.extensions!.sqlStatements).toBe(2);
      expect(res.extensions!.sqlRoundTrips).toBe(1);
    }
  });

  it('answers nothing it read ahead to a session that has ended', async () => {
    await sql(app.database, "insert into user_account (login, display_name) values ('ended.ancestry', 'ended') on conflict do nothing");
    await sql(
      app.database,
      "insert into role_binding (user_id, role, scope_type, scope_id) select id, 'COMMUNITY_ADMIN', 'COMMUNITY', c.community_id from user_account, (select community_id from household where id = $1) c where login = 'ended.ancestry'",
      [households[0]],
    );
    const token = await app.tokenFor('ended.ancestry');
    const asked = () =>
      app.request<Q3Data, { id: string }>(
        Q3,
        { id: gid('Household', households[0]) },
        { as: null, headers: { authorization: `Bearer ${token}` } },
      );
    expect(ok(await asked()).node!.doorNo).toBeTruthy();
    await sql(
      app.database,
      "update lianxin_session set revoked_at = now() where user_id = (select id from user_account where login = 'ended.ancestry')",
    );
    const res = await asked();
    expect(res.status).toBe(401);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    expect(res.data ?? null).toBeNull();
    // The read ahead went with authentication (and, under the grant of nobody, found nothing).
    expect(res.extensions!.sqlStatements).toBe(2);
    expect(res.extensions!.sqlRoundTrips).toBe(1);
  });

  it('reads ahead for a user who reaches no community, and answers nothing', async () => {
    await sql(app.database, "insert into user_account (login, display_name) values ('nobody.ancestry', 'nobody') on conflict do nothing");
    const res = await app.request<Q3Data, { id: string }>(Q3, { id: gid('Household', households[0]) }, { as: 'nobody.ancestry' });
    expect(ok(res).node).toBeNull();
    expect(res.extensions!.sqlRoundTrips).toBe(1);
  });

  it("answers another community's household as missing to a community admin", async () => {
    const res = await app.request<Q3Data, { id: string }>(Q3, { id: gid('Household', otherHousehold) }, { as: 'admin.ancestry' });
    const missing = await app.request<Q3Data, { id: string }>(Q3, { id: gid('Household', 2147483647) }, { as: 'admin.ancestry' });
    expect(ok(res).node).toBeNull();
    const { requestId: _a, ...theirs } = res.extensions!;
    const { requestId: _b, ...none } = missing.extensions!;
    expect({ ...res, extensions: theirs }).toEqual({ ...missing, extensions: none });
  });
  it('reads households by nodes(ids:) with their ancestors in the same statement, another community’s as missing', async () => {
    const NODES = `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Household { doorNo buildingGroup { name branch { committee { community { name } } } } } } }`;
    type Nodes = {
      nodes: Array<{ doorNo: string; buildingGroup: { name: string; branch: { committee: { community: { name: string } } } } } | null>;
    };
    const ids = [households[0], otherHousehold, households[1]].map((h) => gid('Household', h));
    const res = await app.request<Nodes, { ids: string[] }>(NODES, { ids }, { as: 'admin.ancestry' });
    const [first, other, second] = ok(res).nodes;
    expect(other).toBeNull();
    for (const node of [first, second]) expect(node!.buildingGroup.branch.committee.community.name).toBeTruthy();
    expect(first!.doorNo).toBeTruthy();
    expect(res.extensions!.sqlStatements).toBe(2);
    expect(res.extensions!.sqlRoundTrips).toBe(1);
    // The platform sees the other community's household too, from the same statement.
    const all = await app.request<Nodes, { ids: string[] }>(NODES, { ids }, { as: 'platform.admin' });
    expect(ok(all).nodes.every((n) => n !== null)).toBe(true);
    expect(all.extensions!.sqlStatements).toBe(2);
  });

  it('reads more than 10 IDs once the request is let in: the same statements, one round trip more', async () => {
    const NODES = `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Household { id buildingGroup { name } } } }`;
    const ids = Array.from({ length: 11 }, (_, i) => gid('Household', households[i % households.length]));
    const res = await app.request<{ nodes: Array<{ id: string; buildingGroup: { name: string } } | null> }, { ids: string[] }>(
      NODES,
      { ids },
      { as: 'admin.ancestry' },
    );
    expect(ok(res).nodes.map((n) => n!.id)).toEqual(ids);
    expect(res.extensions!.sqlStatements).toBe(2);
    expect(res.extensions!.sqlRoundTrips).toBe(2);
  });

  it('refuses more than 100 IDs before reading any of them', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => gid('Household', households[i % households.length]));
    const res = await app.request<unknown, { ids: string[] }>(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Household { unit { building { name } } buildingGroup { name } } } }`,
      { ids },
      { as: 'admin.ancestry' },
    );
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    // authentication only
    expect(res.extensions!.sqlStatements).toBe(1);
    expect(res.extensions!.sqlRoundTrips).toBe(1);
  });

  it('answers the household the same whether it came with its ancestors or alone', async () => {
    const FIELDS = 'id doorNo areaSqm createdAt updatedAt archivedAt vulnerabilityTags';
    const up = `query ($id: ID!) { node(id: $id) { ... on Household { ${FIELDS} unit { name building { name } } } } }`;
    const alone = `query ($id: ID!) { node(id: $id) { ... on Household { ${FIELDS} unit { name } } } }`;
    for (const as of ['platform.admin', 'admin.ancestry']) {
      const a = await app.request<{ node: Record<string, unknown> & { unit: { name: string; building?: unknown } } }, { id: string }>(
        up,
        { id: gid('Household', households[1]) },
        { as },
      );
      const b = await app.request<{ node: Record<string, unknown> & { unit: { name: string } } }, { id: string }>(
        alone,
        { id: gid('Household', households[1]) },
        { as },
      );
      const { unit: unitA, ...householdA } = ok(a).node;
      const { unit: unitB, ...householdB } = ok(b).node;
      expect(householdA).toEqual(householdB);
      expect(householdA.doorNo).toBeTruthy();
      expect(unitA.name).toBe(unitB.name);
      expect(a.extensions!.sqlStatements).toBe(2);
      expect(b.extensions!.sqlStatements).toBe(3);
      // Read ahead with authentication, or each level in a round trip of its own.
      expect(a.extensions!.sqlRoundTrips).toBe(1);
      expect(b.extensions!.sqlRoundTrips).toBe(3);
    }
  });

  it('reads the household alone when the query does not walk up from it', async () => {
    const SHALLOW = `query ($id: ID!) { node(id: $id) { ... on Household { doorNo unit { name } } } }`;
    const res = await app.request<{ node: { doorNo: string; unit: { name: string } } | null }, { id: string }>(
      SHALLOW,
      { id: gid('Household', households[0]) },
      { as: 'admin.ancestry' },
    );
    expect(ok(res).node!.unit.name).toBeTruthy();
    const [{ door_no: doorNo }] = await sql<{ door_no: string }>(app.database, 'select door_no from household where id = $1', [
      households[0],
    ]);
    expect(ok(res).node!.doorNo).toBe(doorNo);
  });

  describe('for a caller whose budget is used up', () => {
    let tight: TestApp;
    beforeAll(async () => {
      tight = await startTestApp({
        database: app.database,
        env: { QUERY_BUDGET_POINTS: '10', QUERY_BUDGET_RESTORE_RATE: '1', QUERY_BUDGET_FLUSH_MS: '0' },
      });
      await sql(app.database, "insert into user_account (login, display_name) values ('spent.ancestry', 'spent') on conflict do nothing");
      await sql(
        app.database,
        "insert into role_binding (user_id, role, scope_type, scope_id) select id, 'COMMUNITY_ADMIN', 'COMMUNITY', c.community_id from user_account, (select community_id from household where id = $1) c where login = 'spent.ancestry'",
        [households[0]],
      );
    });
    afterAll(() => tight.close());

    it('refuses with THROTTLED and answers nothing of what it read ahead', async () => {
      const NODES = `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Household { id unit { name } } } }`;
      const ids = Array.from({ length: 20 }, (_, i) => gid('Household', households[i % households.length]));
      const spent = await tight.request<{ nodes: unknown[] }, { ids: string[] }>(NODES, { ids }, { as: 'spent.ancestry' });
      expect(ok(spent).nodes).toHaveLength(20);
      const res = await tight.request<Q3Data, { id: string }>(Q3, { id: gid('Household', households[0]) }, { as: 'spent.ancestry' });
      expect(res.status).toBe(429);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['THROTTLED']);
      expect(res.data ?? null).toBeNull();
      // Authentication and the read ahead, in one round trip; nothing after the refusal.
      expect(res.extensions!.sqlStatements).toBe(2);
      expect(res.extensions!.sqlRoundTrips).toBe(1);
    });
  });
});
