import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '../../src/core/database/database';
import { Db } from '../../src/core/data/db';
import { quietLogger } from '../../src/core/logger';
import { createTestDatabase, databaseUrl, dropTestDatabase, sql } from '../support/databases';

/*
 * A transaction's BEGIN rides with its first statements, and its last statement may carry its
 * COMMIT (src/core/data/transaction-edges.ts). Round trips are counted where they happen: each Sync
 * of the extended protocol and each simple query the connection writes is one. What PostgreSQL runs
 * must not change: statements inside the transaction, a failed last statement or COMMIT keeping
 * nothing, the connection good for the next transaction.
 */

interface Connection {
  sync(): void;
  query(text: string): void;
}
interface PgClient {
  connection: Connection;
}

describe('BEGIN and COMMIT without round trips of their own', () => {
  let database: string;
  let orm: MikroORM;
  beforeAll(async () => {
    database = await createTestDatabase('schema');
    // One connection: every transaction below reuses the one before it.
    orm = await openOrm(databaseUrl(database), quietLogger, 1);
    await sql(
      database,
      `create table edge_row (n int primary key);
       create table edge_child (n int primary key, parent int references edge_row (n) deferrable initially deferred)`,
    );
  });
  afterAll(async () => {
    await orm.close(true);
    await dropTestDatabase(database);
  });
  beforeEach(() => sql(database, 'truncate edge_child, edge_row'));
  // A failed expectation leaves its transaction open: end it, so the one connection is free for the next test.
  let open: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const end of open) await end().catch(() => undefined);
    open = [];
  });

  // What the one pooled connection writes, counted from before each transaction begins.
  const written = { trips: 0, simple: [] as string[] };
  beforeAll(async () => {
    const knex = orm.em.getConnection().getKnex().client as {
      acquireConnection(): Promise<PgClient>;
      releaseConnection(c: PgClient): Promise<void>;
    };
    const client = await knex.acquireConnection();
    const { sync, query } = client.connection;
    client.connection.sync = function (this: Connection) {
      written.trips++;
      return sync.call(this);
    };
    client.connection.query = function (this: Connection, text: string) {
      written.trips++;
      written.simple.push(text.trim());
      return query.call(this, text);
    };
    await knex.releaseConnection(client);
  });

  /** A transaction begun on the ORM, its Db, and what its connection writes: round trips and simple queries' texts. */
  async function transaction(): Promise<{
    em: EntityManager;
    db: Db;
    roundTrips: () => number;
    simple: string[];
    end: (how: 'commit' | 'rollback') => Promise<void>;
  }> {
    written.trips = 0;
    const simple: string[] = (written.simple = []);
    const em = orm.em.fork({ clear: true, useContext: false });
    await em.begin();
    const trx = em.getTransactionContext()!;
    let ended = false;
    const end = async (how: 'commit' | 'rollback') => {
      if (ended) return;
      ended = true;
      await (how === 'commit' ? em.getConnection().commit(trx) : em.getConnection().rollback(trx));
    };
    open.push(() => end('rollback'));
    return { em, db: new Db(em, { count: 0 }), roundTrips: () => written.trips, simple, end };
  }

  it('sends BEGIN with the first statements, and what follows runs inside the transaction', async () => {
    const { db, roundTrips, simple, end } = await transaction();
    expect(roundTrips()).toBe(0);
    // A transaction-local setting outlives its statement only inside a transaction block.
    await db.query("select set_config('lianxin.edge', 'inside', true)");
    expect(roundTrips()).toBe(1);
    expect(await db.query("select current_setting('lianxin.edge', true) as v")).toEqual([{ v: 'inside' }]);
    expect(await db.query("select current_setting('transaction_isolation') as v, now() = statement_timestamp() as fresh")).toEqual([
      { v: 'read committed', fresh: false },
    ]);
    expect(roundTrips()).toBe(3);
    await end('commit');
    expect(simple).toEqual(['COMMIT;']);
    expect(roundTrips()).toBe(4);
  });

  it("sends BEGIN first when the ORM's own statement comes first, as before", async () => {
    const { em, db, roundTrips, simple, end } = await transaction();
    await em.getConnection().execute("select set_config('lianxin.edge', 'orm', true)", [], 'all', em.getTransactionContext());
    expect(simple[0]).toBe('BEGIN;');
    expect(await db.query("select current_setting('lianxin.edge', true) as v")).toEqual([{ v: 'orm' }]);
    expect(roundTrips()).toBe(3);
    await end('rollback');
    expect(simple[simple.length - 1]).toBe('ROLLBACK');
  });

  it("sends BEGIN first for the driver's own promise-style query too", async () => {
    const { em, db, simple, end } = await transaction();
    const trx = em.getTransactionContext<{ client: { acquireConnection(): Promise<{ query(text: string): Promise<unknown> }> } }>()!;
    const client = await trx.client.acquireConnection();
    await client.query("select set_config('lianxin.edge', 'driver', true)");
    expect(simple.slice(0, 1)).toEqual(['BEGIN;']);
    expect(await db.query("select current_setting('lianxin.edge', true) as v")).toEqual([{ v: 'driver' }]);
    await end('rollback');
  });

  it("keeps the ORM's statements in the order they were asked behind the BEGIN", async () => {
    const { em, end } = await transaction();
    const ctx = em.getTransactionContext();
    const [, read] = await Promise.all([
      em.getConnection().execute("select set_config('lianxin.edge', 'first', true)", [], 'all', ctx),
      em.getConnection().execute<Array<{ v: string | null }>>("select current_setting('lianxin.edge', true) as v", [], 'all', ctx),
    ]);
    expect(read).toEqual([{ v: 'first' }]);
    await end('rollback');
  });

  it('sends nothing at all for a transaction that sent no statement', async () => {
    for (const how of ['commit', 'rollback'] as const) {
      const { roundTrips, end } = await transaction();
      await end(how);
      expect(roundTrips()).toBe(0);
    }
    // Nothing is left open or pending on the connection: the next transaction begins afresh and keeps its write.
    const next = await transaction();
    await next.db.query('insert into edge_row (n) values (1)');
    await next.end('commit');
    expect(await sql(database, 'select n from edge_row')).toEqual([{ n: 1 }]);
  });

  it('sends the last statement with COMMIT in one round trip, keeps it, and refuses anything after it', async () => {
    const { db, roundTrips, simple, end } = await transaction();
    await db.query('insert into edge_row (n) values (1)');
    expect(await db.commitWith('insert into edge_row (n) values ($1) returning n', [2])).toEqual([{ n: 2 }]);
    expect(roundTrips()).toBe(2);
    // Committed already: another connection sees both rows before the transaction's own COMMIT is asked.
    expect(await sql(database, 'select n from edge_row order by n')).toEqual([{ n: 1 }, { n: 2 }]);
    await expect(db.query('insert into edge_row (n) values (3)')).rejects.toThrow('the request has ended');
    await end('commit');
    expect(simple).toEqual([]);
    expect(roundTrips()).toBe(2);
    expect(await sql(database, 'select n from edge_row order by n')).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('refuses, unsent, what the ORM or another runner asks once the last statement and its COMMIT are out', async () => {
    const { em, db, roundTrips, end } = await transaction();
    const other = new Db(em, { count: 0 });
    await db.query('insert into edge_row (n) values (1)');
    const last = db.commitWith('insert into edge_row (n) values (2)');
    // Asked while the COMMIT is on its way, and after it: either would run on its own, outside the transaction.
    const during = other.query('insert into edge_row (n) values (3)');
    await last;
    await expect(during).rejects.toThrow('the transaction has ended');
    await expect(other.query('insert into edge_row (n) values (4)')).rejects.toThrow('the transaction has ended');
    await expect(em.getConnection().execute('insert into edge_row (n) values (5)', [], 'run', em.getTransactionContext())).rejects.toThrow(
      'the transaction has ended',
    );
    expect(roundTrips()).toBe(2);
    await end('commit');
    expect(await sql(database, 'select n from edge_row order by n')).toEqual([{ n: 1 }, { n: 2 }]);
    // The next transaction on the connection is not refused.
    const next = await transaction();
    await next.db.query('insert into edge_row (n) values (6)');
    await next.end('commit');
    expect(await sql(database, 'select n from edge_row order by n')).toEqual([{ n: 1 }, { n: 2 }, { n: 6 }]);
  });

  it('sends what was still waiting before the last statement, in the same transaction', async () => {
    const { db, roundTrips, end } = await transaction();
    const waiting = db.query('insert into edge_row (n) values (1) returning n');
    await db.commitWith('insert into edge_row (n) values (2)');
    await expect(waiting).resolves.toEqual([{ n: 1 }]);
    await end('commit');
    expect(roundTrips()).toBe(2);
    expect(await sql(database, 'select n from edge_row order by n')).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('keeps nothing when the last statement fails: PostgreSQL skips the COMMIT and the ROLLBACK goes out', async () => {
    const { db, simple, end } = await transaction();
    await db.query('insert into edge_row (n) values (1)');
    await expect(db.commitWith('insert into edge_row (n) values (1)')).rejects.toMatchObject({ code: '23505' });
    await end('rollback');
    expect(simple).toEqual(['ROLLBACK']);
    expect(await sql(database, 'select n from edge_row')).toEqual([]);
    // The connection goes on: the next transaction begins afresh and keeps its write.
    const next = await transaction();
    await next.db.query("select set_config('lianxin.edge', 'next', true)");
    expect(await next.db.query("select current_setting('lianxin.edge', true) as v")).toEqual([{ v: 'next' }]);
    await next.db.query('insert into edge_row (n) values (5)');
    await next.end('commit');
    expect(await sql(database, 'select n from edge_row')).toEqual([{ n: 5 }]);
  });

  it('keeps nothing when the COMMIT itself fails (a deferred check), and says so', async () => {
    const { db, end } = await transaction();
    await db.query('insert into edge_row (n) values (1)');
    await expect(db.commitWith('insert into edge_child (n, parent) values (1, 99)')).rejects.toMatchObject({ code: '23503' });
    await end('rollback');
    expect(await sql(database, 'select n from edge_row')).toEqual([]);
    expect(await sql(database, 'select n from edge_child')).toEqual([]);
    const next = await transaction();
    await next.db.commitWith('insert into edge_row (n) values (7)');
    await next.end('commit');
    expect(await sql(database, 'select n from edge_row')).toEqual([{ n: 7 }]);
  });
  it('fails a COMMIT that PostgreSQL answers with ROLLBACK: a failed statement nobody saw aborted the transaction', async () => {
    const { db, end } = await transaction();
    await db.query('insert into edge_row (n) values (1)');
    // Its failure swallowed, as a timed-out side statement's might be: the transaction is aborted all the same.
    await db.query('insert into edge_row (n) values (1)').catch(() => undefined);
    await expect(end('commit')).rejects.toMatchObject({
      code: '25P02',
      message: expect.stringContaining('answered its COMMIT with ROLLBACK'),
    });
    expect(await sql(database, 'select n from edge_row')).toEqual([]);
    // The connection is out of the transaction: the next one keeps its write.
    const next = await transaction();
    await next.db.query('insert into edge_row (n) values (2)');
    await next.end('commit');
    expect(await sql(database, 'select n from edge_row')).toEqual([{ n: 2 }]);
  });
});
