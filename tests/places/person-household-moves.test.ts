import { sql } from '../support/databases';
import { overlapping } from '../support/overlapping-transactions';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Migration20261213100000_persons_lock_their_household: a person's paths are its household's even
 * when the person is added while the household moves (to another unit, or with its building to
 * another building group). The person's trigger locks the household before it reads it, so the
 * insert waits and reads the moved household. Before, the insert read the household first: it was
 * refused by the statement's paths check when something else made it wait for the move (as here,
 * the compounds' roll-up rows), and kept the old paths for good when nothing did. A household's
 * persons list copies the household's paths (NodeSpec.inherits) and relies on this.
 */
describe('a person added while its household moves', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  /** A household, another unit of its community, and a building group its building is not in. */
  async function places(): Promise<{ household: number; community: number; otherUnit: number; building: number; group: number }> {
    const [row] = await sql<{ household: number; community: number; other_unit: number; building: number; group_id: number }>(
      app.database,
      `select h.id as household, h.community_id as community, h.building_id as building,
              (select u.id from unit u where u.community_id = h.community_id and u.id <> h.unit_id order by u.id desc limit 1) as other_unit,
              (select g.id from building_group g where g.community_id = h.community_id
                  and g.id is distinct from (select b.group_id from building b where b.id = h.building_id) order by g.id limit 1) as group_id
         from household h where h.archived_at is null and exists (select 1 from person p where p.household_id = h.id)
        order by h.id limit 1`,
    );
    return { household: row.household, community: row.community, otherUnit: row.other_unit, building: row.building, group: row.group_id };
  }

  /** Persons whose paths are not their household's (none, when the triggers hold). */
  async function strayPersons(): Promise<number[]> {
    const rows = await sql<{ id: number }>(
      app.database,
      `select p.id from person p join household h on h.id = p.household_id
        where p.path::text <> h.path::text or p.org_path::text is distinct from h.org_path::text order by p.id`,
    );
    return rows.map((r) => r.id);
  }

  const addPerson = (community: number, household: number, name: string) =>
    `insert into person (community_id, household_id, name, path) values (${community}, ${household}, '${name}', '')`;

  it('gives a person added while its household moves to another unit the moved household’s paths', async () => {
    const { household, community, otherUnit } = await places();
    expect(otherUnit).toBeTruthy();
    expect(await strayPersons()).toEqual([]);
    await overlapping(
      app.database,
      [`update household set unit_id = ${otherUnit}, door_no = 'pmove-1' where id = ${household}`],
      [addPerson(community, household, '移居甲')],
    );
    const [added] = await sql<{ path: string; household_path: string }>(
      app.database,
      "select p.path::text as path, h.path::text as household_path from person p join household h on h.id = p.household_id where p.name = '移居甲'",
    );
    expect(added.path).toBe(added.household_path);
    expect(added.path).toContain(`u${otherUnit}.`);
    expect(await strayPersons()).toEqual([]);
  });

  it('gives a person added while its building joins another building group the new organization path', async () => {
    const { household, community, building, group } = await places();
    expect(group).toBeTruthy();
    // A non-key update of the household (its org_path, through building and unit): the person's
    // foreign key alone would not wait for it.
    await overlapping(
      app.database,
      [`update building set group_id = ${group} where id = ${building}`],
      [addPerson(community, household, '移居乙')],
    );
    const [added] = await sql<{ org_path: string; household_org_path: string }>(
      app.database,
      "select p.org_path::text as org_path, h.org_path::text as household_org_path from person p join household h on h.id = p.household_id where p.name = '移居乙'",
    );
    expect(added.org_path).toBe(added.household_org_path);
    expect(await strayPersons()).toEqual([]);
  });
});
