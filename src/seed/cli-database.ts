import '../platform';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ConfigError, loadConfig } from '../config';
import { openDatabase, openOwnerOrm, prepareDatabase, type DatabaseTarget } from '../core/database/database';
import { createLogger, type Logger } from '../core/logger';

/**
 * For command-line tools (seeds, tokens, the bootstrap administrator): the same database `npm start`
 * would use (DATABASE_URL, or the embedded one under DATA_DIR), migrated, with the owner's
 * connection (MIGRATION_DATABASE_URL in production). Call `close` when done.
 */
export async function openCliDatabase(): Promise<{ orm: MikroORM; logger: Logger; db: DatabaseTarget; close(): Promise<void> }> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, undefined, { format: config.logFormat });
  const db = await openDatabase(config, logger);
  if (!db.ownerUrl) {
    await db.embedded?.stop();
    throw new ConfigError("this tool needs the owner's connection: set MIGRATION_DATABASE_URL");
  }
  await prepareDatabase(db, logger);
  const orm = await openOwnerOrm(db.ownerUrl, logger, 2);
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
