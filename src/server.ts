import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createApp, type App } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase, openOrm, type DatabaseTarget } from './core/database/database';
import { createLogger, type Logger } from './core/logger';
import { hasDemoData, seedDemo } from './seed/demo';

/*
 * npm start: configuration → database (DATABASE_URL, or the embedded PostgreSQL under DATA_DIR) →
 * migrations → demo data on the embedded database's first start → HTTP. Problems an operator can
 * fix end with one line saying what to do; Ctrl-C stops the server and the embedded database.
 */

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  let db: DatabaseTarget | undefined;
  let orm: MikroORM | undefined;
  let app: App | undefined;
  let stopping = false;

  const stop = async (exitCode: number) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down');
    await app?.close().catch((err: Error) => logger.warn('closing HTTP failed', { message: err.message }));
    await orm?.close(true).catch((err: Error) => logger.warn('closing the database pool failed', { message: err.message }));
    await db?.embedded?.stop().catch((err: Error) => logger.warn('stopping the embedded PostgreSQL failed', { message: err.message }));
    process.exit(exitCode);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => void stop(0));

  try {
    db = await openDatabase(config, logger);
    orm = await openOrm(db.url, logger, config.poolMax);
    if (db.embedded && !(await hasDemoData(orm))) await seedDemo(orm, logger);
    app = await createApp({ orm, config, logger });
    const port = await app.listen(config.port, config.host);
    const shownHost = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
    logger.info(`Lianxin is serving GraphQL at http://${shownHost}:${port}/graphql`, {
      database: db.embedded ? `embedded PostgreSQL on port ${db.embedded.port}` : 'DATABASE_URL',
    });
  } catch (err) {
    reportStartupFailure(err, logger);
    await stop(1);
  }
}

function reportStartupFailure(err: unknown, logger: Logger): void {
  if (err instanceof ConfigError) {
    process.stderr.write(`lianxin: ${err.message}\n`);
    return;
  }
  const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
  process.stderr.write(`lianxin: could not start: ${message} (LOG_LEVEL=debug shows the detail)\n`);
  logger.debug('start-up failure', { stack: err instanceof Error ? err.stack : undefined });
}

main().catch((err) => {
  const message = err instanceof ConfigError ? err.message : err instanceof Error ? err.message.split('\n')[0] : String(err);
  process.stderr.write(`lianxin: ${message}\n`);
  process.exit(1);
});
