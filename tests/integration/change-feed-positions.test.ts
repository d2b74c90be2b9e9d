import pg from 'pg';
import { databaseUrl, sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Feed positions reserved for a whole statement (lianxin_feed_reserve, as a request's audit write
 * does) follow the same commit order as positions the row trigger hands out, mix with them in one
 * transaction, and a statement cannot keep positions it did not take under the feed lock.
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('feed positions reserved per statement', () => {
  let app: TestApp;
  let communityPk: number;

  async function writer(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: databaseUrl(app.database) });
    await client.connect();
    await client.query('begin');
    await client.query('select lianxin_grant_everything()');
    await client.query('set local role lianxin_app');
    return client;
  }

  /** Entries marked `marks`, numbered from one reservation, in one statement (the shape of the audit write). */
  function bulk(client: pg.Client, marks: string[]): Promise<unknown> {
    return client.query(
      `with x as materialized (select m, n from unnest($2::text[]) with ordinality as x(m, n)),
            r as materialized (select lianxin_feed_reserve($1::int, count(*)::int) as base from x)
       insert into audit_entry (community_id, request_id, actor_label, action, entity, operation, changes, feed_seq)
       select $1, 'feed-positions', 'test', 'test', 'Household', 'UPDATE', jsonb_build_object(x.m, 1), r.base + x.n
         from x cross join r order by x.n`,
      [communityPk, marks],
    );
  }

  /** One entry numbered by the row trigger. */
  function single(client: pg.Client, mark: string, position: number | null = null): Promise<unknown> {
    return client.query(
      `insert into audit_entry (community_id, request_id, actor_label, action, entity, operation, changes, feed_seq)
       values ($1, 'feed-positions', 'test', 'test', 'Household', 'UPDATE', jsonb_build_object($2::text, 1), $3)`,
      [communityPk, mark, position],
    );
  }

  async function positions(marks: string[]): Promise<Record<string, number>> {
    const rows = await sql<{ mark: string; seq: string }>(
      app.database,
      `select k as mark, feed_seq::text as seq from audit_entry, jsonb_object_keys(changes) k
        where request_id = 'feed-positions' and k = any($1::text[])`,
      [marks],
    );
    return Object.fromEntries(rows.map((r) => [r.mark, Number(r.seq)]));
  }

  async function highest(): Promise<number> {
    const [row] = await sql<{ seq: string }>(
      app.database,
      'select coalesce(max(feed_seq), 0)::text as seq from audit_entry where community_id = $1',
      [communityPk],
    );
    return Number(row.seq);
  }

  async function blocked(client: pg.Client): Promise<void> {
    const pid = (client as unknown as { processID: number }).processID;
    for (const end = Date.now() + 60_000; Date.now() < end; await sleep(10)) {
      const [row] = await sql<{ waiting: boolean }>(
        app.database,
        "select wait_event_type = 'Lock' as waiting from pg_stat_activity where pid = $1",
        [pid],
      );
      if (row?.waiting) return;
    }
    throw new Error(`writer ${pid} never waited on a lock`);
  }

  beforeAll(async () => {
    app = await startTestApp();
    const [c] = await sql<{ id: number }>(app.database, 'select id from community where name = $1', [DEMO.yongkang]);
    communityPk = c.id;
  });
  afterAll(() => app.close());

  it('numbers a later-committing statement after an earlier commit, and continues after the trigger’s positions in one transaction', async () => {
    const start = await highest();
    const a = await writer();
    const b = await writer();
    try {
      await single(a, 'p1');
      await bulk(a, ['p2', 'p3']);
      const bWrites = bulk(b, ['p4', 'p5', 'p6']);
      await blocked(b);
      await single(a, 'p7');
      await a.query('commit');
      await bWrites;
      await single(b, 'p8');
      await b.query('commit');
      const seen = await positions(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7', 'p8']);
      expect(seen).toEqual({
        p1: start + 1,
        p2: start + 2,
        p3: start + 3,
        p7: start + 4,
        p4: start + 5,
        p5: start + 6,
        p6: start + 7,
        p8: start + 8,
      });
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('refuses positions the statement did not take: past the reservation, short of it, or without a community', async () => {
    const client = await writer();
    const attempts: Array<[string, () => Promise<unknown>]> = [
      ['a position never reserved', async () => single(client, 'f1', (await highest()) + 5)],
      [
        'fewer entries than reserved',
        () =>
          client.query(
            `insert into audit_entry (community_id, request_id, actor_label, action, entity, operation, changes, feed_seq)
             select $1, 'feed-positions', 'test', 'test', 'Household', 'UPDATE', '{"f2":1}', lianxin_feed_reserve($1, 2) + 1`,
            [communityPk],
          ),
      ],
      [
        'a position without a community',
        () =>
          client.query(
            `insert into audit_entry (community_id, request_id, actor_label, action, entity, operation, changes, feed_seq)
             values (null, 'feed-positions', 'test', 'test', 'District', 'UPDATE', '{"f3":1}', 1)`,
          ),
      ],
    ];
    try {
      for (const [, attempt] of attempts) {
        await client.query('savepoint s');
        await expect(attempt()).rejects.toMatchObject({ code: '23514', constraint: 'audit_entry_feed_seq_taken' });
        await client.query('rollback to savepoint s');
      }
    } finally {
      await client.query('rollback');
      await client.end();
    }
    expect(await positions(['f1', 'f2', 'f3'])).toEqual({});
  });
});
