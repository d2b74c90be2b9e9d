import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../../src/config';
import { createRequestContext } from '../../src/context';
import { TokenService } from '../../src/core/auth/tokens';
import { openAppOrm } from '../../src/core/database/database';
import { StatementCounter } from '../../src/core/database/statement-counter';
import { Limits } from '../../src/core/limits/limits';
import { RequestSession } from '../../src/core/limits/request-session';
import { quietLogger } from '../../src/core/logger';
import { appDatabaseUrl, createTestDatabase, dropTestDatabase } from '../support/databases';
import { GENEROUS_LIMITS, testDataDir } from '../support/test-app';

/*
 * Apollo runs the plugins' didResolveOperation hooks side by side, so another plugin refusing there
 * ends the request (and app.ts closes the session) while limitsPlugin is still opening the
 * transaction. The close must wait for the open and roll back: otherwise the transaction stays
 * open and its pooled connection is never given back (found while building subscriptions).
 */

interface TarnPool {
  numUsed(): number;
}
const poolOf = (orm: MikroORM) => (orm.em.getConnection().getKnex() as unknown as { client: { pool?: TarnPool } }).client.pool;

describe('a request session closed while it is still opening', () => {
  let database: string;
  let orm: MikroORM;
  let limits: Limits;
  let counter: StatementCounter;
  let tokens: TokenService;

  beforeAll(async () => {
    database = await createTestDatabase('schema');
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: testDataDir(), ...GENEROUS_LIMITS });
    orm = await openAppOrm(appDatabaseUrl(database), quietLogger, 2);
    limits = Limits.create(orm, config, quietLogger);
    counter = new StatementCounter(orm);
    tokens = TokenService.create(config.auth, config.dataDir, quietLogger);
  });
  afterAll(async () => {
    await limits.close();
    await orm.close(true);
    await dropTestDatabase(database);
  });

  const session = () => {
    const em = orm.em.fork({ clear: true, useContext: false });
    const tally = { count: 0 };
    const ctx = createRequestContext({ requestId: 'race', em, logger: quietLogger, tally, tokens });
    return { ctx, session: new RequestSession(em, { kind: 'anonymous' }, '203.0.113.7', limits, counter) };
  };

  it('waits for the open, rolls it back and gives the connection back', async () => {
    // Several rounds, closed at different points of the open (before the slot, before BEGIN, in the first statement).
    for (const delay of [0, 1, 5, 20]) {
      const { ctx, session: s } = session();
      const opening = s.open(ctx).catch((err: Error) => err);
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      await s.close();
      await opening;
      expect(poolOf(orm)?.numUsed() ?? 0).toBe(0);
      expect(limits.poolShare.inUse('ip:203.0.113.7')).toEqual({ active: 0, waiting: 0 });
    }
    // Nothing it began was kept: the pool still serves, as many times as it has connections and more.
    for (let i = 0; i < 3; i++) {
      const { ctx, session: s } = session();
      await s.open(ctx);
      await s.close();
    }
    expect(poolOf(orm)?.numUsed() ?? 0).toBe(0);
  });
});
