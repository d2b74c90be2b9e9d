import pg from 'pg';
import { databaseUrl, sql } from '../support/databases';
import { inRequestOf } from '../support/request-transaction';
import { gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * Compound.householdCount is read from the compounds' figures roll-up where it has a row, counted
 * where it has none. Both ways it must be the count of the compound's active households, and only
 * for callers whose grant reaches the compound's community — the roll-up gives no one more.
 */
describe("a compound's household count, from the figures roll-up or counted", () => {
  let app: TestApp;
  let compound: number;

  beforeAll(async () => {
    app = await startTestApp();
    [{ id: compound }] = await sql<{ id: number }>(
      app.database,
      `select h.compound_id as id from household h join community c on c.id = h.community_id
        where c.name = '永康北路社区' and h.archived_at is null group by 1 order by count(*) desc, 1 limit 1`,
    );
  });
  afterAll(() => app.close());

  /** Committed, as the test superuser with a grant for everything (the figures triggers run as for any writer). */
  async function asOwner<T extends pg.QueryResultRow>(statement: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: databaseUrl(app.database) });
    await client.connect();
    try {
      await client.query('begin');
      await client.query('select lianxin_grant_everything()');
      const rows = (await client.query<T>(statement)).rows;
      await client.query('commit');
      return rows;
    } finally {
      await client.end();
    }
  }

  async function counted(): Promise<number> {
    const [row] = await sql<{ n: number }>(
      app.database,
      'select count(*)::int as n from household where compound_id = $1 and archived_at is null',
      [compound],
    );
    return row.n;
  }

  async function rollUpRows(): Promise<number> {
    const [row] = await asOwner<{ n: number }>(`select count(*)::int as n from lianxin_figures_compound where compound_id = ${compound}`);
    return row.n;
  }

  /** What lianxin_compound_figures gives `login` in a request transaction begun as the server begins one, and its grant afterwards. */
  async function figuresFor(login: string): Promise<{ rows: Array<{ households: number }>; reach: number[] }> {
    const [user] = await sql<{ id: number }>(app.database, 'select id from user_account where login = $1', [login]);
    return inRequestOf(app, user.id, async (em) => {
      const rows = await em.execute<Array<{ households: number }>>('select households from lianxin_compound_figures(array[?]::int[])', [
        compound,
      ]);
      const [grant] = await em.execute<Array<{ reach: number[] }>>('select lianxin_community_ids() as reach');
      return { rows, reach: grant.reach };
    });
  }

  async function householdCountSeen(): Promise<number | undefined> {
    const data = ok(
      await app.request<{ node: { householdCount: number } | null }, { id: string }>(
        'query ($id: ID!) { node(id: $id) { ... on Compound { householdCount } } }',
        { id: gid('Compound', compound) },
      ),
    );
    return data.node?.householdCount;
  }

  it('reads the roll-up, kept equal to the count as households are archived', async () => {
    expect(await rollUpRows()).toBe(1);
    const before = await counted();
    expect(before).toBeGreaterThan(1);
    expect(await householdCountSeen()).toBe(before);
    await asOwner(
      `update household set archived_at = now() where id = (select min(id) from household where compound_id = ${compound} and archived_at is null)`,
    );
    expect(await counted()).toBe(before - 1);
    expect(await householdCountSeen()).toBe(before - 1);
    const own = await figuresFor('admin.yongkangbeilu');
    expect(own.rows).toEqual([{ households: before - 1 }]);
    expect((await figuresFor('admin.zhenxing')).rows).toEqual([]);
  });

  it('counts a compound that has no roll-up row, for the same callers only, and leaves their grant as it was', async () => {
    await asOwner(`delete from lianxin_figures_compound where compound_id = ${compound}`);
    expect(await rollUpRows()).toBe(0);
    const n = await counted();
    expect(await householdCountSeen()).toBe(n);
    const own = await figuresFor('admin.yongkangbeilu');
    expect(own.rows).toEqual([{ households: n }]);
    const other = await figuresFor('admin.zhenxing');
    expect(other.rows).toEqual([]);
    // The count was made under a grant for everything; the caller's own grant is back afterwards.
    const [{ id: yongkang }] = await sql<{ id: number }>(app.database, "select id from community where name = '永康北路社区'");
    expect(own.reach).toEqual([yongkang]);
    expect(other.reach).not.toContain(yongkang);
    expect(await rollUpRows()).toBe(0);
  });
});
