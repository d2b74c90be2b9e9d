import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config';
import { reindexStale } from '../core/crypto/reindex';
import { resealStale } from '../core/crypto/reseal';
import { openCliDatabase } from '../seed/cli-database';

/*
 * npm run keys:reencrypt [-- --batch-size=500]
 * After a key rotation (the new key first in FIELD_ENCRYPTION_KEYS, the old ones after it): seals
 * every identity card number, phone and webhook secret still under an old key id again with the
 * current key, in batches, each batch one transaction with its audit entry. Safe to re-run and to
 * interrupt; when it reports nothing left, the old keys can be removed from FIELD_ENCRYPTION_KEYS
 * once IDEMPOTENCY_KEY_HOURS have passed since the rotation (stored answers for replays are sealed
 * too, are not re-sealed, and expire by then).
 * Then computes every blind index again under the first key of FIELD_INDEX_KEY, rewriting those
 * still under a previous one; when it rewrites none, the previous index keys can be removed too.
 * Uses the same database and keys as `npm start` (docs/integration.md, "Rotation").
 */
async function main(): Promise<void> {
  const arg = process.argv.slice(2).find((a) => a.startsWith('--batch-size='));
  const batchSize = arg ? Number(arg.split('=')[1]) : 500;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000)
    throw new ConfigError('--batch-size must be a whole number from 1 to 10000');
  const config = loadConfig();
  const keys = config.fieldKeys;
  const { orm, close } = await openCliDatabase();
  try {
    const report = await resealStale(orm.config.getClientUrl(), keys, { batchSize });
    const values = Object.values(report.tables).reduce((n, t) => n + t.values, 0);
    for (const [table, t] of Object.entries(report.tables))
      process.stdout.write(`${table}: ${t.values} values in ${t.rows} rows sealed again with ${report.currentKey}\n`);
    process.stdout.write(
      values === 0
        ? `nothing left under an old key: every value is sealed with ${report.currentKey} (keep the old keys until IDEMPOTENCY_KEY_HOURS have passed since the rotation: stored answers for replays expire then)\n`
        : `done: ${values} values in ${report.batches} batches; run it again to confirm nothing is left\n`,
    );
    const indexed = await reindexStale(orm.config.getClientUrl(), keys, { batchSize });
    const stale = Object.values(indexed.tables).reduce((n, t) => n + t.indexes, 0);
    for (const [table, t] of Object.entries(indexed.tables))
      process.stdout.write(`${table}: ${t.indexes} blind indexes in ${t.rows} rows computed again with the current index key\n`);
    process.stdout.write(
      stale === 0
        ? 'every blind index is under the current index key: previous ones can be removed from FIELD_INDEX_KEY\n'
        : `done: ${stale} blind indexes rewritten; run it again to confirm nothing is left\n`,
    );
  } finally {
    await close();
  }
}

main().catch((err) => {
  process.stderr.write(`keys:reencrypt: ${err instanceof ConfigError ? err.message : (err as Error).message}\n`);
  process.exit(1);
});
