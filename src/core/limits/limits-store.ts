import pg from 'pg';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../logger';

/*
 * A small pool of its own for the limits' bookkeeping (budget charges, sign-in counters). It runs
 * outside request transactions — a counter must survive the request that counted it, and no row
 * lock may be held while a request runs — and never waits behind requests for a connection of the
 * main pool, nor makes a request hold two of them. It connects as the main pool does.
 */

export const LIMITS_POOL_SIZE = 2;

interface ConnectionSettings {
  connectionString?: string;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  ssl?: unknown;
}

/** How the main pool connects, for connections of their own (this pool, the live listener). */
export function connectionSettingsOf(orm: MikroORM): pg.ClientConfig {
  const knex = orm.em.getConnection().getKnex() as unknown as { client: { connectionSettings: ConnectionSettings } };
  const s = knex.client.connectionSettings;
  // knex hides the password from enumeration: copy the settings by name.
  return {
    connectionString: s.connectionString,
    host: s.host,
    port: s.port,
    user: s.user,
    password: s.password,
    database: s.database,
    ssl: s.ssl as pg.PoolConfig['ssl'],
  };
}

export function createLimitsPool(orm: MikroORM, logger: Logger): pg.Pool {
  const pool = new pg.Pool({
    ...connectionSettingsOf(orm),
    max: LIMITS_POOL_SIZE,
    idleTimeoutMillis: 30_000,
    application_name: 'lianxin-limits',
  });
  pool.on('error', (err) => logger.warn('limits pool: idle connection failed', { message: err.message }));
  return pool;
}
