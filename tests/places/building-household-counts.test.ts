import pg from 'pg';
import { CreateApiKeyDocument } from '../generated/graphql';
import { databaseUrl, sql } from '../support/databases';
import { overlapping } from '../support/overlapping-transactions';
import { inRequestOf } from '../support/request-transaction';
import { gid, ok, startTestApp, type RequestOptions, type TestApp } from '../support/test-app';

/*
 * A building's `households { totalCount }` (active households, the default) is read from
 * lianxin_building_households, kept by household's triggers; archived ones (ARCHIVED, ALL) are still
 * counted. The roll-up must equal the count after any write, and give every caller exactly what
 * counting under the household policy gives them, no more: ACTIVE must equal ALL − ARCHIVED for
 * everyone, including callers whose residents' lock is narrower than the building's reach and
 * callers of another community.
 */
describe("a building's household count, from the maintained roll-up", () => {
  let app: TestApp;
  let serviceKey = '';

  beforeAll(async () => {
    app = await startTestApp();
    const [sync] = await sql<{ id: number }>(app.database, "select id from service_account where name = 'sync.yongkangbeilu'");
    serviceKey = ok(
      await app.request(CreateApiKeyDocument, { input: { serviceAccountId: gid('ServiceAccount', sync.id), label: 'counts' } }),
    ).createApiKey.secret!;
  });
  afterAll(() => app.close());

  /** Committed, as the test superuser with a grant for everything (the triggers run as for any writer). */
  async function asOwner<T extends pg.QueryResultRow>(...statements: string[]): Promise<T[]> {
    const client = new pg.Client({ connectionString: databaseUrl(app.database) });
    await client.connect();
    try {
      await client.query('begin');
      await client.query('select lianxin_grant_everything()');
      let rows: T[] = [];
      for (const statement of statements) rows = (await client.query<T>(statement)).rows;
      await client.query('commit');
      return rows;
    } finally {
      await client.end();
    }
  }

  type Pair = { building_id: number; community_id: number; n: number };

  /** The roll-up's non-zero rows and the direct count, both ordered by building and community. */
  async function rollUpAndCount(): Promise<{ kept: Pair[]; counted: Pair[] }> {
    const kept = await asOwner<Pair>(
      'select building_id, community_id, households as n from lianxin_building_households where households <> 0 order by 1, 2',
    );
    const counted = await sql<Pair>(
      app.database,
      'select building_id, community_id, count(*)::int as n from household where archived_at is null group by 1, 2 order by 1, 2',
    );
    return { kept, counted };
  }

  async function expectKeptEqualsCounted(): Promise<void> {
    const { kept, counted } = await rollUpAndCount();
    expect(counted.length).toBeGreaterThan(10);
    expect(kept).toEqual(counted);
  }

  it('starts equal to the count, for every building', async () => {
    await expectKeptEqualsCounted();
  });

  it('stays equal after inserts, archives, restores, moves and deletes of households, one or many per statement', async () => {
    const [{ id: first }] = await sql<{ id: number }>(app.database, 'select min(id)::int as id from household where archived_at is null');
    const [{ building: other, unit: otherUnit, compound: otherCompound }] = await sql<{ building: number; unit: number; compound: number }>(
      app.database,
      `select u.building_id as building, u.id as unit, b.compound_id as compound from unit u join building b on b.id = u.building_id
        where b.community_id = (select community_id from household where id = $1) and u.building_id <> (select building_id from household where id = $1)
        order by u.id limit 1`,
      [first],
    );
    // One insert, then many in one statement.
    await asOwner(
      `insert into household (community_id, compound_id, building_id, unit_id, door_no)
       select community_id, compound_id, building_id, unit_id, 'q1c-1' from household where id = ${first}`,
    );
    await expectKeptEqualsCounted();
    await asOwner(
      `insert into household (community_id, compound_id, building_id, unit_id, door_no)
       select community_id, compound_id, building_id, unit_id, 'q1c-' || id from household where archived_at is null and id % 7 = 0`,
    );
    await expectKeptEqualsCounted();
    // Archived (many), one restored, an unrelated change, a move to another building, deletes.
    await asOwner(`update household set archived_at = now() where door_no like 'q1c-%' and id % 2 = 0`);
    await expectKeptEqualsCounted();
    await asOwner(
      `update household set archived_at = null where id = (select min(id) from household where door_no like 'q1c-%' and archived_at is not null)`,
    );
    await expectKeptEqualsCounted();
    await asOwner(`update household set area_sqm = 88 where door_no like 'q1c-%'`);
    await expectKeptEqualsCounted();
    await asOwner(
      `update household set building_id = ${other}, unit_id = ${otherUnit}, compound_id = ${otherCompound}
        where id = (select max(id) from household where door_no like 'q1c-%' and archived_at is null)`,
    );
    await expectKeptEqualsCounted();
    await asOwner(`delete from household where door_no like 'q1c-%' and id % 3 = 0`);
    await expectKeptEqualsCounted();
    await asOwner(`delete from household where door_no like 'q1c-%'`);
    await expectKeptEqualsCounted();
  });

  it('counts both of two concurrent writers to one building', async () => {
    const [row] = await sql<{ id: number; building: number }>(
      app.database,
      'select min(id)::int as id, (array_agg(building_id order by id))[1] as building from household where archived_at is null',
    );
    const insert = (door: string) =>
      `insert into household (community_id, compound_id, building_id, unit_id, door_no)
       select community_id, compound_id, building_id, unit_id, '${door}' from household where id = ${row.id}`;
    // b waits for a's lock on the building's roll-up row, then adds to what a committed.
    await overlapping(app.database, [insert('q1c-a')], [insert('q1c-b')]);
    await expectKeptEqualsCounted();
    await asOwner(`delete from household where door_no in ('q1c-a', 'q1c-b')`);
    await expectKeptEqualsCounted();
  });

  it('carries the household policy, word for word', async () => {
    const policies = await sql<{ tablename: string; cmd: string; permissive: string; qual: string; with_check: string }>(
      app.database,
      `select tablename, cmd, permissive, qual, with_check from pg_policies
        where tablename in ('household', 'lianxin_building_households') order by tablename`,
    );
    expect(policies).toHaveLength(2);
    const [household, rollUp] = policies;
    expect(rollUp.tablename).toBe('lianxin_building_households');
    expect({ ...rollUp, tablename: 'household' }).toEqual(household);
    const [rls] = await sql<{ on: boolean; forced: boolean }>(
      app.database,
      "select relrowsecurity as on, relforcerowsecurity as forced from pg_class where relname = 'lianxin_building_households'",
    );
    expect(rls).toEqual({ on: true, forced: true });
    const [grants] = await sql<{ privileges: string[] }>(
      app.database,
      `select array_agg(privilege_type::text order by privilege_type) as privileges from information_schema.role_table_grants
        where table_name = 'lianxin_building_households' and grantee = 'lianxin_app'`,
    );
    expect(grants.privileges).toEqual(['SELECT']);
  });

  const PRINCIPALS = [
    'platform.admin',
    'admin.yongkangbeilu',
    'admin.zhenxing',
    'district.xiaodian',
    'street.xiaodian',
    'secretary.xinyuan',
    'committee.xinyuan',
    'leader.xinyuan',
    'grid.xinyuan',
    'finance.xinyuan',
    'member.xinyuan',
    'owner.xinyuan',
    'resident.xinyuan',
    'resident.zhenxing',
    'sync.yongkangbeilu',
  ];

  function auth(principal: string): RequestOptions {
    return principal === 'sync.yongkangbeilu' ? { as: null, headers: { authorization: `Bearer ${serviceKey}` } } : { as: principal };
  }

  type Counts = { id: string; active?: { totalCount: number }; all?: { totalCount: number }; gone?: { totalCount: number } } | null;

  it('gives every caller, of this community or another, what counting under the household policy gives them', async () => {
    // Some archived households, so ALL and ARCHIVED differ from ACTIVE.
    await asOwner(`update household set archived_at = now() where id in (select min(id) from household group by building_id)`);
    await expectKeptEqualsCounted();
    const buildings = await sql<{ id: number; households: number }>(
      app.database,
      `select b.id, (select count(*)::int from household h where h.building_id = b.id and h.archived_at is null) as households
         from building b order by b.id`,
    );
    expect(buildings.length).toBeGreaterThan(0);
    const document = `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Building { id
      active: households { totalCount } all: households(archived: ALL) { totalCount } gone: households(archived: ARCHIVED) { totalCount } } } }`;
    let seenBuildings = 0;
    for (const principal of PRINCIPALS) {
      for (let i = 0; i < buildings.length; i += 100) {
        const slice = buildings.slice(i, i + 100);
        const res = await app.request<{ nodes: Counts[] }, { ids: string[] }>(
          document,
          { ids: slice.map((b) => gid('Building', b.id)) },
          auth(principal),
        );
        // A field refused is refused for all three alike (the same rule guards them).
        const refused = new Map<string, Set<string>>();
        for (const e of res.errors ?? []) {
          const field = String(e.path?.[e.path.length - 1]);
          if (!['active', 'all', 'gone'].includes(field)) continue;
          const at = String(e.path?.slice(0, -1).join('.'));
          if (!refused.has(at)) refused.set(at, new Set());
          refused.get(at)!.add(field);
        }
        for (const fields of refused.values()) expect([...fields].sort()).toEqual(['active', 'all', 'gone']);
        for (const node of res.data?.nodes ?? []) {
          if (!node?.active || !node.all || !node.gone) continue;
          seenBuildings += 1;
          expect({ principal, building: node.id, n: node.active.totalCount }).toEqual({
            principal,
            building: node.id,
            n: node.all.totalCount - node.gone.totalCount,
          });
        }
      }
    }
    expect(seenBuildings).toBeGreaterThan(buildings.length);
  });

  it('sums, in a request transaction of every user, to the households that user may count, also where they see the building and not its households', async () => {
    const users = await sql<{ id: number; login: string }>(app.database, 'select id, login from user_account order by id');
    expect(users.length).toBeGreaterThan(10);
    const occupied = (
      await sql<{ b: number }>(app.database, 'select distinct building_id as b from household where archived_at is null')
    ).map((r) => r.b);
    let narrower = 0;
    for (const user of users) {
      await inRequestOf(app, user.id, async (em) => {
        const counted = await em.execute<Array<{ b: number; n: number }>>(
          'select building_id as b, count(*)::int as n from household where archived_at is null group by 1 order by 1',
        );
        const kept = await em.execute<Array<{ b: number; n: number }>>(
          'select building_id as b, sum(households)::int as n from lianxin_building_households group by 1 having sum(households) <> 0 order by 1',
        );
        expect({ login: user.login, rows: kept }).toEqual({ login: user.login, rows: counted });
        const [hidden] = await em.execute<Array<{ n: number }>>(
          `select count(*)::int as n from building b
            where b.id = any (string_to_array(?, ',')::int[])
              and not exists (select 1 from lianxin_building_households k where k.building_id = b.id and k.households <> 0)`,
          [occupied.join(',')],
        );
        if (hidden.n > 0) narrower += 1;
      });
    }
    // Some users see buildings whose households their residents' lock hides: the narrower case is covered.
    expect(narrower).toBeGreaterThan(0);
  });
});
