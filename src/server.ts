import 'reflect-metadata';
import type { MikroORM } from '@mikro-orm/postgresql';
import { createApp, type App } from './app';
import { ConfigError, loadConfig } from './config';
import { openAppOrm, openDatabase, openOwnerOrm, prepareDatabase, type DatabaseTarget } from './core/database/database';
import { applyHeapPolicy } from './core/heap-policy';
import { createLogger, type Logger } from './core/logger';
import { hasDemoData, seedDemo } from './seed/demo';
import { demoLoginsWithPublishedPassword } from './seed/demo-guard';

/*
 * npm start: configuration → database (DATABASE_URL, or the embedded PostgreSQL under DATA_DIR) →
 * in development, migrations with the owner's connection and the demo data on the embedded
 * database's first start → the API's own connection, as the application role → HTTP. Production
 * does not migrate (npm run migrate does) and refuses a database that is behind, or that still has a
 * demo login with the published password. Problems an operator can fix end with one line saying
 * what to do; Ctrl-C stops the server and the embedded database.
 */

async function main(): Promise<void> {
  const config = loadConfig();
  applyHeapPolicy(config.heapGrowingPercent);
  const logger = createLogger(config.logLevel, undefined, { format: config.logFormat });
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
    // Production migrates only its own embedded cluster; a real deployment runs npm run migrate.
    if (db.ownerUrl && (config.env !== 'production' || db.embedded)) {
      await prepareDatabase(db, logger);
      // Demo data only where nobody else can sign in with its published password: development, on loopback.
      if (db.embedded && config.env === 'development') {
        const owner = await openOwnerOrm(db.ownerUrl, logger, 2);
        try {
          if (!(await hasDemoData(owner))) await seedDemo(owner, logger);
        } finally {
          await owner.close(true);
        }
      }
    }
    orm = await openAppOrm(db.appUrl, logger, config.poolMax, config.replicas.urls);
    if (config.env === 'production') {
      const demo = await demoLoginsWithPublishedPassword(orm);
      if (demo.length > 0) {
        throw new ConfigError(
          `this database has demo logins with the published password (${demo.join(', ')}); run npm run demo:retire with MIGRATION_DATABASE_URL before serving it in production`,
        );
      }
    }
    app = await createApp({ orm, config, logger });
    const port = await app.listen(config.port, config.host);
    // Every instance runs the job queue's runner: jobs are claimed with SKIP LOCKED, each runs once.
    await app.jobs.start();
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
