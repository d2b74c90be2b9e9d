import 'reflect-metadata';
import { ConfigError } from '../config';
import { openCliDatabase } from './cli-database';
import { hasDemoData, seedDemo } from './demo';

/* npm run seed:demo — loads the demo data into DATABASE_URL (or the embedded database), once. */
async function main(): Promise<void> {
  const { orm, logger, close } = await openCliDatabase();
  try {
    if (await hasDemoData(orm)) logger.info('the demo data is already loaded; nothing to do');
    else await seedDemo(orm, logger);
  } finally {
    await close();
  }
}

main().catch((err) => {
  process.stderr.write(`seed:demo: ${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
