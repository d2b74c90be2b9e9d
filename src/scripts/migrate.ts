import 'reflect-metadata';
import '../platform';
import { ConfigError, loadConfig } from '../config';
import { openDatabase, prepareDatabase } from '../core/database/database';
import { createLogger } from '../core/logger';

/*
 * npm run migrate — applies the pending migrations with the owner's connection
 * (MIGRATION_DATABASE_URL; outside production DATABASE_URL may be the owner's, or the embedded
 * database is used), and lets the application role log in with DATABASE_URL's password. Production
 * servers do not migrate on start: they refuse a database that is behind until this has run.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, undefined, { format: config.logFormat });
  const db = await openDatabase(config, logger);
  try {
    if (!db.ownerUrl) throw new ConfigError("set MIGRATION_DATABASE_URL to the owner's connection (the role that owns the tables)");
    await prepareDatabase(db, logger);
    process.stdout.write('migrate: the database is up to date\n');
  } finally {
    await db.embedded?.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`migrate: ${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
