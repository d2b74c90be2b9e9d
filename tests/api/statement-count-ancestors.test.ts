import { readFileSync } from 'node:fs';
import path from 'node:path';
import { quietLogger } from '../../src/core/logger';
import { seedSynthetic } from '../../src/seed/synthetic';
import { databaseUrl, sql } from '../support/databases';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * The bench's Q3: one household up both trees (unit → building → compound, and building group →
 * branch → committee → community → street → district), read from bench/queries/Q3.graphql. The
 * ancestors come by their keys in one statement, so the read is authentication, the household and its ancestry.
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

  it.each([['platform.admin'], ['admin.ancestry']])('are at most three for %s, with the whole ancestry answered', async (as) => {
    const first = await app.request<Q3Data, { id: string }>(Q3, { id: gid('Household', households[0]) }, { as });
    const last = await app.request<Q3Data, { id: string }>(Q3, { id: gid('Household', households[households.length - 1]) }, { as });
    for (const res of [first, last]) {
      const node = ok(res).node!;
      expect(node.unit.building.compound.name).toBeTruthy();
      expect(node.buildingGroup!.branch.committee.community.street.district.name).toBe('ancestry');
    }
    expect(first.extensions?.sqlStatements).toBe(last.extensions?.sqlStatements);
    // authentication, the household, its ancestors
    expect(first.extensions!.sqlStatements).toBeLessThanOrEqual(3);
  });

  it("answers another community's household as missing to a community admin", async () => {
    const res = await app.request<Q3Data, { id: string }>(Q3, { id: gid('Household', otherHousehold) }, { as: 'admin.ancestry' });
    expect(res.data?.node ?? null).toBeNull();
  });
});
