import pg from 'pg';
import { databaseUrl, sql } from '../support/databases';
import { overlapping } from '../support/overlapping-transactions';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Migration20261209100000_household_insert_checks: a household has one foreign key (its unit); its
 * building, compound and community are the unit's, and still cannot be deleted while it stands or
 * moved from under an insert. The compounds' roll-up adds inserted households instead of recounting
 * the compound: it must equal the count after inserts of one or many households, archived or not,
 * in buildings with or without a building group, and count both of two concurrent inserters.
 */
describe("a household's checks and roll-up on insert", () => {
  let app: TestApp;
  let unit: { id: number; community_id: number; building_id: number; compound_id: number };

  beforeAll(async () => {
    app = await startTestApp();
    [unit] = await sql(
      app.database,
      `select u.id, u.community_id, u.building_id, b.compound_id from unit u join building b on b.id = u.building_id
        where exists (select 1 from household h where h.unit_id = u.id) order by u.id limit 1`,
    );
  });
  afterAll(() => app.close());

  /** Statements in one committed transaction, as the test superuser under a grant for everything. */
  async function asOwner<T extends pg.QueryResultRow>(client: pg.Client | null, ...statements: string[]): Promise<T[]> {
    const own = client ?? new pg.Client({ connectionString: databaseUrl(app.database) });
    if (!client) await own.connect();
    try {
      await own.query('begin');
      await own.query('select lianxin_grant_everything()');
      let rows: T[] = [];
      for (const statement of statements) rows = (await own.query<T>(statement)).rows;
      await own.query('commit');
      return rows;
    } catch (err) {
      await own.query('rollback');
      throw err;
    } finally {
      if (!client) await own.end();
    }
  }

  type Figures = { compound_id: number; households: number; grouped: number };

  async function expectRollUpEqualsCount(): Promise<void> {
    const kept = await asOwner<Figures>(
      null,
      'select compound_id, households, grouped_households as grouped from lianxin_figures_compound order by 1',
    );
    const counted = await sql<Figures>(
      app.database,
      `select cp.id as compound_id,
              (select count(*)::int from household h where h.compound_id = cp.id and h.archived_at is null) as households,
              (select count(*)::int from household h join building b on b.id = h.building_id
                where h.compound_id = cp.id and h.archived_at is null and b.group_id is not null) as grouped
         from compound cp order by 1`,
    );
    expect(counted.some((c) => c.grouped > 0)).toBe(true);
    expect(kept).toEqual(counted);
  }

  it('keeps the compounds’ household counts equal to the count after inserts, one or many, archived or not', async () => {
    await expectRollUpEqualsCount();
    await asOwner(
      null,
      `insert into household (community_id, compound_id, building_id, unit_id, door_no)
       select community_id, compound_id, building_id, unit_id, 'hic-1' from household where unit_id = ${unit.id} order by id limit 1`,
    );
    await expectRollUpEqualsCount();
    // Many in one statement, over every compound, buildings with and without a group, some archived.
    await asOwner(
      null,
      `insert into household (community_id, compound_id, building_id, unit_id, door_no, archived_at)
       select community_id, compound_id, building_id, unit_id, 'hic-' || id, case when id % 5 = 0 then now() end
         from household where archived_at is null and id % 3 = 0`,
    );
    await expectRollUpEqualsCount();
    await asOwner(null, `delete from household where door_no like 'hic-%'`);
    await expectRollUpEqualsCount();
  });

  /** How often a statement's triggers recounted compounds in one transaction (pg_stat_xact_user_functions). */
  async function recountsOf(...statements: string[]): Promise<number> {
    const client = new pg.Client({ connectionString: databaseUrl(app.database) });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(`set local track_functions = 'pl'`);
      await client.query('select lianxin_grant_everything()');
      for (const statement of statements) await client.query(statement);
      const { rows } = await client.query<{ n: number }>(
        `select coalesce(sum(calls), 0)::int as n from pg_stat_xact_user_functions where funcname = 'lianxin_figures_refresh_compounds'`,
      );
      await client.query('commit');
      return rows[0].n;
    } finally {
      await client.end();
    }
  }

  it('recounts nothing for an insert of archived households only, and refreshes a compound without a roll-up row', async () => {
    const archived = (door: string) =>
      `insert into household (community_id, compound_id, building_id, unit_id, door_no, archived_at)
       select community_id, compound_id, building_id, unit_id, '${door}', now() from household where unit_id = ${unit.id} order by id limit 1`;
    expect(await recountsOf(archived('hic-archived-1'))).toBe(0);
    await expectRollUpEqualsCount();
    // A compound whose roll-up row is missing gets it whole, whatever the insert.
    expect(
      await recountsOf(`delete from lianxin_figures_compound where compound_id = ${unit.compound_id}`, archived('hic-archived-2')),
    ).toBe(1);
    await expectRollUpEqualsCount();
    await asOwner(null, `delete from household where door_no like 'hic-archived-%'`);
    await expectRollUpEqualsCount();
  });

  it('counts both of two concurrent inserters into one compound', async () => {
    const insert = (door: string) =>
      `insert into household (community_id, compound_id, building_id, unit_id, door_no)
       select community_id, compound_id, building_id, unit_id, '${door}' from household where unit_id = ${unit.id} order by id limit 1`;
    // The second waits for the first's lock on the compound's roll-up row, then adds to what it committed.
    await overlapping(app.database, [insert('hic-a')], [insert('hic-b')]);
    await expectRollUpEqualsCount();
    await asOwner(null, `delete from household where door_no in ('hic-a', 'hic-b')`);
    await expectRollUpEqualsCount();
  });

  it('refuses to delete the building, compound or community of a standing household', async () => {
    for (const statement of [
      `delete from building where id = ${unit.building_id}`,
      `delete from compound where id = ${unit.compound_id}`,
      `delete from community where id = ${unit.community_id}`,
    ])
      // A foreign key's refusal: PostgreSQL 18 reports an ON DELETE RESTRICT key as restrict_violation
      // (23001), earlier versions as foreign_key_violation (23503).
      await expect(asOwner(null, statement)).rejects.toMatchObject({ code: expect.stringMatching(/^(23503|23001)$/) });
    const [left] = await sql<{ n: number }>(app.database, 'select count(*)::int as n from building where id = $1', [unit.building_id]);
    expect(left.n).toBe(1);
  });

  it('keeps a building from moving to another compound while households are being inserted into it', async () => {
    const [other] = await sql<{ id: number }>(
      app.database,
      'select id from compound where community_id = $1 and id <> $2 order by id limit 1',
      [unit.community_id, unit.compound_id],
    );
    const writer = new pg.Client({ connectionString: databaseUrl(app.database) });
    const mover = new pg.Client({ connectionString: databaseUrl(app.database) });
    await Promise.all([writer.connect(), mover.connect()]);
    try {
      await writer.query('begin');
      await writer.query('select lianxin_grant_everything()');
      // As a bulk upsert inserts: with the derived columns given, so only the statement's check reads the building.
      await writer.query(
        `insert into household (id, community_id, compound_id, building_id, unit_id, door_no, path, org_path)
         select n.id, u.community_id, b.compound_id, u.building_id, u.id, 'hic-lock', u.path || ('h' || n.id)::ltree, u.org_path
           from (select nextval('household_id_seq')::int as id) n, unit u join building b on b.id = u.building_id where u.id = ${unit.id}`,
      );
      await mover.query('begin');
      await mover.query('select lianxin_grant_everything()');
      await mover.query(`set local lock_timeout = '300ms'`);
      // The building's move reaches its units (their paths), which the insert's check holds.
      await expect(
        mover.query(`update building set compound_id = ${other.id}, name = name || '-moved' where id = ${unit.building_id}`),
      ).rejects.toMatchObject({
        code: '55P03',
      });
      await mover.query('rollback');
      await writer.query('rollback');
    } finally {
      await Promise.all([writer.end(), mover.end()]);
    }
  });
});
