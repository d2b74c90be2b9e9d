import type { MikroORM } from '@mikro-orm/postgresql';
import { loadConfig } from '../config';
import { openDatabase, openOrm, type DatabaseTarget } from '../core/database/database';
import { createLogger, type Logger } from '../core/logger';

/**
 * For command-line tools (seeds, tokens): the same database `npm start` would use (DATABASE_URL,
 * or the embedded one under DATA_DIR), migrated. Call `close` when done.
 */
export async function openCliDatabase(): Promise<{ orm: MikroORM; logger: Logger; db: DatabaseTarget; close(): Promise<void> }> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const db = await openDatabase(config, logger);
  const orm = await openOrm(db.url, logger, 2);
  return {
    orm,
    logger,
    db,
    async close() {
      await orm.close(true);
      await db.embedded?.stop();
    },
  };
}
