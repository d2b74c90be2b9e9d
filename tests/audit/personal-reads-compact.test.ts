import { sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * The read log is written as one row per kind of value shown (Household.doorNo), naming the objects
 * in an array: a compound's walk down to its persons (the bench's Q2) writes the same number of log
 * rows and sends the same number of statements however many households and persons it shows. The
 * community's log still lists one entry per object shown, exactly those, through every page.
 */
const WALK = `query Walk($id: ID!) {
  node(id: $id) {
    ... on Compound {
      buildings { nodes { units { nodes { households { nodes { id doorNo persons { nodes { id name birthYear } } } } } } } }
    }
  }
}`;

const LOG = `query Log($communityId: ID!, $subjectId: ID, $first: Int, $after: String, $last: Int, $before: String) {
  personalDataReads(communityId: $communityId, subjectId: $subjectId, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor startCursor }
    nodes { requestId readerKind readerLabel subjectType subjectId field dataOf reader { login } }
  }
}`;

interface Entry {
  requestId: string;
  readerKind: string;
  readerLabel: string;
  subjectType: string;
  subjectId: string;
  field: string;
  dataOf: string;
  reader: { login: string } | null;
}
interface LogPage {
  personalDataReads: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null; startCursor: string | null };
    nodes: Entry[];
  };
}
interface WalkAnswer {
  node: {
    buildings: {
      nodes: Array<{
        units: { nodes: Array<{ households: { nodes: Array<{ id: string; doorNo: string | null; persons: { nodes: unknown[] } }> } }> };
      }>;
    };
  };
}

const ADMIN = 'admin.yongkangbeilu';

describe('the personal-data read log of a walk down a compound', () => {
  let app: TestApp;
  let community: string;
  let small: number;
  let large: number;

  beforeAll(async () => {
    app = await startTestApp();
    // Two compounds of one community with households, the second made larger by 30 households of
    // two persons each added here.
    const compounds = await sql<{ id: number; community_id: number }>(
      app.database,
      `select cp.id, cp.community_id from compound cp join community c on c.id = cp.community_id
        where c.name = $1 and exists (select 1 from household h where h.compound_id = cp.id and h.archived_at is null)
        order by cp.id limit 2`,
      [DEMO.yongkang],
    );
    expect(compounds).toHaveLength(2);
    [small, large] = compounds.map((c) => c.id);
    community = gid('Community', compounds[0].community_id);
    const [unit] = await sql<{ id: number }>(
      app.database,
      `select u.id from unit u join building b on b.id = u.building_id where b.compound_id = $1 and u.archived_at is null order by u.id limit 1`,
      [large],
    );
    await sql(
      app.database,
      `select lianxin_grant_everything();
       with added as (
         insert into household (community_id, compound_id, building_id, unit_id, door_no)
         select u.community_id, b.compound_id, u.building_id, u.id, 'X' || g from unit u join building b on b.id = u.building_id, generate_series(1, 30) g
          where u.id = ${unit.id} returning id, community_id)
       insert into person (community_id, household_id, name, birth_year) select a.community_id, a.id, '住户' || a.id || '-' || g, 1980 from added a, generate_series(1, 2) g;`,
    );
  });
  afterAll(() => app.close());

  const walk = async (compound: number) => {
    const res = await app.request<WalkAnswer, { id: string }>(WALK, { id: gid('Compound', compound) }, { as: ADMIN });
    const data = ok(res);
    const households = data.node.buildings.nodes.flatMap((b) => b.units.nodes.flatMap((u) => u.households.nodes));
    const [rows] = await sql<{ batches: number; entries: number }>(
      app.database,
      `select (select count(*)::int from personal_data_read_batch where request_id = $1) as batches,
              (select count(*)::int from personal_data_read where request_id = $1) as entries`,
      [res.extensions!.requestId],
    );
    return { res, households, ...rows };
  };

  it('writes one log row per kind of value and the same statements however many households and persons it shows', async () => {
    const a = await walk(small);
    const b = await walk(large);
    const shown = (w: typeof a) => w.households.filter((h) => h.doorNo !== null).length;
    expect(shown(b)).toBeGreaterThan(shown(a) + 25);
    expect(b.households.flatMap((h) => h.persons.nodes).length).toBeGreaterThan(a.households.flatMap((h) => h.persons.nodes).length);
    // One entry per door number shown plain, in one row.
    expect(a.entries).toBe(shown(a));
    expect(b.entries).toBe(shown(b));
    expect(a.batches).toBe(1);
    expect(b.batches).toBe(1);
    expect(b.res.extensions!.sqlStatements).toBe(a.res.extensions!.sqlStatements);
  });

  it("lists exactly the entries shown, one per object, on every page, forwards and backwards, to the community's admin only", async () => {
    const w = await walk(large);
    const requestId = w.res.extensions!.requestId;
    const expected = w.households
      .filter((h) => h.doorNo !== null)
      .map((h) => h.id)
      .sort();

    // Forwards in pages of 7 through the whole log: every entry once, in one ascending order.
    const all: Entry[] = [];
    let after: string | null = null;
    let total: number;
    for (;;) {
      const page: LogPage = ok(
        await app.request<LogPage, Record<string, unknown>>(LOG, { communityId: community, first: 7, after }, { as: ADMIN }),
      );
      all.push(...page.personalDataReads.nodes);
      total = page.personalDataReads.totalCount;
      if (!page.personalDataReads.pageInfo.hasNextPage) break;
      after = page.personalDataReads.pageInfo.endCursor;
    }
    expect(all).toHaveLength(total);
    const ofThisRead = all.filter((e) => e.requestId === requestId);
    expect(ofThisRead.map((e) => e.subjectId).sort()).toEqual(expected);
    for (const e of ofThisRead)
      expect(e).toEqual({
        requestId,
        readerKind: 'USER',
        readerLabel: ADMIN,
        subjectType: 'Household',
        subjectId: expect.any(String),
        field: 'doorNo',
        dataOf: 'household',
        reader: { login: ADMIN },
      });

    // Backwards from the end: the newest entries are this read's last ones, in the same order.
    const newest: LogPage = ok(
      await app.request<LogPage, Record<string, unknown>>(LOG, { communityId: community, last: 5 }, { as: ADMIN }),
    );
    expect(newest.personalDataReads.nodes).toEqual(all.slice(-5));
    expect(newest.personalDataReads.pageInfo.hasPreviousPage).toBe(true);
    const before: LogPage = ok(
      await app.request<LogPage, Record<string, unknown>>(
        LOG,
        { communityId: community, last: 3, before: newest.personalDataReads.pageInfo.startCursor },
        { as: ADMIN },
      ),
    );
    expect(before.personalDataReads.nodes).toEqual(all.slice(-8, -5));

    // One object's entries: one per walk that showed its door number (two walks of this compound so far).
    const one = expected[0];
    const mine: LogPage = ok(
      await app.request<LogPage, Record<string, unknown>>(LOG, { communityId: community, subjectId: one, first: 100 }, { as: ADMIN }),
    );
    expect(mine.personalDataReads.nodes.map((e) => e.subjectId)).toEqual([one, one]);
    expect(mine.personalDataReads.totalCount).toBe(2);

    // Another community's admin reaches none of it.
    expect(codes(await app.request(LOG, { communityId: community, first: 5 }, { as: 'admin.zhenxing' }))).toEqual(['NOT_FOUND']);
  });

  it('refuses a cursor beyond the keys of the log', async () => {
    const tooLarge = Buffer.from(`k:${Number.MAX_SAFE_INTEGER + 2}`).toString('base64url');
    expect(codes(await app.request(LOG, { communityId: community, first: 5, after: tooLarge }, { as: ADMIN }))).toEqual(['BAD_USER_INPUT']);
  });
});
