import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { openOrm } from '../../src/core/database/database';
import { createRequestContext } from '../../src/context';
import { Db, dbOf } from '../../src/core/data/db';
import type { TokenService } from '../../src/core/auth/tokens';
import { mutate } from '../../src/core/graphql/mutation';
import { refuse } from '../../src/core/validation/user-error';
import { ApiError } from '../../src/core/errors/errors';
import { quietLogger } from '../../src/core/logger';
import { createTestDatabase, databaseUrl, dropTestDatabase, sql } from '../support/databases';

/*
 * The read path's statements of one turn go to PostgreSQL in one round trip (src/core/data/pipeline.ts).
 * What a caller sees must not change: each statement its own rows or its own error, in order; what
 * follows an error is not run; prepared statements stay known to the connection exactly when
 * PostgreSQL has them.
 */

interface Wrapped {
  query(config: unknown): unknown;
}

describe('statements of one turn, sent together', () => {
  let database: string;
  let orm: MikroORM;
  beforeAll(async () => {
    database = await createTestDatabase('schema');
    orm = await openOrm(databaseUrl(database), quietLogger, 2);
    // Called once, so that a later nextval would move last_value (a fresh sequence's first call does not).
    await sql(database, "create sequence pipeline_probe; select nextval('pipeline_probe')");
    await sql(database, 'create table pipeline_probe_row (n int primary key)');
  });
  afterAll(async () => {
    await orm.close(true);
    await dropTestDatabase(database);
  });

  /** A transaction with a Db on it, and the number of items handed to its connection's driver. */
  async function inTransaction(work: (db: Db, tally: { count: number }, roundTrips: () => number) => Promise<void>): Promise<void> {
    const em: EntityManager = orm.em.fork({ clear: true, useContext: false });
    await em.begin();
    try {
      const tally = { count: 0 };
      const db = new Db(em, tally);
      const trx = em.getTransactionContext<{ client: { acquireConnection(): Promise<Wrapped> } }>()!;
      const client = await trx.client.acquireConnection();
      const query = client.query;
      let sent = 0;
      client.query = function (this: Wrapped, config: unknown) {
        sent++;
        return query.call(this, config);
      };
      try {
        await work(db, tally, () => sent);
      } finally {
        client.query = query;
      }
    } finally {
      await em.rollback();
    }
  }

  it('answers four independent statements in one round trip, each with its own rows', async () => {
    await inTransaction(async (db, tally, roundTrips) => {
      const [a, b, c, d] = await Promise.all([
        db.query<{ n: number }>('select $1::int * 2 as n', [21]),
        db.query<{ s: string }>('select s from unnest($1::text[]) s order by s', [['b', 'a']]),
        db.query<{ n: number }>('select 1 as n where false'),
        db.query<{ n: number }>('select $1::int * 2 as n', [5]),
      ]);
      expect(a).toEqual([{ n: 42 }]);
      expect(b).toEqual([{ s: 'a' }, { s: 'b' }]);
      expect(c).toEqual([]);
      expect(d).toEqual([{ n: 10 }]);
      expect(roundTrips()).toBe(1);
      expect(tally.count).toBe(4);
      // Dependent statements still go one after the other.
      const [first] = await db.query<{ n: number }>('select 7 as n');
      expect(await db.query<{ n: number }>('select $1::int + 1 as n', [first.n])).toEqual([{ n: 8 }]);
      expect(roundTrips()).toBe(3);
    });
  });

  it('fails the statement that failed; what follows it is not run and says so', async () => {
    const before = Number((await sql<{ n: string }>(database, 'select last_value as n from pipeline_probe'))[0].n);
    await inTransaction(async (db, _tally, roundTrips) => {
      const outcomes = await Promise.allSettled([
        db.query<{ n: number }>('select 1 as n'),
        db.query('select 1 / (select 0) as n'),
        db.query("select nextval('pipeline_probe') as n"),
      ]);
      expect(roundTrips()).toBe(1);
      expect(outcomes[0]).toEqual({ status: 'fulfilled', value: [{ n: 1 }] });
      expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: { code: '22012' } });
      expect(outcomes[2]).toMatchObject({ status: 'rejected', reason: { code: '25P02' } });
    });
    // Sequences ignore rollbacks: had the third statement run, the sequence would have moved.
    expect(Number((await sql<{ n: string }>(database, 'select last_value as n from pipeline_probe'))[0].n)).toBe(before);
  });

  it('keeps the prepared statements the connection knows exactly those PostgreSQL parsed', async () => {
    await inTransaction(async (db) => {
      await db.query('savepoint probe');
      const first = 'select 101 as n';
      const after = 'select 102 as n';
      // `first` is parsed before the error, `after` never is (PostgreSQL skips to the Sync).
      await Promise.allSettled([db.query(first), db.query(first), db.query('select 1 / (select 0)'), db.query(after)]);
      await db.query('rollback to savepoint probe');
      // Parsing `first` again would fail (it exists); executing `after` unparsed would fail (it does not).
      expect(await Promise.all([db.query(first), db.query(after), db.query(after)])).toEqual([[{ n: 101 }], [{ n: 102 }], [{ n: 102 }]]);
    });
  });

  it('refuses a batch whose values cannot be sent, whole, and the connection goes on', async () => {
    await inTransaction(async (db) => {
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      const outcomes = await Promise.allSettled([db.query('select 1 as n'), db.query('select $1::jsonb as j', [circular])]);
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
      expect(await db.query('select 2 as n')).toEqual([{ n: 2 }]);
      // A lone statement the same: refused before anything is written, and the connection goes on
      // (the driver's own path wrote Parse and Bind's failure left the connection waiting for a Sync).
      await expect(db.query('select $1::jsonb as j', [circular])).rejects.toThrow();
      expect(await db.query('select 3 as n')).toEqual([{ n: 3 }]);
    });
  });

  it('answers TIMEOUT for a statement PostgreSQL cancels, and for the ones sent with it', async () => {
    await inTransaction(async (db, _tally, roundTrips) => {
      await db.query("select set_config('statement_timeout', '200', true)");
      const outcomes = await Promise.allSettled([db.query('select 1 as n'), db.query('select pg_sleep(2)'), db.query('select 2 as n')]);
      expect(roundTrips()).toBe(2);
      expect(outcomes[0]).toEqual({ status: 'fulfilled', value: [{ n: 1 }] });
      for (const later of outcomes.slice(1)) {
        expect(later.status).toBe('rejected');
        expect((later as PromiseRejectedResult).reason).toBeInstanceOf(ApiError);
        expect((later as PromiseRejectedResult).reason).toMatchObject({ extensions: { code: 'TIMEOUT' } });
      }
      expect(db.timedOut).toBe(true);
      // Nothing more is sent on the aborted transaction.
      await expect(db.query('select 3')).rejects.toMatchObject({ extensions: { code: 'TIMEOUT' } });
      expect(roundTrips()).toBe(2);
    });
  });

  it('sends what waits when settled; once closed, refuses what waits and what comes after, sending nothing', async () => {
    await inTransaction(async (db, _tally, roundTrips) => {
      const waiting = db.query<{ n: number }>('select 1 as n');
      await db.settle();
      expect(roundTrips()).toBe(1);
      await expect(waiting).resolves.toEqual([{ n: 1 }]);
      const orphan = db.query('select 2 as n');
      db.close();
      await expect(orphan).rejects.toThrow('the request has ended');
      await expect(db.query('select 3 as n')).rejects.toThrow('the request has ended');
      await db.settle();
      expect(roundTrips()).toBe(1);
    });
  });

  /*
   * A mutation's statements leave one event-loop turn after they are made. Its work may make one and
   * fail in the same turn (a sibling write whose answer nobody awaits, then a refusal): the
   * statement must still run inside the mutation's savepoint, and be undone with it, never after
   * ROLLBACK TO SAVEPOINT in the request's transaction.
   */
  describe('a mutation that fails while a statement of its own waits', () => {
    async function inRequest(work: (ctx: ReturnType<typeof createRequestContext>) => Promise<void>): Promise<void> {
      const em: EntityManager = orm.em.fork({ clear: true, useContext: false });
      await em.begin();
      try {
        const ctx = createRequestContext({
          requestId: 'pipeline-test',
          em,
          logger: quietLogger,
          tally: { count: 0 },
          tokens: undefined as unknown as TokenService, // a mutation's runner never reads tokens
        });
        await work(ctx);
      } finally {
        await em.rollback();
      }
    }

    it('undoes the waiting write with the refused mutation, and the request goes on', async () => {
      await inRequest(async (ctx) => {
        const outcome = await mutate(ctx, {}, async (em) => {
          const sibling = dbOf(em).query('insert into pipeline_probe_row (n) values (1)');
          sibling.catch(() => undefined);
          refuse('n', 'INVALID', 'refused after a write was made');
        });
        expect(outcome.userErrors).toEqual([expect.objectContaining({ field: ['n'], code: 'INVALID' })]);
        // The request's transaction is alive, and the write went with the savepoint.
        expect(await ctx.db.query('select n from pipeline_probe_row')).toEqual([]);
        // A mutation that succeeds keeps its write: the check above can see one.
        await mutate(ctx, {}, async (em) => {
          await dbOf(em).query('insert into pipeline_probe_row (n) values (2)');
        });
        expect(await ctx.db.query('select n from pipeline_probe_row')).toEqual([{ n: 2 }]);
      });
    });

    it('reports the statement that failed, not its waiting sibling, and undoes both', async () => {
      await inRequest(async (ctx) => {
        const failing = mutate(ctx, {}, async (em) => {
          const db = dbOf(em);
          await Promise.all([
            db.query('insert into pipeline_probe_row (n) values (3)'),
            db.query('select 1 / 0'),
            db.query('insert into pipeline_probe_row (n) values (4)'),
          ]);
        });
        await expect(failing).rejects.toMatchObject({ code: '22012' });
        expect(await ctx.db.query('select n from pipeline_probe_row')).toEqual([]);
      });
    });
  });
});
