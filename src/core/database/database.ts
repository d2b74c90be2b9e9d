import path from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import type { Config } from '../../config';
import { checkConnection } from './check-connection';
import type { Logger } from '../logger';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres';
import { ormOptions } from './orm-options';

export const EMBEDDED_DATABASE = 'lianxin';

export interface DatabaseTarget {
  url: string;
  embedded?: RunningPostgres;
}

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount) return false;
    await client.query(`create database ${client.escapeIdentifier(name)} encoding 'UTF8' template template0`);
    return true;
  } finally {
    await client.end();
  }
}

/** DATABASE_URL when given; otherwise the embedded cluster under DATA_DIR, started here. */
export async function openDatabase(config: Config, logger: Logger): Promise<DatabaseTarget> {
  if (config.databaseUrl) {
    await checkConnection(config.databaseUrl);
    return { url: config.databaseUrl };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(config.dataDir, 'pg'),
    port: config.embeddedPgPort,
    logger,
  });
  try {
    await createDatabaseIfMissing(embedded.adminUrl(), EMBEDDED_DATABASE);
  } catch (err) {
    await embedded.stop();
    throw err;
  }
  return { url: embedded.adminUrl(EMBEDDED_DATABASE), embedded };
}

/** Opens the ORM and applies pending migrations (every schema change is a migration; never synchronize). */
export async function openOrm(url: string, logger: Logger, poolMax = 10): Promise<MikroORM> {
  const orm = await MikroORM.init(ormOptions({ clientUrl: url, poolMax, logger }));
  const applied = await orm.getMigrator().up();
  if (applied.length > 0) logger.info('applied migrations', { migrations: applied.map((m) => m.name) });
  return orm;
}
