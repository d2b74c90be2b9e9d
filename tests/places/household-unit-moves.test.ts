import { sql } from '../support/databases';
import { overlapping } from '../support/overlapping-transactions';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Migration20261210100000_locks_before_reads: a household's building, compound and paths are its
 * unit's even when the household and its unit (or the unit's building) move at the same moment. The
 * household's trigger locks the unit before it reads it, so whichever transaction comes second waits
 * and then sees the first: a household that waited reads the moved unit, a move that waited re-paths
 * the household committed under the unit, and a bulk insert that brought the unit's old paths is
 * refused.
 */
describe('a household moving while its unit moves', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  type Place = { unit: number; building: number; compound: number; community: number };

  /** A unit with households, another unit's household of its community, and a building of another compound. */
  async function places(): Promise<{ target: Place; household: number; otherBuilding: number; otherCompound: number }> {
    const [row] = await sql<Place & { household: number; other_building: number; other_compound: number }>(
      app.database,
      `select u.id as unit, u.building_id as building, b.compound_id as compound, u.community_id as community,
              (select h.id from household h where h.community_id = u.community_id and h.unit_id <> u.id and h.archived_at is null
                order by h.id desc limit 1) as household,
              ob.id as other_building, ob.compound_id as other_compound
         from unit u join building b on b.id = u.building_id
         join lateral (select ob.id, ob.compound_id from building ob
                        where ob.community_id = u.community_id and ob.compound_id <> b.compound_id order by ob.id limit 1) ob on true
        where exists (select 1 from household h where h.unit_id = u.id)
        order by u.id limit 1`,
    );
    return {
      target: { unit: row.unit, building: row.building, compound: row.compound, community: row.community },
      household: row.household,
      otherBuilding: row.other_building,
      otherCompound: row.other_compound,
    };
  }

  /** Households whose building, compound or paths are not their unit's (none, when the triggers hold). */
  async function strayHouseholds(): Promise<number[]> {
    const rows = await sql<{ id: number }>(
      app.database,
      `select h.id from household h join unit u on u.id = h.unit_id join building b on b.id = u.building_id
        where h.building_id <> u.building_id or h.compound_id <> b.compound_id
           or h.path::text <> (u.path || ('h' || h.id)::ltree)::text or h.org_path::text is distinct from u.org_path::text
        order by h.id`,
    );
    return rows.map((r) => r.id);
  }

  async function householdOf(id: number): Promise<{ unit: number; building: number; compound: number }> {
    const [row] = await sql<{ unit: number; building: number; compound: number }>(
      app.database,
      'select unit_id as unit, building_id as building, compound_id as compound from household where id = $1',
      [id],
    );
    return row;
  }

  it('gives a household moved into a unit that is moving to another building the building it moved to', async () => {
    const { target, household, otherBuilding, otherCompound } = await places();
    expect(await strayHouseholds()).toEqual([]);
    await overlapping(
      app.database,
      [`update unit set building_id = ${otherBuilding}, name = name || '-m1' where id = ${target.unit}`],
      [`update household set unit_id = ${target.unit}, door_no = 'move-1' where id = ${household}`],
    );
    expect(await householdOf(household)).toEqual({ unit: target.unit, building: otherBuilding, compound: otherCompound });
    expect(await strayHouseholds()).toEqual([]);
  });

  it('re-paths a household that moved into the unit first when the unit moves after it', async () => {
    const { target, household, otherBuilding, otherCompound } = await places();
    await overlapping(
      app.database,
      [`update household set unit_id = ${target.unit}, door_no = 'move-2' where id = ${household}`],
      [`update unit set building_id = ${otherBuilding}, name = name || '-m2' where id = ${target.unit}`],
    );
    expect(await householdOf(household)).toEqual({ unit: target.unit, building: otherBuilding, compound: otherCompound });
    expect(await strayHouseholds()).toEqual([]);
  });

  it("gives a household moved into a unit the compound and paths of the unit's building moving to another compound", async () => {
    const { target, household, otherCompound } = await places();
    const [before] = await sql<{ unit: number }>(app.database, 'select unit_id as unit from household where id = $1', [household]);
    expect(before.unit).not.toBe(target.unit);
    await overlapping(
      app.database,
      [`update building set compound_id = ${otherCompound}, name = name || '-m3' where id = ${target.building}`],
      [`update household set unit_id = ${target.unit}, door_no = 'move-3' where id = ${household}`],
    );
    expect(await householdOf(household)).toEqual({ unit: target.unit, building: target.building, compound: otherCompound });
    expect(await strayHouseholds()).toEqual([]);
  });

  it("refuses a bulk insert bringing a unit's old paths while its building joins a building group", async () => {
    const { target } = await places();
    const [group] = await sql<{ id: number }>(
      app.database,
      `select g.id from building_group g where g.community_id = $1
          and g.id is distinct from (select group_id from building where id = $2) order by g.id limit 1`,
      [target.community, target.building],
    );
    expect(group).toBeDefined();
    // As a bulk upsert inserts: the derived columns given, read from the unit before the building moved.
    const insert = `insert into household (id, community_id, compound_id, building_id, unit_id, door_no, path, org_path)
      select n.id, u.community_id, b.compound_id, u.building_id, u.id, 'move-4', u.path || ('h' || n.id)::ltree, u.org_path
        from (select nextval('household_id_seq')::int as id) n, unit u join building b on b.id = u.building_id where u.id = ${target.unit}`;
    await expect(
      overlapping(app.database, [`update building set group_id = ${group.id} where id = ${target.building}`], [insert]),
    ).rejects.toMatchObject({ code: '23514', constraint: 'household_paths_given' });
    const [left] = await sql<{ n: number }>(app.database, "select count(*)::int as n from household where door_no = 'move-4'");
    expect(left.n).toBe(0);
    // Without a concurrent move the same insert stands, with the unit's paths.
    await sql(app.database, insert);
    expect(await strayHouseholds()).toEqual([]);
    const [added] = await sql<{ n: number }>(app.database, "select count(*)::int as n from household where door_no = 'move-4'");
    expect(added.n).toBe(1);
  });
  it("moves a building while one statement's households go into two of its units, without a deadlock", async () => {
    const { target, otherCompound } = await places();
    // Two new units of the building, the one with the lower key written last, and the move's re-path
    // made to read the heap (as a planner may): it reaches the higher unit first.
    const units = await sql<{ id: number }>(
      app.database,
      `insert into unit (community_id, building_id, name) values ($1, $2, 'lock-order-b'), ($1, $2, 'lock-order-a') returning id`,
      [target.community, target.building],
    );
    const [low, high] = units.map((u) => u.id).sort((x, y) => x - y);
    await sql(app.database, `update unit set name = 'lock-order-c' where id = $1`, [low]);
    const insert = (unit: number, door: string) =>
      `insert into household (community_id, unit_id, door_no) values (${target.community}, ${unit}, '${door}')`;
    // A statement inserting into both units locks them in key order: the lower one, then the higher.
    await overlapping(
      app.database,
      [insert(low, 'order-1')],
      [
        'set local enable_indexscan = off',
        'set local enable_bitmapscan = off',
        `update building set compound_id = ${otherCompound}, name = name || '-m5' where id = ${target.building}`,
      ],
      [insert(high, 'order-2')],
    );
    const moved = await sql<{ door_no: string; compound: number }>(
      app.database,
      `select door_no, compound_id as compound from household where door_no in ('order-1', 'order-2') order by door_no`,
    );
    expect(moved).toEqual([
      { door_no: 'order-1', compound: otherCompound },
      { door_no: 'order-2', compound: otherCompound },
    ]);
    expect(await strayHouseholds()).toEqual([]);
  });

  it('moves a compound to another branch while a building of it is edited and gets a household, without a deadlock', async () => {
    const { target } = await places();
    const [branch] = await sql<{ id: number }>(
      app.database,
      `select br.id from compound_branch br where br.community_id = $1
          and br.id is distinct from (select branch_id from compound where id = $2) order by br.id limit 1`,
      [target.community, target.compound],
    );
    expect(branch).toBeDefined();
    const [compound] = await sql<{ id: number }>(app.database, 'select compound_id as id from building where id = $1', [target.building]);
    // The edit holds the building; the move takes buildings before units, so it holds no unit while it waits.
    await overlapping(
      app.database,
      [`update building set name = name || '-e6' where id = ${target.building}`],
      [`update compound set branch_id = ${branch.id} where id = ${compound.id}`],
      [`insert into household (community_id, unit_id, door_no) values (${target.community}, ${target.unit}, 'order-6')`],
    );
    const [added] = await sql<{ org_path: string | null; unit_org_path: string | null }>(
      app.database,
      `select h.org_path::text as org_path, u.org_path::text as unit_org_path from household h join unit u on u.id = h.unit_id
        where h.door_no = 'order-6'`,
    );
    expect(added.org_path).toBe(added.unit_org_path);
    expect(await strayHouseholds()).toEqual([]);
  });
});
