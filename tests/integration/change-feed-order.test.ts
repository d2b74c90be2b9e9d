import pg from 'pg';
import { databaseUrl, sql } from '../support/databases';
import { DEMO } from '../support/demo';
import { codes, gid, ok, startTestApp, type TestApp } from '../support/test-app';

/*
 * The change feed under concurrent writers: positions are handed out in commit order, so a reader
 * paging while others write never sees a later change before an earlier one is visible, and never
 * skips or repeats one. Writers here are raw transactions as the application role (as a request's
 * audit write is), held open and interleaved on purpose; the reader is the API.
 */

const CHANGES = `query FeedOrder($communityId: ID!, $after: String, $first: Int!, $since: DateTime) {
  changes(communityId: $communityId, after: $after, first: $first, since: $since) { changes { cursor nodeId fields } endCursor hasMore }
}`;

interface Page {
  changes: { changes: Array<{ cursor: string; nodeId: string; fields: string[] }>; endCursor: string | null; hasMore: boolean };
}

const positionOf = (cursor: string) => Number(Buffer.from(cursor, 'base64url').toString('utf8').split(':')[1]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the change feed under concurrent writers', () => {
  let app: TestApp;
  let communityPk: number;
  let community: string;
  let households: number[];
  const admin = { as: 'admin.yongkangbeilu' };

  /** A writer: its own connection, as the application role reaching every community, in an open transaction. */
  async function writer(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: databaseUrl(app.database) });
    await client.connect();
    await client.query('begin');
    await client.query('select lianxin_grant_everything()');
    await client.query('set local role lianxin_app');
    return client;
  }

  /** One audit entry of a household change whose only field name is `mark` (so the test knows it again). */
  function write(client: pg.Client, mark: string, household: number): Promise<unknown> {
    return client.query(
      `insert into audit_entry (community_id, request_id, actor_label, action, entity, entity_id, operation, changes)
       values ($1, 'feed-order', 'test', 'test', 'Household', $2, 'UPDATE', jsonb_build_object($3::text, jsonb_build_object('before', null, 'after', 1)))`,
      [communityPk, household, mark],
    );
  }

  /** Resolves once `client`'s statement is waiting on a lock in PostgreSQL (it has taken its id and waits for a position). */
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

  async function page(after: string | null, first = 1000) {
    return ok(await app.request<Page, Record<string, unknown>>(CHANGES, { communityId: community, after, first }, admin)).changes;
  }

  /** Reads everything after `after`; the positions seen must continue the cursor's without a gap. */
  async function drain(after: string | null, first = 1000) {
    let cursor = after;
    const seen: string[] = [];
    for (;;) {
      const p = await page(cursor, first);
      let expected = cursor ? positionOf(cursor) + 1 : null;
      for (const c of p.changes) {
        if (expected !== null) expect(positionOf(c.cursor)).toBe(expected);
        expected = positionOf(c.cursor) + 1;
        seen.push(...c.fields);
      }
      if (p.endCursor) cursor = p.endCursor;
      if (!p.hasMore) return { seen, cursor };
    }
  }

  beforeAll(async () => {
    app = await startTestApp();
    const [c] = await sql<{ id: number }>(app.database, 'select id from community where name = $1', [DEMO.yongkang]);
    communityPk = c.id;
    community = gid('Community', c.id);
    households = (
      await sql<{ id: number }>(app.database, 'select id from household where community_id = $1 order by id limit 10', [c.id])
    ).map((h) => h.id);
  });
  afterAll(() => app.close());

  it('shows a change written earlier but committed later after, never skipping it (id order is not commit order)', async () => {
    const { cursor: start } = await drain(null);
    const a = await writer();
    const b = await writer();
    try {
      await write(a, 'a1', households[0]);
      // b's entry gets its id now, then waits for a's position to be settled.
      const bWrites = write(b, 'b1', households[1]);
      await blocked(b);
      await write(a, 'a2', households[2]);
      const beforeCommit = await drain(start);
      expect(beforeCommit.seen).toEqual([]);
      await a.query('commit');
      await bWrites;
      // b has written but not committed: the reader sees a's two, and its cursor is past them only.
      const first = await drain(start);
      expect(first.seen).toEqual(['a1', 'a2']);
      await b.query('commit');
      const second = await drain(first.cursor);
      expect(second.seen).toEqual(['b1']);
      // b's entry was numbered (by id) between a's two: an id cursor would have skipped it.
      const ids = await sql<{ mark: string; id: string; seq: string }>(
        app.database,
        `select k as mark, id::text, feed_seq::text as seq from audit_entry, jsonb_object_keys(changes) k
          where request_id = 'feed-order' and k in ('a1', 'a2', 'b1') order by id`,
      );
      expect(ids.map((r) => r.mark)).toEqual(['a1', 'b1', 'a2']);
      expect(ids.map((r) => Number(r.seq) - Number(ids[0].seq))).toEqual([0, 2, 1]);
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('gives a rolled-back writer’s positions to the next writer: no gap', async () => {
    const { cursor: start } = await drain(null);
    const a = await writer();
    const b = await writer();
    try {
      await write(a, 'r1', households[0]);
      const bWrites = write(b, 'r2', households[1]);
      await blocked(b);
      await a.query('rollback');
      await bWrites;
      await b.query('commit');
      const { seen } = await drain(start);
      expect(seen).toEqual(['r2']);
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('gives back the positions of a rolled-back savepoint within a writer (a failed mutation of a request)', async () => {
    const { cursor: start } = await drain(null);
    const a = await writer();
    try {
      await write(a, 's1', households[0]);
      await a.query('savepoint failed_mutation');
      await write(a, 's2', households[1]);
      await write(a, 's3', households[1]);
      await a.query('rollback to savepoint failed_mutation');
      await write(a, 's4', households[2]);
      await a.query('commit');
    } finally {
      await a.end();
    }
    let expected = positionOf(start!) + 1;
    const p = await page(start);
    expect(p.changes.map((c) => c.fields)).toEqual([['s1'], ['s4']]);
    for (const c of p.changes) expect(positionOf(c.cursor)).toBe(expected++);
  });

  it('never skips or repeats a change while several writers commit in interleaved order, some slowly', async () => {
    const { cursor: start } = await drain(null);
    const committed: string[] = [];
    let writing = true;
    const writers = Array.from({ length: 5 }, async (_, w) => {
      for (let t = 0; t < 8; t++) {
        const client = await writer();
        try {
          const marks: string[] = [];
          const n = 1 + ((w + t) % 3);
          for (let e = 0; e < n; e++) {
            const mark = `w${w}t${t}e${e}`;
            await write(client, mark, households[(w + t + e) % households.length]);
            marks.push(mark);
            await sleep((w * 7 + t * 13 + e * 5) % 20);
          }
          // Now and then a long transaction, holding its community's next position back.
          if ((w + t) % 7 === 3) await sleep(300);
          if ((w * 3 + t) % 6 === 5) {
            await client.query('rollback');
          } else {
            await client.query('commit');
            committed.push(...marks);
          }
        } finally {
          await client.end();
        }
      }
    });
    const done = Promise.all(writers).finally(() => {
      writing = false;
    });

    // The reader pages all along, in small pages, checking that each page continues its cursor.
    let cursor = start;
    const seen: string[] = [];
    while (writing) {
      const got = await drain(cursor, 5);
      seen.push(...got.seen);
      cursor = got.cursor;
      await sleep(10);
    }
    await done;
    seen.push(...(await drain(cursor, 5)).seen);

    expect(committed.length).toBeGreaterThan(40);
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual([...committed].sort());
    // In position order, which is commit order: each writer's transactions in the order it committed them.
    const order = await sql<{ mark: string }>(
      app.database,
      `select k as mark from audit_entry, jsonb_object_keys(changes) k where request_id = 'feed-order' and k ~ '^w' order by feed_seq`,
    );
    expect(seen).toEqual(order.map((r) => r.mark));
    for (let w = 0; w < 5; w++) {
      const mine = (marks: string[]) => marks.filter((m) => m.startsWith(`w${w}t`));
      expect(mine(seen)).toEqual(mine(committed));
    }
  });

  it('starts at a time with since, and refuses a cursor or time beyond the retention with CURSOR_EXPIRED', async () => {
    const { cursor } = await drain(null);
    const [{ now }] = await sql<{ now: Date }>(app.database, 'select now() as now');
    const writerOld = await writer();
    try {
      await write(writerOld, 'recent', households[0]);
      await writerOld.query('commit');
    } finally {
      await writerOld.end();
    }
    const fromNow = ok(
      await app.request<Page, Record<string, unknown>>(CHANGES, { communityId: community, first: 10, since: now.toISOString() }, admin),
    ).changes;
    expect(fromNow.changes.map((c) => c.fields)).toEqual([['recent']]);
    const { cursor: afterRecent } = await drain(cursor);

    // A change recorded 40 days ago (the default retention is 30) follows the script's cursor.
    await sql(
      app.database,
      `insert into audit_entry (occurred_at, community_id, request_id, actor_label, action, entity, entity_id, operation, changes)
       values (now() - interval '40 days', $1, 'feed-order', 'test', 'test', 'Household', $2, 'UPDATE', '{"old": {"before": null, "after": 1}}')`,
      [communityPk, households[0]],
    );
    const refused = await app.request<Page, Record<string, unknown>>(
      CHANGES,
      { communityId: community, after: afterRecent, first: 10 },
      admin,
    );
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0].extensions).toEqual(
      expect.objectContaining({ reason: 'CURSOR_EXPIRED', retentionDays: 30, argument: 'after' }),
    );
    expect(refused.errors![0].message).toMatch(/resync/);
    const tooOld = await app.request<Page, Record<string, unknown>>(
      CHANGES,
      { communityId: community, first: 10, since: new Date(Date.now() - 31 * 86_400_000).toISOString() },
      admin,
    );
    expect(tooOld.errors![0].extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', reason: 'CURSOR_EXPIRED' }));
  });
});
