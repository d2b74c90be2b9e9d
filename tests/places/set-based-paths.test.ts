import { sql, sqlAs } from '../support/databases';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Migration20261205200000_set_based_paths: a household, person or external ID inserted with its
 * derived values (as the bulk upserts do) is checked once per statement; inserted without them, the
 * per-row trigger fills them in as before. Wrong values refuse the whole statement.
 */
describe('paths given on insert', () => {
  let app: TestApp;
  let unit: { id: number; community_id: number; building_id: number; compound_id: number; path: string; org_path: string | null };
  let otherCommunity: number;
  let otherBuilding: number;

  beforeAll(async () => {
    app = await startTestApp();
    [unit] = await sql(
      app.database,
      `select u.id, u.community_id, u.building_id, b.compound_id, u.path::text as path, u.org_path::text as org_path
         from unit u join building b on b.id = u.building_id order by u.id limit 1`,
    );
    [{ id: otherBuilding }] = await sql<{ id: number }>(app.database, 'select id from building where id <> $1 order by id limit 1', [
      unit.building_id,
    ]);
    [{ id: otherCommunity }] = await sql<{ id: number }>(app.database, 'select id from community where id <> $1 order by id limit 1', [
      unit.community_id,
    ]);
  });
  afterAll(() => app.close());

  const insertHousehold = (overrides: Record<string, unknown> = {}) => {
    const h = {
      community_id: unit.community_id,
      building_id: unit.building_id,
      compound_id: unit.compound_id,
      org_path: unit.org_path,
      ...overrides,
    };
    return sqlAs<{ id: number; path: string }>(
      app.database,
      'lianxin_app',
      `with n as (select nextval('household_id_seq')::int as id)
       insert into household (id, community_id, unit_id, building_id, compound_id, door_no, path, org_path)
       select n.id, $1, $2, $3, $4, 'T-1', coalesce($5::ltree, $7::ltree || ('h' || n.id)::ltree), $6::ltree from n
       returning id, path::text as path`,
      [h.community_id, unit.id, h.building_id, h.compound_id, overrides.path ?? null, h.org_path, unit.path],
    );
  };

  it('accepts a household whose given paths are its unit’s', async () => {
    const [row] = await insertHousehold();
    expect(row.path).toBe(`${unit.path}.h${row.id}`);
  });

  it('refuses a household with a wrong path, building or community, naming the rule', async () => {
    await expect(insertHousehold({ path: `${unit.path}.h1` })).rejects.toMatchObject({ constraint: 'household_paths_given' });
    await expect(insertHousehold({ building_id: otherBuilding })).rejects.toMatchObject({ constraint: 'household_paths_given' });
    await expect(insertHousehold({ community_id: otherCommunity })).rejects.toMatchObject({ constraint: 'household_same_community' });
  });

  it('still fills in the paths of a household inserted without them', async () => {
    const [row] = await sqlAs<{ id: number; path: string; building_id: number }>(
      app.database,
      'lianxin_app',
      `insert into household (community_id, unit_id, building_id, compound_id, door_no) values ($1, $2, 0, 0, 'T-2')
       returning id, path::text as path, building_id`,
      [unit.community_id, unit.id],
    );
    expect(row).toEqual({ id: row.id, path: `${unit.path}.h${row.id}`, building_id: unit.building_id });
  });

  it('checks persons the same way', async () => {
    const [h] = await sql<{ id: number; path: string; org_path: string | null; community_id: number }>(
      app.database,
      'select id, path::text as path, org_path::text as org_path, community_id from household order by id limit 1',
    );
    const insert = (path: string, community = h.community_id) =>
      sqlAs<{ path: string }>(
        app.database,
        'lianxin_app',
        `insert into person (community_id, household_id, name, path, org_path) values ($1, $2, '测试', $3::ltree, $4::ltree) returning path::text as path`,
        [community, h.id, path, h.org_path],
      );
    await expect(insert(h.path)).resolves.toEqual([{ path: h.path }]);
    await expect(insert(`${h.path}.x`)).rejects.toMatchObject({ constraint: 'person_paths_given' });
    await expect(insert(h.path, otherCommunity)).rejects.toMatchObject({ constraint: 'person_same_community' });
  });

  it('refuses an external ID naming another community than its node’s, or a node that does not exist', async () => {
    const insert = (community: number, nodeId: number) =>
      sqlAs(
        app.database,
        'lianxin_app',
        `insert into external_id (community_id, system, node_type, node_id, external_id) values ($1, 'test-system', 'UNIT', $2, 'U-1')`,
        [community, nodeId],
      );
    await expect(insert(unit.community_id, unit.id)).resolves.toEqual([]);
    await expect(insert(otherCommunity, unit.id)).rejects.toMatchObject({ constraint: 'external_id_same_community' });
    await expect(insert(unit.community_id, -5)).rejects.toMatchObject({ constraint: 'external_id_node_exists' });
  });
});
