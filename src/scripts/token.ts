import 'reflect-metadata';
import { newApiKey } from '../core/auth/api-keys';
import { TokenService, type RunSql } from '../core/auth/tokens';
import { ConfigError, loadConfig } from '../config';
import { openCliDatabase } from '../seed/cli-database';
import { withTransaction } from '../core/database/owner-transaction';

/*
 * npm run token -- <login>
 * For a user: prints a bearer token signed with the server's key. For a service account: creates
 * a fresh API key and prints it (only its hash is stored). Uses the same database and key as
 * `npm start` (DATABASE_URL or the embedded database; JWT_PRIVATE_KEY or DATA_DIR's key).
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name) throw new ConfigError('usage: npm run token -- <login or service account name>');
  const config = loadConfig();
  const { orm, logger, close } = await openCliDatabase();
  try {
    const url = orm.config.getClientUrl();
    const found = await withTransaction(url, async (client) => {
      const user = await client.query<{ id: number }>('select id from user_account where login = lower($1) and disabled_at is null', [
        name,
      ]);
      if (user.rowCount) {
        const run: RunSql = async (text, values) => (await client.query(text, values)).rows;
        const issued = await TokenService.create(config.auth, config.dataDir, logger).issue(run, user.rows[0].id);
        return issued ? issued.token : undefined;
      }
      const account = await client.query<{ id: number }>('select id from service_account where name = lower($1) and disabled_at is null', [
        name,
      ]);
      if (!account.rowCount) return undefined;
      const key = newApiKey();
      await client.query(
        `insert into api_key (service_account_id, key_id, secret_hash, label, expires_at) values ($1, $2, $3, 'npm run token', now() + make_interval(days => $4))`,
        [account.rows[0].id, key.keyId, key.secretHash, config.auth.apiKeyDefaultTtlDays],
      );
      return key.token;
    });
    if (!found) throw new ConfigError(`no user or service account is named ${name}`);
    const token = found;
    process.stdout.write(`${token}\n`);
    process.stderr.write(`send it as: Authorization: Bearer ${token.slice(0, 12)}…\n`);
  } finally {
    await close();
  }
}

main().catch((err) => {
  process.stderr.write(`token: ${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
