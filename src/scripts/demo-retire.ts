import 'reflect-metadata';
import { ConfigError } from '../config';
import { withTransaction } from '../core/database/owner-transaction';
import { openCliDatabase } from '../seed/cli-database';
import { DEMO_LOGINS } from '../seed/demo-principals';

/*
 * npm run demo:retire — disables the demo logins (their password is published in the README) and
 * ends their tokens, so a database that once held the demo may be served to a network. The demo's
 * places and people stay; create real administrators with npm run admin:create.
 */
async function main(): Promise<void> {
  const { orm, close } = await openCliDatabase();
  try {
    const retired = await withTransaction(orm.config.getClientUrl(), async (client) => {
      const { rows } = await client.query<{ login: string }>(
        'update user_account set disabled_at = now(), tokens_valid_after = now() where login = any ($1) and disabled_at is null returning login',
        [DEMO_LOGINS],
      );
      return rows.map((r) => r.login);
    });
    process.stdout.write(
      retired.length ? `disabled ${retired.length} demo logins: ${retired.join(', ')}\n` : 'no active demo login is left\n',
    );
  } finally {
    await close();
  }
}

main().catch((err) => {
  process.stderr.write(`demo:retire: ${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
});
